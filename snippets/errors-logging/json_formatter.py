"""Structured logs: one JSON object per line, fields instead of interpolated sentences."""

import io
import json
import logging

from patterns.json_logging import bind_context, configure_json_logging

stream = io.StringIO()
configure_json_logging(stream=stream)

# --8<-- [start:good]
logger = logging.getLogger("app.users")

with bind_context(correlation_id="req-7f3a"):
    logger.info("user_created", extra={"user_id": 42, "duration_ms": 45})
# --8<-- [end:good]

record = json.loads(stream.getvalue().splitlines()[-1])
assert record["event"] == "user_created"
assert record["user_id"] == 42 and record["duration_ms"] == 45
assert record["correlation_id"] == "req-7f3a"
assert record["level"] == "INFO" and record["logger"] == "app.users"
assert record["timestamp"].endswith("+00:00")

# --8<-- [start:bad]
user_id = 42
logger.info(f"User {user_id} created")  # one opaque string: no field to filter on
# --8<-- [end:bad]
bad = json.loads(stream.getvalue().splitlines()[-1])
assert "user_id" not in bad and bad["event"] == "User 42 created"

# The context ends with the block, and exceptions keep their traceback.
try:
    _ = 1 / 0
except ZeroDivisionError:
    logger.exception("interview_create_failed", extra={"company": "Acme"})
failed = json.loads(stream.getvalue().splitlines()[-1])
assert "correlation_id" not in failed
assert failed["level"] == "ERROR" and "ZeroDivisionError" in failed["exception"]

# --8<-- [start:original-bug]
# The original formatter read record.__dict__.get("extra", {}); logging copies extra= keys
# onto the record itself, so that lookup is always empty and the fields are lost.
probe = logging.LogRecord("app", logging.INFO, __file__, 1, "User logged in", None, None)
probe.__dict__.update({"user_id": 123})  # what logger.info(..., extra={"user_id": 123}) does
assert probe.__dict__.get("extra", {}) == {}
# --8<-- [end:original-bug]
