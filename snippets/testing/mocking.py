"""Replace external services at the boundary: a fake passed in, or an autospec'd patch of the
name where the code under test looks it up."""

import asyncio
from unittest.mock import AsyncMock, create_autospec, patch

import pytest
from testing.shop import llm
from testing.shop.summary import summarize


# --8<-- [start:patch]
def test_summarize_calls_the_model_once() -> None:
    # Patch where the name is looked up (summary.complete), not where it is defined.
    with patch("testing.shop.summary.complete", autospec=True) as complete:
        # autospec of an `async def` gives an AsyncMock with the real signature.
        complete.return_value = " a short summary "
        assert asyncio.run(summarize("long text")) == "a short summary"
    complete.assert_awaited_once_with("Summarize: long text", max_tokens=64)
# --8<-- [end:patch]


# --8<-- [start:wrong-place]
def test_patching_where_defined_misses_the_call() -> None:
    # summary.py did `from testing.shop.llm import complete` at import time: it holds its own
    # reference, so replacing llm.complete changes nothing for it and the real client runs.
    with patch("testing.shop.llm.complete", autospec=True) as complete:
        with pytest.raises(RuntimeError, match="called the paid API"):
            asyncio.run(summarize("long text"))
    complete.assert_not_awaited()
# --8<-- [end:wrong-place]


# --8<-- [start:autospec]
def test_autospec_rejects_calls_the_real_client_would_reject() -> None:
    fake = create_autospec(llm.complete)
    with pytest.raises(TypeError):
        fake("prompt", temperature=0.2)  # no such parameter on the real function
    loose = AsyncMock()  # without a spec, the same wrong call is accepted silently
    asyncio.run(loose("prompt", temperature=0.2))
    loose.assert_awaited_once()
# --8<-- [end:autospec]


# --8<-- [start:fake]
class FakeGeocoder:
    """Predictable answers for known addresses; unknown ones fail like the real service."""

    KNOWN = {"123 Main St": (40.7128, -74.0060)}

    async def geocode_address(self, address: str) -> tuple[float, float] | None:
        return self.KNOWN.get(address)


class DeviceService:
    def __init__(self, geocoder) -> None:
        self.geocoder = geocoder  # injected: production passes the real client

    async def place_device(self, address: str) -> dict:
        coordinates = await self.geocoder.geocode_address(address)
        return {"address": address, "located": coordinates is not None,
                "coordinates": coordinates}


def test_device_is_placed_with_fake_geocoder() -> None:
    service = DeviceService(FakeGeocoder())
    placed = asyncio.run(service.place_device("123 Main St"))
    assert placed["coordinates"] == (40.7128, -74.0060)
    assert asyncio.run(service.place_device("Invalid Address"))["located"] is False
# --8<-- [end:fake]


if __name__ == "__main__":
    raise SystemExit(pytest.main([__file__, "-q", "-p", "no:cacheprovider"]))
