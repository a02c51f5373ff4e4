"""One base exception per application, subclasses per failure kind, each mapped to one status."""

import logging

import pytest
from fastapi import FastAPI, HTTPException
from fastapi.testclient import TestClient

logger = logging.getLogger("app")


# --8<-- [start:hierarchy]
class AppException(Exception):
    """Base of every error the application raises on purpose."""


class ValidationError(AppException):
    """The caller sent something invalid: their fault, do not retry (400)."""


class ExternalServiceError(AppException):
    """A dependency failed: not the caller's fault, may work later (503)."""
# --8<-- [end:hierarchy]


def external_service(kind: str) -> str:
    if kind == "invalid":
        raise ValidationError("company name is required")
    if kind == "down":
        raise ExternalServiceError("geocoder timed out after 5.0s")
    if kind == "bug":
        raise KeyError("unexpected")
    return "ok"


app = FastAPI()


# --8<-- [start:catch]
@app.get("/lookup/{kind}")
def lookup(kind: str) -> dict[str, str]:
    try:
        result = external_service(kind)
    except ValidationError as e:
        logger.warning("validation_failed", extra={"error": str(e)})
        raise HTTPException(400, detail=str(e)) from e
    except ExternalServiceError as e:
        logger.error("service_failed", extra={"error": str(e)})
        # The caller learns that it may retry, not which host timed out.
        raise HTTPException(503, detail="Service unavailable") from e
    return {"result": result}
# --8<-- [end:catch]


client = TestClient(app, raise_server_exceptions=True)
assert client.get("/lookup/fine").json() == {"result": "ok"}
assert client.get("/lookup/invalid").status_code == 400
assert client.get("/lookup/invalid").json()["detail"] == "company name is required"
down = client.get("/lookup/down")
assert down.status_code == 503
assert "geocoder" not in down.text  # internal details stay in the log
# Anything not an AppException is a bug: it is not swallowed, it propagates.
with pytest.raises(KeyError):
    client.get("/lookup/bug")

# --8<-- [start:bad-kwargs]
# The original wrote logger.error("service_failed", error=str(e)): the standard library
# logger accepts no such keyword, so the error handler itself crashes.
with pytest.raises(TypeError):
    logger.error("service_failed", error="boom")
# --8<-- [end:bad-kwargs]
