"""Every outbound call has a deadline: per client with httpx, per operation with asyncio."""

import asyncio
import time

import httpx
import pytest


# --8<-- [start:httpx]
def make_client(transport: httpx.BaseTransport | None = None) -> httpx.Client:
    # connect, read, write and pool each get 5 s; a hung server cannot hold a worker forever.
    return httpx.Client(timeout=httpx.Timeout(5.0), transport=transport)
# --8<-- [end:httpx]


def slow_server(request: httpx.Request) -> httpx.Response:
    # What httpx raises when the read deadline passes.
    raise httpx.ReadTimeout("read timed out", request=request)


client = make_client(httpx.MockTransport(slow_server))
assert client.timeout.read == 5.0 and client.timeout.connect == 5.0
with pytest.raises(httpx.TimeoutException):
    client.get("https://slow.example.test/")

# httpx's default is 5 s too, but `timeout=None` turns every limit off: never pass it.
assert httpx.Client(timeout=None).timeout.read is None  # noqa: S113 - shown as the bad case


# --8<-- [start:wait-for]
async def operation() -> str:
    await asyncio.sleep(10)  # stands for a slow query or a slow model call
    return "late"


async def with_deadline() -> str:
    try:
        return await asyncio.wait_for(operation(), timeout=0.05)
    except TimeoutError:  # asyncio.TimeoutError is TimeoutError since Python 3.11
        return "fallback"
# --8<-- [end:wait-for]


start = time.perf_counter()
assert asyncio.run(with_deadline()) == "fallback"
assert time.perf_counter() - start < 1.0  # gave up after 0.05 s, not 10 s
