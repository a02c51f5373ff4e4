"""One status code per outcome: the client branches on the status, not on the message."""

from fastapi import FastAPI, Header, Response, status
from fastapi.testclient import TestClient
from patterns.errors import (
    AuthenticationError,
    ConflictError,
    ExternalServiceError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    install_error_handlers,
)
from pydantic import BaseModel, EmailStr

app = FastAPI()
install_error_handlers(app)
USERS: dict[str, dict] = {}
calls: dict[str, int] = {}


class SignUp(BaseModel):
    email: EmailStr


# --8<-- [start:codes]
@app.post("/api/users", status_code=status.HTTP_201_CREATED)  # 201 Created
def create_user(body: SignUp) -> dict:  # 422 when the body breaks the model
    if body.email in USERS:
        raise ConflictError(f"{body.email} is already registered")  # 409 Conflict
    USERS[body.email] = {"email": body.email, "role": "member"}
    return {"data": USERS[body.email]}


@app.get("/api/users/{email}")  # 200 OK with data
def read_user(email: str, authorization: str | None = Header(None)) -> dict:
    if authorization is None:
        raise AuthenticationError("Missing bearer token")  # 401: who are you?
    if authorization != "Bearer admin":
        raise PermissionDeniedError("Admins only")  # 403: known, but not allowed
    if email not in USERS:
        raise NotFoundError(f"User {email} not found")  # 404 Not Found
    return {"data": USERS[email]}


@app.delete("/api/users/{email}", status_code=status.HTTP_204_NO_CONTENT)
def delete_user(email: str) -> Response:  # 204 No Content: success, empty body
    USERS.pop(email, None)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@app.get("/api/quote")
def quote(client: str) -> dict:
    calls[client] = calls.get(client, 0) + 1
    if calls[client] > 5:
        raise RateLimitedError("Try again in a minute", retry_after=60)  # 429 + Retry-After
    if client == "during-outage":
        raise ExternalServiceError("Pricing service unavailable")  # 503 Service Unavailable
    return {"data": {"price": 10}}
# --8<-- [end:codes]


def test_each_outcome_has_its_status() -> None:
    c = TestClient(app)
    assert c.post("/api/users", json={"email": "a@example.com"}).status_code == 201
    assert c.post("/api/users", json={"email": "a@example.com"}).status_code == 409
    assert c.post("/api/users", json={"email": "not-an-email"}).status_code == 422
    assert c.get("/api/users/a@example.com").status_code == 401
    stranger = {"Authorization": "Bearer x"}
    assert c.get("/api/users/a@example.com", headers=stranger).status_code == 403
    admin = {"Authorization": "Bearer admin"}
    assert c.get("/api/users/a@example.com", headers=admin).status_code == 200
    assert c.get("/api/users/b@example.com", headers=admin).status_code == 404
    deleted = c.delete("/api/users/a@example.com")
    assert deleted.status_code == 204 and deleted.content == b""
    assert [c.get("/api/quote?client=k").status_code for _ in range(6)] == [200] * 5 + [429]
    limited = c.get("/api/quote?client=k")
    assert limited.headers["retry-after"] == "60"  # 429 always says when to come back
    assert limited.json()["error"]["code"] == "RATE_LIMITED"
    assert c.get("/api/quote?client=during-outage").status_code == 503


if __name__ == "__main__":
    test_each_outcome_has_its_status()
