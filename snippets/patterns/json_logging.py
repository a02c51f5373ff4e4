"""A JSON log formatter: one object per line, with the `extra=` fields and request context.

Log aggregators filter on fields, not on sentences, so every record carries `event`, `level`,
`logger`, a UTC timestamp, its `extra=` fields and the context bound with `bind_context`.
"""

from __future__ import annotations

import contextvars
import json
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_RESERVED = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}

_context: contextvars.ContextVar[Mapping[str, Any]] = contextvars.ContextVar(
    "hb_log_context", default=MappingProxyType({})
)


@contextmanager
def bind_context(**fields: Any) -> Iterator[None]:
    """Add fields (a correlation id, a user id) to every record logged inside the block.

    Uses a context variable, so concurrent requests and asyncio tasks keep separate contexts.

    Args:
        **fields: Field names and JSON-serialisable values.

    Yields:
        Nothing; the fields are removed again when the block ends.
    """
    token = _context.set({**_context.get(), **fields})
    try:
        yield
    finally:
        _context.reset(token)


class JSONFormatter(logging.Formatter):
    """Format a record as one line of JSON.

    Hand-written on the standard library (no extra dependency): the fields are exactly the ones
    the logging pages document, and the whole formatter fits on one screen.

    Output keys: `timestamp` (ISO 8601, UTC), `level`, `logger`, `event` (the message), the bound
    context, the record's `extra=` fields, and `exception` with the formatted traceback when the
    record has one. Values that JSON cannot encode are written with `str()`.

    Example:
        >>> import logging
        >>> record = logging.LogRecord("app", logging.INFO, "f.py", 1, "user_created", None, None)
        >>> record.user_id = 42
        >>> JSONFormatter().format(record).endswith('"event": "user_created", "user_id": 42}')
        True
    """

    def format(self, record: logging.LogRecord) -> str:
        """Return the record as a JSON object on one line."""
        data: dict[str, Any] = {
            "timestamp": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "event": record.getMessage(),
        }
        data.update(_context.get())
        data.update({k: v for k, v in vars(record).items() if k not in _RESERVED})
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, default=str)


def configure_json_logging(level: int | str = logging.INFO, stream: Any = None) -> logging.Handler:
    """Send the root logger's records, as JSON lines, to `stream` (stderr by default).

    Replaces the root logger's handlers, so calling it twice does not duplicate lines.

    Args:
        level: The root logger's level.
        stream: A file-like object; `None` means `sys.stderr`.

    Returns:
        The installed handler.
    """
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JSONFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    return handler


if __name__ == "__main__":
    import doctest

    # Running the module checks the examples of its docstrings.
    raise SystemExit(doctest.testmod().failed)
