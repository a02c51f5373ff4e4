"""The retry helper retries connection errors and 503s, and never a 4xx."""

import asyncio

import httpx
import pytest
from patterns.retry import is_transient, retry_with_backoff

waits: list[float] = []


def record_sleep(seconds: float) -> None:
    waits.append(seconds)


# --8<-- [start:usage]
@retry_with_backoff(max_attempts=3, initial_delay=1.0, jitter=0.5, sleep=record_sleep)
def fetch_profile(client: httpx.Client, user_id: int) -> dict:
    response = client.get(f"https://api.example.test/users/{user_id}")
    response.raise_for_status()  # 4xx/5xx become httpx.HTTPStatusError
    return response.json()
# --8<-- [end:usage]


def client_answering(*statuses: int) -> tuple[httpx.Client, list[int]]:
    """A real httpx client whose transport answers the given statuses in order."""
    seen: list[int] = []
    queue = list(statuses)

    def handler(request: httpx.Request) -> httpx.Response:
        status = queue.pop(0)
        seen.append(status)
        return httpx.Response(status, json={"id": 7})

    return httpx.Client(transport=httpx.MockTransport(handler)), seen


# A 503 then a 502 then success: three calls, two waits that grow.
client, seen = client_answering(503, 502, 200)
assert fetch_profile(client, 7) == {"id": 7}
assert seen == [503, 502, 200]
assert len(waits) == 2
assert 1.0 <= waits[0] <= 1.5 and 2.0 <= waits[1] <= 2.5

# A 404 is permanent: one call, no wait, the original error.
waits.clear()
client, seen = client_answering(404, 200)
with pytest.raises(httpx.HTTPStatusError) as info:
    fetch_profile(client, 7)
assert info.value.response.status_code == 404
assert seen == [404] and waits == []

# Still failing after max_attempts: the last error is raised unchanged.
waits.clear()
client, seen = client_answering(503, 503, 503, 200)
with pytest.raises(httpx.HTTPStatusError):
    fetch_profile(client, 7)
assert len(seen) == 3 and len(waits) == 2

# --8<-- [start:classify]
assert is_transient(ConnectionError()) and is_transient(TimeoutError())
assert is_transient(httpx.ConnectError("refused"))
for status, expected in [(400, False), (401, False), (404, False), (422, False),
                         (429, True), (500, True), (503, True)]:
    response = httpx.Response(status, request=httpx.Request("GET", "https://x.test"))
    error = httpx.HTTPStatusError("status", request=response.request, response=response)
    assert is_transient(error) is expected, status
assert not is_transient(ValueError("bad input"))
# --8<-- [end:classify]


# --8<-- [start:async]
async_waits: list[float] = []


async def record_async_sleep(seconds: float) -> None:
    async_waits.append(seconds)


calls = 0


@retry_with_backoff(max_attempts=4, initial_delay=0.5, jitter=0, sleep=record_async_sleep)
async def call_api() -> str:
    global calls
    calls += 1
    if calls < 3:
        raise ConnectionError("reset by peer")
    return "done"


assert asyncio.run(call_api()) == "done"
assert calls == 3 and async_waits == [0.5, 1.0]
# --8<-- [end:async]
