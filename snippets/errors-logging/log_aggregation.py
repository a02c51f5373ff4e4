"""Log aggregation: each service writes JSON lines to stdout, the collector ships the lines as
they are, and the store answers queries by field with no parsing rules.

Run with an argument, this file is one of the services; without, it collects two of them.
"""

import json
import logging
import os
import subprocess
import sys

from patterns.json_logging import bind_context, configure_json_logging


# --8<-- [start:configure]
def main(service: str) -> None:
    """A service's entry point: logging is configured here, once, before anything logs."""
    configure_json_logging(level=os.environ.get("APP_LOG_LEVEL", "INFO"), stream=sys.stdout)
    log = logging.getLogger(service)
    run(service, log)
# --8<-- [end:configure]


def run(service: str, log: logging.Logger) -> None:
    """What the two services do with request r-2: the API accepts it, the worker fails it."""
    if service == "api":
        for request_id in ("r-1", "r-2"):
            with bind_context(service=service, request_id=request_id):
                log.debug("payload_parsed")  # below APP_LOG_LEVEL: never written
                log.info("order_received", extra={"order_id": 7})
        return
    with bind_context(service=service, request_id="r-2"):
        log.info("payment_started", extra={"order_id": 7})
        try:
            raise RuntimeError("card processor timed out")
        except RuntimeError:
            log.exception("payment_failed", extra={"order_id": 7})


# --8<-- [start:collect]
def collect(services: list[str]) -> list[dict]:
    """The agent: read each process's stdout and ship every line unchanged to the store."""
    store = []
    for service in services:
        out = subprocess.run(  # noqa: S603 - this file, fixed arguments
            [sys.executable, __file__, service], capture_output=True, text=True, check=True,
            env={**os.environ, "APP_LOG_LEVEL": "INFO"},
        ).stdout
        store.extend(json.loads(line) for line in out.splitlines())
    return store


def query(store: list[dict], **fields: object) -> list[dict]:
    """The store's search: every event whose fields have these values."""
    return [event for event in store if all(event.get(k) == v for k, v in fields.items())]
# --8<-- [end:collect]


if len(sys.argv) > 1:
    main(sys.argv[1])
    raise SystemExit(0)

# --8<-- [start:search]
store = collect(["api", "worker"])
errors = query(store, level="ERROR")
trail = query(store, request_id=errors[0]["request_id"])
# --8<-- [end:search]

assert [(e["service"], e["event"]) for e in errors] == [("worker", "payment_failed")]
assert "RuntimeError: card processor timed out" in errors[0]["exception"]
assert [(e["service"], e["event"]) for e in trail] == [
    ("api", "order_received"), ("worker", "payment_started"), ("worker", "payment_failed")]
assert all(e["order_id"] == 7 for e in trail)
assert not query(store, event="payload_parsed")  # DEBUG is dropped at the source, not in the store
print(f"{len(store)} events, {len(errors)} error, {len(trail)} events for request r-2")
# Output:
# 4 events, 1 error, 3 events for request r-2
