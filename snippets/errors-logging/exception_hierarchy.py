"""One base exception per application, subclasses per failure kind, each mapped to one status
by one handler registered once; routes carry no try/except."""

import io
import json
import logging

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from patterns.json_logging import configure_json_logging

stream = io.StringIO()
configure_json_logging(stream=stream)
logger = logging.getLogger("app")


# --8<-- [start:hierarchy]
class AppException(Exception):
    """Base of every error the application raises on purpose."""

    status_code = 500
    code = "INTERNAL_ERROR"


class ValidationError(AppException):
    """The caller sent something that breaks a rule: their fault, do not retry (422)."""

    status_code = 422
    code = "VALIDATION_ERROR"


class ExternalServiceError(AppException):
    """A dependency failed: not the caller's fault, may work later (503)."""

    status_code = 503
    code = "SERVICE_UNAVAILABLE"
# --8<-- [end:hierarchy]


def geocoder_call(kind: str) -> str:
    if kind == "down":
        raise TimeoutError("geocoder.internal:8443 timed out after 5.0s")
    if kind == "bug":
        raise KeyError("unexpected")
    return "ok"


app = FastAPI()


# --8<-- [start:catch]
def geocode(kind: str) -> str:
    if not kind.isalpha():
        raise ValidationError("address must be letters only")
    try:
        return geocoder_call(kind)
    except TimeoutError as e:  # the narrowest class this code can give a meaning to
        # Translate, do not log: the handler logs once. `from e` keeps the cause.
        raise ExternalServiceError("Service unavailable") from e


@app.exception_handler(AppException)
async def app_exception(request: Request, exc: AppException) -> JSONResponse:
    # The one place that logs an expected error and chooses its status.
    level = logging.ERROR if exc.status_code >= 500 else logging.WARNING
    logger.log(level, "app_error", exc_info=exc.__cause__ is not None,
               extra={"code": exc.code, "path": request.url.path})
    body = {"error": {"code": exc.code, "message": str(exc), "details": None}}
    return JSONResponse(body, status_code=exc.status_code)


@app.get("/lookup/{kind}")
def lookup(kind: str) -> dict[str, str]:
    return {"result": geocode(kind)}  # no try/except: errors go to the handler
# --8<-- [end:catch]


client = TestClient(app, raise_server_exceptions=True)
assert client.get("/lookup/fine").json() == {"result": "ok"}
invalid = client.get("/lookup/no1")
assert invalid.status_code == 422
assert invalid.json()["error"]["message"] == "address must be letters only"
down = client.get("/lookup/down")
assert down.status_code == 503
assert "geocoder" not in down.text  # internal details stay in the log
# Anything not an AppException is a bug: it is not swallowed, it propagates.
with pytest.raises(KeyError):
    client.get("/lookup/bug")

events = [e for e in map(json.loads, stream.getvalue().splitlines()) if e["logger"] == "app"]
assert [(e["level"], e["code"]) for e in events] == [
    ("WARNING", "VALIDATION_ERROR"), ("ERROR", "SERVICE_UNAVAILABLE")]  # once each
assert "geocoder.internal:8443" in events[1]["exception"]  # the cause is in the log

# --8<-- [start:bad-kwargs]
# The original wrote logger.error("service_failed", error=str(e)): the standard library
# logger accepts no such keyword, so the error handler itself crashes.
with pytest.raises(TypeError):
    logger.error("service_failed", error="boom")
# --8<-- [end:bad-kwargs]
