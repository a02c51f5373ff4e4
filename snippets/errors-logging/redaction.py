"""Secrets and card numbers never reach the log, even when a caller passes them by mistake."""

import io
import json
import logging
import re

from patterns.json_logging import configure_json_logging


# --8<-- [start:filter]
class RedactFilter(logging.Filter):
    """Mask sensitive fields and card-like numbers before any handler sees the record."""

    SENSITIVE = {"password", "secret", "token", "api_key", "authorization", "card_number"}
    CARD = re.compile(r"\b(?:\d[ -]?){12,15}(\d{4})\b")

    def filter(self, record: logging.LogRecord) -> bool:
        for key in list(vars(record)):
            if key.lower() in self.SENSITIVE:
                setattr(record, key, "[REDACTED]")
        if isinstance(record.msg, str):
            record.msg = self.CARD.sub(r"**** \1", record.msg)
        return True
# --8<-- [end:filter]


stream = io.StringIO()
handler = configure_json_logging(stream=stream)
handler.addFilter(RedactFilter())
log = logging.getLogger("app.auth")

# --8<-- [start:usage]
log.info("login_succeeded", extra={"user_id": 5, "password": "hunter2"})
log.warning("payment_declined card 4111 1111 1111 1234")
# --8<-- [end:usage]

first, second = (json.loads(line) for line in stream.getvalue().splitlines())
assert first["password"] == "[REDACTED]" and first["user_id"] == 5
assert "hunter2" not in stream.getvalue()
assert second["event"] == "payment_declined card **** 1234"
assert "4111" not in stream.getvalue()
