"""Independent awaits run concurrently with asyncio.gather; sequential awaits add up."""

import asyncio
import time


async def fetch_user(user_id: int) -> dict:
    await asyncio.sleep(0.1)  # stands for a 100 ms HTTP or database call
    return {"id": user_id}


async def sequential() -> list[dict]:
    # --8<-- [start:bad]
    results = []
    for i in [1, 2, 3]:
        result = await fetch_user(i)  # waits for each before starting the next
        results.append(result)
    # --8<-- [end:bad]
    return results


async def concurrent() -> list[dict]:
    # --8<-- [start:good]
    results = await asyncio.gather(fetch_user(1), fetch_user(2), fetch_user(3))
    # --8<-- [end:good]
    return list(results)


async def bounded(user_ids: list[int], limit: int = 10) -> list[dict]:
    # --8<-- [start:bounded]
    semaphore = asyncio.Semaphore(limit)  # at most `limit` calls in flight

    async def one(user_id: int) -> dict:
        async with semaphore:
            return await fetch_user(user_id)

    return list(await asyncio.gather(*(one(u) for u in user_ids)))
    # --8<-- [end:bounded]


def timed(coro) -> tuple[list[dict], float]:
    start = time.perf_counter()
    result = asyncio.run(coro)
    return result, time.perf_counter() - start


seq, seq_time = timed(sequential())
con, con_time = timed(concurrent())
assert seq == con == [{"id": 1}, {"id": 2}, {"id": 3}]  # same results, same order
assert seq_time >= 0.3 and con_time < 0.2, (seq_time, con_time)

many, many_time = timed(bounded(list(range(30)), limit=10))
assert len(many) == 30 and 0.3 <= many_time < 0.6, many_time  # three waves of ten
