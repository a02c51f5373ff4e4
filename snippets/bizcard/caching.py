"""BizCard's OCR-result cache, corrected: async Redis in an async route, and nothing undefined.

fakeredis stands in for the Redis server; the cache calls are those of `redis.asyncio`.
"""

import asyncio
import json
from typing import Annotated

from fakeredis import FakeAsyncRedis
from fastapi import Depends, FastAPI, HTTPException
from fastapi.testclient import TestClient
from redis.asyncio import Redis

app = FastAPI()
OCR_RESULTS = {"u1": {"full_name": "John Doe", "email": "john@example.com"}}  # stands for the DB
db_reads: list[str] = []


async def fetch_ocr_result(upload_id: str) -> dict | None:
    db_reads.append(upload_id)
    return OCR_RESULTS.get(upload_id)


# --8<-- [start:cache]
CACHE_TTL_SECONDS = 3600


async def get_cache() -> Redis:
    return app.state.cache  # Redis.from_url(settings.redis_url) at startup in the real app


@app.get("/ocr/results/{upload_id}")
async def get_ocr_results(upload_id: str, cache: Annotated[Redis, Depends(get_cache)]) -> dict:
    key = f"ocr:{upload_id}"
    if (cached := await cache.get(key)) is not None:
        return json.loads(cached)
    result = await fetch_ocr_result(upload_id)
    if result is None:
        raise HTTPException(404, "no such upload")  # misses are not cached
    await cache.set(key, json.dumps(result), ex=CACHE_TTL_SECONDS)
    return result
# --8<-- [end:cache]


# --8<-- [start:checks]
app.state.cache = FakeAsyncRedis()
client = TestClient(app)
first = client.get("/ocr/results/u1")
second = client.get("/ocr/results/u1")
assert first.json() == second.json() == OCR_RESULTS["u1"]
assert db_reads == ["u1"], db_reads  # the second request came from the cache
assert client.get("/ocr/results/nope").status_code == 404
ttl = asyncio.run(app.state.cache.ttl("ocr:u1"))
assert 0 < ttl <= CACHE_TTL_SECONDS
print("database reads:", len(db_reads))
# --8<-- [end:checks]
# Output:
# database reads: 2
