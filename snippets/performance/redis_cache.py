"""Cache-aside with Redis: read the cache, on a miss load and store with an expiry."""

import asyncio
import json

import fakeredis

loads: list[int] = []


async def fetch_user(user_id: int) -> dict:
    loads.append(user_id)  # stands for the database query
    return {"id": user_id, "name": f"user-{user_id}"}


# --8<-- [start:cache-aside]
async def get_user(redis, user_id: int, ttl_seconds: float = 300) -> dict:
    cache_key = f"user:{user_id}"
    cached = await redis.get(cache_key)
    if cached is not None:
        return json.loads(cached)
    data = await fetch_user(user_id)
    await redis.set(cache_key, json.dumps(data), px=int(ttl_seconds * 1000))  # always expire
    return data
# --8<-- [end:cache-aside]


async def main() -> None:
    # fakeredis implements the Redis protocol in memory; the client calls are the real ones.
    redis = fakeredis.FakeAsyncRedis()
    assert await get_user(redis, 1) == {"id": 1, "name": "user-1"}
    assert await get_user(redis, 1) == {"id": 1, "name": "user-1"}
    assert loads == [1]
    assert 0 < await redis.pttl("user:1") <= 300_000  # every key has an expiry

    await get_user(redis, 2, ttl_seconds=0.05)
    await asyncio.sleep(0.1)
    await get_user(redis, 2, ttl_seconds=0.05)
    assert loads == [1, 2, 2]  # expired, loaded again


asyncio.run(main())
