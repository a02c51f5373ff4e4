"""Unexpected errors reach Sentry with their traceback; expected ones and secrets do not."""

import sentry_sdk
from sentry_sdk.transport import Transport

sent: list[dict] = []


class MemoryTransport(Transport):
    """Keeps events in a list instead of sending them: the real SDK builds them, offline."""

    def capture_envelope(self, envelope) -> None:
        for item in envelope.items:
            if item.type == "event":
                sent.append(item.payload.json)


# --8<-- [start:init]
def before_send(event: dict, hint: dict) -> dict | None:
    exc_type = hint.get("exc_info", (None,))[0]
    if exc_type is not None and issubclass(exc_type, PermissionError):
        return None  # expected, handled, and counted as a metric instead
    return event


sentry_sdk.init(
    dsn="https://public@sentry.example.test/1",  # os.environ["SENTRY_DSN"] in the app
    environment="production",
    release="cvd@1.4.2",
    send_default_pii=False,   # no user IPs, cookies or headers unless decided otherwise
    before_send=before_send,
    transport=MemoryTransport,
)
# --8<-- [end:init]


# --8<-- [start:capture]
def risky_operation() -> None:
    raise RuntimeError("planogram optimizer crashed")


try:
    risky_operation()
except RuntimeError as e:
    sentry_sdk.capture_exception(e)  # or let it propagate: the framework integration reports it
# --8<-- [end:capture]

try:
    raise PermissionError("user 7 may not edit route 3")
except PermissionError as e:
    sentry_sdk.capture_exception(e)

sentry_sdk.flush()
assert len(sent) == 1
event = sent[0]
assert event["exception"]["values"][0]["type"] == "RuntimeError"
assert event["exception"]["values"][0]["stacktrace"]["frames"][-1]["function"] == "risky_operation"
assert event["environment"] == "production" and event["release"] == "cvd@1.4.2"
