"""A monthly cost estimate from expected load, and the budget alerts derived from it."""

from dataclasses import dataclass


# --8<-- [start:estimate]
@dataclass(frozen=True)
class Load:
    requests_per_day: int
    llm_calls_per_request: float
    tokens_per_llm_call: int


@dataclass(frozen=True)
class Prices:  # from the providers' price lists, reviewed when they change
    per_million_requests: float
    per_million_tokens: float
    fixed_per_month: float  # database, instances that do not scale to zero


def monthly_cost(load: Load, prices: Prices, days: int = 30) -> float:
    requests = load.requests_per_day * days
    tokens = requests * load.llm_calls_per_request * load.tokens_per_llm_call
    return round(prices.fixed_per_month
                 + requests / 1e6 * prices.per_million_requests
                 + tokens / 1e6 * prices.per_million_tokens, 2)


def budget_alerts(estimate: float) -> dict[str, float]:
    """Alert at half, at the estimate, and at 150 % of it."""
    return {"info": round(estimate * 0.5, 2), "warning": estimate,
            "critical": round(estimate * 1.5, 2)}
# --8<-- [end:estimate]


load = Load(requests_per_day=20_000, llm_calls_per_request=0.1, tokens_per_llm_call=1_500)
prices = Prices(per_million_requests=2.0, per_million_tokens=3.0, fixed_per_month=60.0)
estimate = monthly_cost(load, prices)
assert estimate == 60.0 + 1.2 + 270.0  # the model calls dominate: that is what to optimise
assert budget_alerts(estimate) == {"info": 165.6, "warning": 331.2, "critical": 496.8}

# Caching half of the model calls halves the largest line of the bill.
cached = Load(20_000, 0.05, 1_500)
assert monthly_cost(cached, prices) == 60.0 + 1.2 + 135.0
