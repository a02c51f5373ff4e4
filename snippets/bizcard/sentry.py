"""BizCard's `backend/app/core/sentry.py`, corrected: it imports `os` and reads the DSN once.

Sentry is on only when SENTRY_DSN is set; the test sends through an in-memory transport.
"""

# --8<-- [start:init]
import os

import sentry_sdk
from sentry_sdk.integrations.fastapi import FastApiIntegration
from sentry_sdk.integrations.sqlalchemy import SqlalchemyIntegration


def init_sentry(**overrides) -> bool:
    """Start Sentry when SENTRY_DSN is set; returns whether it did."""
    dsn = os.getenv("SENTRY_DSN")
    if not dsn:
        return False
    sentry_sdk.init(
        dsn=dsn,
        environment=os.getenv("ENV", "development"),
        release=os.getenv("RELEASE"),  # e.g. "bizcard@4.5.0": ties errors to a deploy
        traces_sample_rate=0.1,
        send_default_pii=False,
        integrations=[FastApiIntegration(), SqlalchemyIntegration()],
        **overrides,
    )
    return True
# --8<-- [end:init]


# The test: a transport that keeps envelopes in a list instead of sending them.
class MemoryTransport(sentry_sdk.transport.Transport):
    sent: list[dict] = []

    def capture_envelope(self, envelope) -> None:
        self.sent.extend(i.payload.json for i in envelope.items if i.type == "event")


os.environ.pop("SENTRY_DSN", None)
assert init_sentry() is False  # no DSN, no Sentry: local runs and tests stay offline

os.environ.update(SENTRY_DSN="https://public@sentry.example.test/1", ENV="staging")
assert init_sentry(transport=MemoryTransport) is True
try:
    int("four")
except ValueError as exc:
    sentry_sdk.capture_exception(exc)
sentry_sdk.flush()

(event,) = MemoryTransport.sent
assert event["environment"] == "staging"
assert event["exception"]["values"][0]["type"] == "ValueError"
print("reported:", event["exception"]["values"][0]["type"], "in", event["environment"])
# Output:
# reported: ValueError in staging
