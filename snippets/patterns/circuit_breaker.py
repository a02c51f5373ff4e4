"""A circuit breaker that stops calling a failing dependency and serves a fallback instead.

After `failure_threshold` consecutive failures the breaker opens and calls go straight to the
fallback; after `reset_timeout` seconds one trial call is let through (half-open).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"


class CircuitOpenError(RuntimeError):
    """Raised by `CircuitBreaker.call` when the circuit is open and no fallback was given."""


class CircuitBreaker:
    """Count consecutive failures of one dependency and short-circuit calls while it is down.

    Hand-written rather than taken from a library: it is forty lines, takes an injectable clock
    so tests need no sleeping, and the pages explain each state transition line by line.

    Args:
        name: Name of the dependency, used in error messages and logs.
        failure_threshold: Consecutive failures that open the circuit.
        reset_timeout: Seconds the circuit stays open before a trial call.
        clock: Monotonic time source in seconds; tests pass a fake.

    Example:
        >>> breaker = CircuitBreaker("geocoder", failure_threshold=1)
        >>> breaker.call(lambda: 1 / 0, fallback=lambda: "cached")
        'cached'
        >>> breaker.state
        'open'
    """

    def __init__(
        self,
        name: str,
        *,
        failure_threshold: int = 5,
        reset_timeout: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if failure_threshold < 1:
            raise ValueError(f"failure_threshold must be >= 1, got {failure_threshold}")
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_timeout = reset_timeout
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._lock = threading.Lock()

    @property
    def state(self) -> str:
        """The current state: `closed`, `open` or `half-open`."""
        if self._opened_at is None:
            return CLOSED
        if self._clock() - self._opened_at >= self.reset_timeout:
            return HALF_OPEN
        return OPEN

    def record_success(self) -> None:
        """Close the circuit and forget past failures."""
        with self._lock:
            self._failures = 0
            self._opened_at = None

    def record_failure(self) -> None:
        """Count a failure; open (or re-open) the circuit at the threshold."""
        with self._lock:
            self._failures += 1
            if self._failures >= self.failure_threshold or self._opened_at is not None:
                self._opened_at = self._clock()

    def call(self, func: Callable[[], T], fallback: Callable[[], T] | None = None) -> T:
        """Call `func` through the breaker.

        Args:
            func: The call to the dependency.
            fallback: What to return instead while the circuit is open or when `func` fails.

        Returns:
            The result of `func`, or of `fallback` when the circuit is open or `func` raised.

        Raises:
            CircuitOpenError: If the circuit is open and there is no fallback.
            Exception: Whatever `func` raised, when there is no fallback.
        """
        if self.state == OPEN:
            if fallback is None:
                raise CircuitOpenError(f"circuit {self.name!r} is open")
            return fallback()
        try:
            result = func()
        except Exception:
            self.record_failure()
            if fallback is None:
                raise
            return fallback()
        self.record_success()
        return result


if __name__ == "__main__":
    import doctest

    # Running the module checks the examples of its docstrings.
    raise SystemExit(doctest.testmod().failed)
