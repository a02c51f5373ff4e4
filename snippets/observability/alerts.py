"""Alert thresholds as data, tested: which severity fires for a given error rate and latency."""

# --8<-- [start:rules]
RULES = [  # (severity, metric, threshold); the first matching rule of a metric wins
    ("critical", "error_rate", 0.05),
    ("warning", "error_rate", 0.01),
    ("critical", "p95_latency_ms", 1000),
    ("warning", "p95_latency_ms", 500),
]


def firing(window: dict[str, float]) -> dict[str, str]:
    """Return {metric: severity} for a 5-minute window of measurements."""
    alerts: dict[str, str] = {}
    for severity, metric, threshold in RULES:
        if metric not in alerts and window[metric] > threshold:
            alerts[metric] = severity
    return alerts
# --8<-- [end:rules]


assert firing({"error_rate": 0.002, "p95_latency_ms": 180}) == {}
assert firing({"error_rate": 0.02, "p95_latency_ms": 180}) == {"error_rate": "warning"}
assert firing({"error_rate": 0.08, "p95_latency_ms": 650}) == {
    "error_rate": "critical",
    "p95_latency_ms": "warning",
}
assert firing({"error_rate": 0.0, "p95_latency_ms": 1500}) == {"p95_latency_ms": "critical"}
