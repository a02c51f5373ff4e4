"""Replace external services at the boundary: a fake passed in, or an autospec'd patch."""

import sys
from unittest.mock import create_autospec, patch

import pytest


class LLMClient:
    def complete(self, prompt: str, *, max_tokens: int = 256) -> str:
        raise RuntimeError("would call the paid API")  # never reached in tests


llm_client = LLMClient()


def summarize(text: str) -> str:
    return llm_client.complete(f"Summarize: {text}", max_tokens=64).strip()


# --8<-- [start:patch]
@pytest.fixture
def mock_llm():
    # autospec: the mock has the real method signatures, so a wrong call fails the test.
    with patch.object(sys.modules[__name__], "llm_client", autospec=True) as mock:
        mock.complete.return_value = " a short summary "
        yield mock


def test_summarize_calls_the_model_once(mock_llm):
    assert summarize("long text") == "a short summary"
    mock_llm.complete.assert_called_once_with("Summarize: long text", max_tokens=64)
# --8<-- [end:patch]


def test_autospec_rejects_calls_the_real_client_would_reject():
    fake = create_autospec(LLMClient, instance=True)
    with pytest.raises(TypeError):
        fake.complete("prompt", temperature=0.2)  # no such parameter on the real method


# --8<-- [start:fake]
class FakeGeocoder:
    """Predictable answers for known addresses; unknown ones fail like the real service."""

    KNOWN = {"123 Main St": (40.7128, -74.0060)}

    def geocode_address(self, address: str) -> tuple[float, float] | None:
        return self.KNOWN.get(address)


class DeviceService:
    def __init__(self, geocoder) -> None:
        self.geocoder = geocoder  # injected: production passes the real client

    def place_device(self, address: str) -> dict:
        coordinates = self.geocoder.geocode_address(address)
        return {"address": address, "located": coordinates is not None,
                "coordinates": coordinates}


def test_device_is_placed_with_fake_geocoder():
    service = DeviceService(FakeGeocoder())
    assert service.place_device("123 Main St")["coordinates"] == (40.7128, -74.0060)
    assert service.place_device("Invalid Address")["located"] is False
# --8<-- [end:fake]


if __name__ == "__main__":
    raise SystemExit(pytest.main([__file__, "-q", "-p", "no:cacheprovider"]))
