"""Retry with exponential backoff and jitter, for transient errors only.

A retry turns a blip into a success; retrying a 400 or a 404 only repeats a mistake, so the
decision of what is transient lives in one tested function, `is_transient`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import tenacity

F = TypeVar("F", bound=Callable[..., Any])

#: HTTP statuses worth another try: timeout, rate limit and the gateway/availability errors.
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


def is_transient(exc: BaseException) -> bool:
    """Tell whether an error may go away by itself on the next attempt.

    Args:
        exc: The exception a call raised.

    Returns:
        True for connection errors, timeouts and HTTP responses whose status is in
            `TRANSIENT_STATUSES` (read from an `httpx.HTTPStatusError`-like
            `response.status_code`); False for everything else, in particular any other 4xx.
    """
    if isinstance(exc, ConnectionError | TimeoutError):
        return True
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    if isinstance(status, int):
        return status in TRANSIENT_STATUSES
    # httpx transport errors (connect, read, pool timeouts) do not subclass the builtins.
    return type(exc).__name__ in {"ConnectError", "ReadTimeout", "ConnectTimeout", "PoolTimeout"}


def retry_with_backoff(
    *,
    max_attempts: int = 3,
    initial_delay: float = 1.0,
    max_delay: float = 30.0,
    jitter: float = 1.0,
    retry_if: Callable[[BaseException], bool] = is_transient,
    sleep: Callable[[float], Any] | None = None,
) -> Callable[[F], F]:
    """Decorate a sync or async function so transient failures are retried with backoff.

    The wait before attempt *n* + 1 is `initial_delay * 2 ** (n - 1)` plus a random jitter of up
    to `jitter` seconds, capped at `max_delay`. After the last attempt the original exception is
    raised unchanged, so callers handle the same error types with or without the retry.

    Args:
        max_attempts: Total number of calls, the first one included.
        initial_delay: Wait in seconds after the first failure.
        max_delay: Upper bound of any single wait.
        jitter: Maximum random seconds added to each wait, so clients do not retry in lockstep.
        retry_if: Predicate on the exception; the default retries only `is_transient` errors.
        sleep: Replacement for the sleep function (tests pass a recorder); for async functions
            it must be awaitable.

    Returns:
        A decorator that keeps the decorated function's signature.

    Raises:
        ValueError: If `max_attempts` is lower than 1 or a delay is negative.
    """
    if max_attempts < 1:
        raise ValueError(f"max_attempts must be >= 1, got {max_attempts}")
    if initial_delay < 0 or max_delay < 0 or jitter < 0:
        raise ValueError("delays and jitter must be >= 0")
    options: dict[str, Any] = {
        "stop": tenacity.stop_after_attempt(max_attempts),
        "wait": tenacity.wait_exponential_jitter(
            initial=initial_delay, max=max_delay, jitter=jitter
        ),
        "retry": tenacity.retry_if_exception(retry_if),
        "reraise": True,
    }
    if sleep is not None:
        options["sleep"] = sleep
    return tenacity.retry(**options)


__all__ = ["TRANSIENT_STATUSES", "is_transient", "retry_with_backoff"]
