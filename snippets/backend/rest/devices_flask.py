"""The CVD device endpoints in Flask: filters from the query, role checks, 201/404/422."""

from functools import wraps

from flask import Flask, g, jsonify, request
from pydantic import BaseModel, Field
from pydantic import ValidationError as PydanticValidationError

app = Flask(__name__)
DEVICES: dict[int, dict] = {1: {"id": 1, "name": "Lobby", "route_id": 3, "status": "active"}}
AUDIT: list[tuple] = []
TOKENS = {"t-admin": {"user_id": 1, "role": "admin"}, "t-viewer": {"user_id": 2, "role": "viewer"}}


def require_role(roles):
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = TOKENS.get(request.headers.get("Authorization", "").removeprefix("Bearer "))
            if user is None:
                return jsonify({"error": {"code": "AUTH_ERROR", "message": "Sign in"}}), 401
            if roles and user["role"] not in roles:
                return jsonify({"error": {"code": "FORBIDDEN", "message": "Not allowed"}}), 403
            g.current_user = user
            return view(*args, **kwargs)
        return wrapper
    return decorator


require_auth = require_role([])  # any signed-in user


class DeviceIn(BaseModel):
    name: str = Field(min_length=2, max_length=100, pattern=r"^[A-Za-z0-9 _-]+$")
    route_id: int | None = None
    status: str = "active"


def invalid(exc: PydanticValidationError):
    fields = [{"field": ".".join(map(str, e["loc"])), "reason": e["msg"]} for e in exc.errors()]
    return jsonify({"error": {"code": "VALIDATION_ERROR", "message": "Invalid device",
                              "details": {"fields": fields}}}), 422


# --8<-- [start:endpoints]
@app.get("/api/devices")
@require_auth
def get_devices():
    filters = {k: request.args[k] for k in ("route_id", "status") if k in request.args}
    devices = [d for d in DEVICES.values()
               if all(str(d.get(k)) == v for k, v in filters.items())]
    return jsonify({"data": devices}), 200


@app.post("/api/devices")
@require_role(["admin", "manager"])
def create_device():
    try:
        device = DeviceIn.model_validate(request.get_json(silent=True) or {})
    except PydanticValidationError as exc:
        return invalid(exc)
    new_id = max(DEVICES, default=0) + 1
    DEVICES[new_id] = {"id": new_id, **device.model_dump()}
    AUDIT.append((g.current_user["user_id"], "device_created", new_id))
    return jsonify({"data": DEVICES[new_id]}), 201


@app.put("/api/devices/<int:device_id>")
@require_role(["admin", "manager"])
def update_device(device_id):
    if device_id not in DEVICES:
        return jsonify({"error": {"code": "NOT_FOUND", "message": "Device not found"}}), 404
    try:
        device = DeviceIn.model_validate(request.get_json(silent=True) or {})
    except PydanticValidationError as exc:
        return invalid(exc)
    DEVICES[device_id].update(device.model_dump())
    AUDIT.append((g.current_user["user_id"], "device_updated", device_id))
    return jsonify({"data": DEVICES[device_id]}), 200
# --8<-- [end:endpoints]


def test_device_endpoints() -> None:
    c = app.test_client()
    admin = {"Authorization": "Bearer t-admin"}
    viewer = {"Authorization": "Bearer t-viewer"}
    assert c.get("/api/devices").status_code == 401
    assert c.get("/api/devices?route_id=3", headers=viewer).json["data"][0]["name"] == "Lobby"
    assert c.get("/api/devices?route_id=9", headers=viewer).json["data"] == []
    assert c.post("/api/devices", json={"name": "Gym"}, headers=viewer).status_code == 403
    r = c.post("/api/devices", json={"name": "Gym"}, headers=admin)
    assert r.status_code == 201 and r.json["data"]["id"] == 2
    r = c.post("/api/devices", json={"name": "<script>"}, headers=admin)
    assert r.status_code == 422 and r.json["error"]["details"]["fields"][0]["field"] == "name"
    assert c.put("/api/devices/99", json={"name": "X1"}, headers=admin).status_code == 404
    assert c.put("/api/devices/2", json={"name": "Gym 2"}, headers=admin).status_code == 200
    assert AUDIT == [(1, "device_created", 2), (1, "device_updated", 2)]


if __name__ == "__main__":
    test_device_endpoints()
