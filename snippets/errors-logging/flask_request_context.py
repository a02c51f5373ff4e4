"""Request and user context added to every log line by a filter, not by a wrapper class."""

import io
import json
import logging

from flask import Flask, g, has_request_context, jsonify, request
from patterns.json_logging import configure_json_logging


# --8<-- [start:filter]
class RequestContextFilter(logging.Filter):
    """Attach method, path, client IP and the signed-in user to records logged in a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if has_request_context():
            record.request = {"method": request.method, "path": request.path,
                              "ip": request.remote_addr}
            user = g.get("current_user")
            if user:
                record.user_id, record.user_role = user["user_id"], user["role"]
        return True
# --8<-- [end:filter]


stream = io.StringIO()
configure_json_logging(stream=stream).addFilter(RequestContextFilter())
logger = logging.getLogger("cvd.devices")
app = Flask(__name__)


class ValidationError(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("invalid device")
        self.errors = errors


@app.errorhandler(ValidationError)
def invalid(e: ValidationError):
    # 422 in the error envelope: the handbook's answer to invalid input (backend/status-codes.md).
    fields = [{"field": f, "reason": r} for f, r in e.errors.items()]
    body = {"error": {"code": "VALIDATION_ERROR", "message": "Invalid device",
                      "details": {"fields": fields}}}
    return jsonify(body), 422


@app.before_request
def load_user() -> None:
    g.current_user = {"user_id": 11, "role": "manager"}


# --8<-- [start:route]
@app.post("/api/devices")
def create_device():
    data = request.get_json(silent=True) or {}
    if not data.get("name"):
        logger.warning("device_create_rejected", extra={"errors": {"name": "required"}})
        raise ValidationError({"name": "required"})
    device_id = 101  # create_device_record(data) in the application
    logger.info("device_created", extra={"device_id": device_id, "device_name": data["name"]})
    return jsonify({"id": device_id}), 201
# --8<-- [end:route]


client = app.test_client()
assert client.post("/api/devices", json={"name": "Lobby 2"}).status_code == 201
rejected_response = client.post("/api/devices", json={})
assert rejected_response.status_code == 422
assert rejected_response.json["error"]["details"]["fields"] == [{"field": "name",
                                                                 "reason": "required"}]
logger.info("outside_request")  # e.g. a scheduled job: no request fields, and no crash

created, rejected, outside = (json.loads(x) for x in stream.getvalue().splitlines())
assert created["event"] == "device_created" and created["device_id"] == 101
assert created["request"] == {"method": "POST", "path": "/api/devices", "ip": "127.0.0.1"}
assert created["user_id"] == 11 and created["user_role"] == "manager"
assert rejected["level"] == "WARNING" and rejected["errors"] == {"name": "required"}
assert "request" not in outside
