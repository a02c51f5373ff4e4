"""The error envelope end to end: business errors keep their status, surprises become a bare 500."""

from fastapi import FastAPI
from fastapi.testclient import TestClient
from patterns.errors import AppError, AuthenticationError, NotFoundError, install_error_handlers
from pydantic import BaseModel

# --8<-- [start:service]
USERS = {1: {"id": 1, "email": "ada@example.com"}}


def get_user(user_id: int) -> dict:
    user = USERS.get(user_id)
    if user is None:
        # The service raises; it never builds an HTTP response itself.
        raise NotFoundError(f"User {user_id} not found")
    return user
# --8<-- [end:service]


# --8<-- [start:app]
app = FastAPI()
install_error_handlers(app)  # AppError, validation, HTTPException, Exception -> envelope


class Login(BaseModel):
    email: str


@app.get("/api/users/{user_id}")
def read_user(user_id: int) -> dict:
    return {"data": get_user(user_id)}


@app.post("/api/auth/login")
def login(body: Login) -> dict:
    raise AuthenticationError("Invalid email or password")


@app.get("/api/boom")
def boom() -> dict:
    raise RuntimeError("db password is hunter2")  # internals that must not leak
# --8<-- [end:app]


# --8<-- [start:test]
def test_envelope_and_status() -> None:
    client = TestClient(app, raise_server_exceptions=False)

    ok = client.get("/api/users/1")
    assert ok.status_code == 200 and ok.json()["data"]["email"] == "ada@example.com"

    missing = client.get("/api/users/7")
    assert missing.status_code == 404
    assert missing.json() == {
        "error": {"code": "NOT_FOUND", "message": "User 7 not found", "details": None}
    }

    denied = client.post("/api/auth/login", json={"email": "x@example.com"})
    assert denied.status_code == 401 and denied.json()["error"]["code"] == "AUTH_ERROR"

    invalid = client.get("/api/users/abc")  # path parameter is not an int
    assert invalid.status_code == 422
    assert invalid.json()["error"]["details"]["fields"][0]["field"] == "path.user_id"

    unknown_route = client.get("/api/nope")
    assert unknown_route.status_code == 404
    assert unknown_route.json()["error"]["code"] == "NOT_FOUND"

    crash = client.get("/api/boom")
    assert crash.status_code == 500
    assert crash.json()["error"] == {
        "code": "INTERNAL_ERROR", "message": "An unexpected error occurred", "details": None,
    }
    assert "hunter2" not in crash.text  # no stack trace, no internals
# --8<-- [end:test]


def test_every_error_class_has_its_own_status() -> None:
    import patterns.errors as errors

    statuses = {
        cls.__name__: cls.status_code
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, AppError) and cls is not AppError
    }
    assert statuses == {
        "ValidationError": 422, "AuthenticationError": 401, "PermissionDeniedError": 403,
        "NotFoundError": 404, "ConflictError": 409, "RateLimitedError": 429,
        "ExternalServiceError": 503,
    }


if __name__ == "__main__":
    test_envelope_and_status()
    test_every_error_class_has_its_own_status()
