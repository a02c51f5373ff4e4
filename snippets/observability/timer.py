"""Time operations with a monotonic clock and log the duration as a field."""

import io
import json
import logging
import time
from collections.abc import Callable

from patterns.json_logging import configure_json_logging


# --8<-- [start:timer]
class Timer:
    """Context manager that logs `<name>_completed` with `duration_ms`."""

    def __init__(self, name: str, logger: logging.Logger,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self.name, self.logger, self.clock = name, logger, clock

    def __enter__(self) -> "Timer":
        self.start = self.clock()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.duration_ms = round((self.clock() - self.start) * 1000, 1)
        outcome = "failed" if exc_type else "completed"
        self.logger.info(f"{self.name}_{outcome}", extra={"duration_ms": self.duration_ms})
# --8<-- [end:timer]


stream = io.StringIO()
configure_json_logging(stream=stream)
ticks = iter([10.0, 10.250])  # a fake clock: 250 ms between enter and exit

# --8<-- [start:usage]
with Timer("report_export", logging.getLogger("app"), clock=lambda: next(ticks)) as timer:
    pass  # expensive_operation()
# --8<-- [end:usage]

assert timer.duration_ms == 250.0
line = json.loads(stream.getvalue())
assert line["event"] == "report_export_completed" and line["duration_ms"] == 250.0

# The default clock is monotonic: it never goes backwards when NTP adjusts the wall clock.
assert time.get_clock_info("perf_counter").monotonic
