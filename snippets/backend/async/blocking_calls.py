"""`async def` only when every call inside is awaited; blocking work goes to `def` or a thread.

Four requests hit each endpoint at once. A blocking call in `async def` stalls the event loop, so
they run one after another (never two in flight); the three correct variants overlap.
"""

import asyncio
import threading
import time
from contextlib import contextmanager

import httpx
from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

DELAY = 0.3
REQUESTS = 4
app = FastAPI()


in_flight = {"now": 0, "max": 0}
lock = threading.Lock()


@contextmanager
def tracked():
    """Counts how many calls overlap: the measurement, not part of the pattern."""
    with lock:
        in_flight["now"] += 1
        in_flight["max"] = max(in_flight["max"], in_flight["now"])
    try:
        yield
    finally:
        with lock:
            in_flight["now"] -= 1


def blocking_io() -> str:
    with tracked():
        time.sleep(DELAY)  # stands for requests.get, a sync DB driver, file I/O, CPU work
    return "done"


async def nonblocking_io() -> str:
    with tracked():
        await asyncio.sleep(DELAY)  # stands for an async driver or httpx.AsyncClient
    return "done"


# --8<-- [start:rules]
@app.get("/bad")
async def bad_endpoint() -> dict:
    blocking_io()  # NEVER: blocks the event loop, every other request waits
    return {"status": "done"}


@app.get("/good")
def good_endpoint() -> dict:
    blocking_io()  # plain def: FastAPI runs it in its thread pool
    return {"status": "done"}


@app.get("/offload")
async def offload_endpoint() -> dict:
    # async endpoint that must call one blocking library: hand that call to a thread
    return {"status": await run_in_threadpool(blocking_io)}


@app.get("/best")
async def best_endpoint() -> dict:
    return {"status": await nonblocking_io()}  # awaitable I/O all the way down
# --8<-- [end:rules]


async def wall_time(path: str) -> float:
    in_flight["max"] = 0
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        start = time.perf_counter()
        responses = await asyncio.gather(*(client.get(path) for _ in range(REQUESTS)))
        elapsed = time.perf_counter() - start
    assert all(r.json() == {"status": "done"} for r in responses)
    return elapsed


def test_blocking_in_async_def_serialises_requests() -> None:
    assert asyncio.run(wall_time("/bad")) >= REQUESTS * DELAY * 0.95  # one after another
    assert in_flight["max"] == 1  # the loop was blocked: never two requests in progress
    for path in ("/good", "/offload", "/best"):
        asyncio.run(wall_time(path))
        assert in_flight["max"] >= 2, path  # the requests overlapped


if __name__ == "__main__":
    test_blocking_in_async_def_serialises_requests()
