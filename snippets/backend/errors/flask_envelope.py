"""The same error envelope in Flask: one function, handlers for validation, 404 and 500."""

import logging

from flask import Flask, jsonify

logger = logging.getLogger(__name__)


class ValidationError(Exception):
    def __init__(self, errors: list[dict]) -> None:
        super().__init__("validation failed")
        self.errors = errors


# --8<-- [start:flask]
app = Flask(__name__)


def create_error_response(message, status_code, error_code=None, details=None):
    return jsonify(
        {"error": {"code": error_code or f"HTTP_{status_code}", "message": message,
                   "details": details}}
    ), status_code


@app.errorhandler(ValidationError)
def handle_validation_error(e):
    return create_error_response("Validation failed", 422, "VALIDATION_ERROR",
                                 {"fields": e.errors})


@app.errorhandler(404)
def handle_not_found(e):
    return create_error_response("Resource not found", 404, "NOT_FOUND")


@app.errorhandler(500)
def handle_server_error(e):
    logger.error("server error: %s", e.original_exception)  # details to the log only
    return create_error_response("Internal server error", 500, "INTERNAL_ERROR")
# --8<-- [end:flask]


@app.post("/api/devices")
def create_device():
    raise ValidationError([{"field": "name", "reason": "at least 2 characters"}])


@app.get("/api/crash")
def crash():
    raise RuntimeError("secret connection string")


def test_flask_envelope() -> None:
    client = app.test_client()
    r = client.post("/api/devices", json={})
    assert r.status_code == 422 and r.json["error"]["code"] == "VALIDATION_ERROR"
    assert r.json["error"]["details"]["fields"][0]["field"] == "name"
    r = client.get("/api/nothing-here")
    assert r.status_code == 404 and r.json["error"]["code"] == "NOT_FOUND"
    r = client.get("/api/crash")
    assert r.status_code == 500 and r.json["error"]["code"] == "INTERNAL_ERROR"
    assert "secret" not in r.get_data(as_text=True)
    assert set(r.json) == {"error"}  # no "success" flag, no timestamp


if __name__ == "__main__":
    logging.disable(logging.CRITICAL)
    test_flask_envelope()
