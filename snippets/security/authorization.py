"""Layered Flask decorators: authenticated, then the right role, then access to this resource.

Each layer answers with its own status (401, 403) and the denial is written to the audit log.
"""

from functools import wraps

from flask import Flask, g, jsonify, session

# The application's own data in a real service; enough here to exercise every branch.
USERS = {
    "u1": {"user_id": "u1", "role": "admin", "devices": {1, 2}},
    "u2": {"user_id": "u2", "role": "driver", "devices": {2}},
}
audit_log: list[tuple[str, str]] = []


def log_audit_event(user_id: str, event: str) -> None:
    audit_log.append((user_id, event))


# --8<-- [start:decorators]
def require_auth(func):
    """401 unless the session names a known, active user; sets g.current_user."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        user = USERS.get(session.get("user_id", ""))
        if user is None:
            session.clear()
            return jsonify({"error": "Authentication required"}), 401
        g.current_user = user
        return func(*args, **kwargs)

    return wrapper


def require_role(*allowed_roles: str):
    """403 unless the authenticated user has one of the roles."""

    def decorator(func):
        @wraps(func)
        @require_auth
        def wrapper(*args, **kwargs):
            if g.current_user["role"] not in allowed_roles:
                log_audit_event(g.current_user["user_id"], "access_denied")
                return jsonify({"error": "Insufficient permissions"}), 403
            return func(*args, **kwargs)

        return wrapper

    return decorator


def require_resource_access(id_param: str):
    """403 unless the user may touch the resource named by the URL parameter `id_param`."""

    def decorator(func):
        @wraps(func)
        @require_auth
        def wrapper(*args, **kwargs):
            if kwargs[id_param] not in g.current_user["devices"]:
                log_audit_event(g.current_user["user_id"], f"resource_denied:{kwargs[id_param]}")
                return jsonify({"error": "Resource access denied"}), 403
            return func(*args, **kwargs)

        return wrapper

    return decorator
# --8<-- [end:decorators]


# --8<-- [start:routes]
app = Flask(__name__)
app.secret_key = "test-only-key"  # from the secret manager in a service


@app.post("/login/<user_id>")
def login(user_id: str):
    session["user_id"] = user_id
    return {"ok": True}


@app.get("/api/devices/<int:device_id>")
@require_resource_access("device_id")
def get_device(device_id: int):
    return {"id": device_id}


@app.delete("/api/users/<user_id>")
@require_role("admin")
def delete_user(user_id: str):
    return {"deleted": user_id}
# --8<-- [end:routes]


# --8<-- [start:tests]
def test_each_layer_answers_with_its_status() -> None:
    anonymous = app.test_client()
    assert anonymous.get("/api/devices/2").status_code == 401

    driver = app.test_client()
    driver.post("/login/u2")
    assert driver.get("/api/devices/2").json == {"id": 2}
    assert driver.get("/api/devices/1").status_code == 403
    assert driver.delete("/api/users/u1").status_code == 403
    assert audit_log == [("u2", "resource_denied:1"), ("u2", "access_denied")]

    admin = app.test_client()
    admin.post("/login/u1")
    assert admin.delete("/api/users/u2").json == {"deleted": "u2"}


def test_unknown_session_user_is_logged_out() -> None:
    client = app.test_client()
    client.post("/login/ghost")
    assert client.get("/api/devices/1").status_code == 401
    with client.session_transaction() as stored:
        assert "user_id" not in stored
# --8<-- [end:tests]


if __name__ == "__main__":
    test_each_layer_answers_with_its_status()
    test_unknown_session_user_is_logged_out()
