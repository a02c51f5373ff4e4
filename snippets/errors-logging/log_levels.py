"""The level is a filter: production at INFO drops DEBUG, keeps WARNING and above."""

import io
import logging

from patterns.json_logging import configure_json_logging

stream = io.StringIO()
# --8<-- [start:levels]
configure_json_logging(level="INFO", stream=stream)  # from settings.log_level in production
log = logging.getLogger("app.orders")

log.debug("cart_contents", extra={"items": 3})            # diagnostics, development only
log.info("order_placed", extra={"order_id": 1})           # normal operation
log.warning("payment_retry", extra={"attempt": 2})         # degraded but working
log.error("payment_failed", extra={"order_id": 1})         # this operation failed
log.critical("database_unreachable")                       # the system is failing
# --8<-- [end:levels]

lines = stream.getvalue().splitlines()
assert len(lines) == 4 and "cart_contents" not in stream.getvalue()
assert [line.split('"level": "')[1].split('"')[0] for line in lines] == [
    "INFO", "WARNING", "ERROR", "CRITICAL",
]
