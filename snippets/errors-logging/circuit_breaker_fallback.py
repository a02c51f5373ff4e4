"""A failing recommendation service opens the breaker; callers get the basic fallback fast."""

import pytest
from patterns.circuit_breaker import CircuitBreaker, CircuitOpenError


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class FlakyModelAPI:
    """Counts calls so the test can prove the breaker stopped calling it."""

    def __init__(self) -> None:
        self.calls = 0
        self.healthy = False

    def get_recommendations(self, device_id: int) -> list[str]:
        self.calls += 1
        if not self.healthy:
            raise ConnectionError("model API unreachable")
        return [f"model-plan-{device_id}"]


# --8<-- [start:service]
class RecommendationService:
    def __init__(self, model_api: FlakyModelAPI, breaker: CircuitBreaker) -> None:
        self.model_api = model_api
        self.breaker = breaker

    def basic_recommendations(self, device_id: int) -> list[str]:
        return [f"best-sellers-{device_id}"]  # cheap, local, always available

    def get_device_recommendations(self, device_id: int) -> list[str]:
        return self.breaker.call(
            lambda: self.model_api.get_recommendations(device_id),
            fallback=lambda: self.basic_recommendations(device_id),
        )
# --8<-- [end:service]


clock = FakeClock()
api = FlakyModelAPI()
breaker = CircuitBreaker("recommendations_api", failure_threshold=3, reset_timeout=30, clock=clock)
service = RecommendationService(api, breaker)

# Three failures: each one falls back, the third opens the circuit.
for _ in range(3):
    assert service.get_device_recommendations(1) == ["best-sellers-1"]
assert api.calls == 3 and breaker.state == "open"

# While open, the model API is not called at all.
for _ in range(10):
    assert service.get_device_recommendations(1) == ["best-sellers-1"]
assert api.calls == 3

# After the reset timeout one trial call goes through; a success closes the circuit.
clock.now = 31
assert breaker.state == "half-open"
api.healthy = True
assert service.get_device_recommendations(1) == ["model-plan-1"]
assert api.calls == 4 and breaker.state == "closed"

# A failed trial call re-opens it at once.
api.healthy = False
for _ in range(3):
    service.get_device_recommendations(2)
clock.now = 62
service.get_device_recommendations(2)
assert breaker.state == "open"

# Without a fallback, an open circuit is an explicit error, not a silent None.
with pytest.raises(CircuitOpenError):
    breaker.call(lambda: ["never called"])
