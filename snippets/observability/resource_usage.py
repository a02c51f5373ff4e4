"""Resource usage of the process, exported next to the request metrics, with budgets."""

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.process_collector import ProcessCollector

# --8<-- [start:resource-usage]
registry = CollectorRegistry()
ProcessCollector(registry=registry)  # CPU seconds, resident memory, open file descriptors

MEMORY_BUDGET_BYTES = 512 * 1024 * 1024  # the container's limit is 1 GiB; alert at half


def sample(name: str) -> float:
    value = registry.get_sample_value(name)
    assert value is not None, f"{name} is not exported on this platform"
    return value


def over_budget() -> list[str]:
    problems = []
    if sample("process_resident_memory_bytes") > MEMORY_BUDGET_BYTES:
        problems.append("memory above budget")
    if sample("process_open_fds") > 0.8 * sample("process_max_fds"):
        problems.append("file descriptors near the limit")
    return problems
# --8<-- [end:resource-usage]


exposition = generate_latest(registry).decode()
for series in ("process_cpu_seconds_total", "process_resident_memory_bytes", "process_open_fds"):
    assert f"\n{series} " in exposition, series
assert 0 < sample("process_resident_memory_bytes") < MEMORY_BUDGET_BYTES
assert over_budget() == []
