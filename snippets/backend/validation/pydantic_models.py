"""Pydantic v2 request models: FastAPI rejects bad input with 422 before the handler runs."""

from typing import Annotated

from fastapi import FastAPI
from fastapi.testclient import TestClient
from patterns.errors import install_error_handlers
from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, StringConstraints

# --8<-- [start:model]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


def at_most_72_bytes(value: str) -> str:
    # bcrypt hashes at most 72 bytes and bcrypt 5 raises ValueError past them: refuse here
    # with a 422. Characters are not bytes: 30 Cyrillic letters are 60 bytes, 37 are 74.
    if len(value.encode("utf-8")) > 72:
        raise ValueError("at most 72 bytes (UTF-8)")
    return value


Password = Annotated[str, Field(min_length=8), AfterValidator(at_most_72_bytes)]


class UserCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",  # unknown keys are an error, not silently dropped
        json_schema_extra={
            "examples": [
                {"email": "user@example.com", "password": "SecurePassword123!", "name": "Jo Doe"}
            ]
        },
    )

    email: EmailStr
    password: Password
    name: Name
    age: int | None = Field(None, ge=18, le=120)
# --8<-- [end:model]


# --8<-- [start:endpoint]
app = FastAPI()
install_error_handlers(app)


@app.post("/api/auth/signup", status_code=201)
def signup(user: UserCreate) -> dict:
    # Only valid data reaches this line: no manual checks, no None surprises.
    return {"data": {"email": user.email, "name": user.name}}
# --8<-- [end:endpoint]


def test_validation_happens_before_the_handler() -> None:
    c = TestClient(app)
    ok = c.post("/api/auth/signup",
                json={"email": "user@example.com", "password": "long enough", "name": "  Jo  "})
    assert ok.status_code == 201 and ok.json()["data"]["name"] == "Jo"  # stripped

    cases = {
        "email": {"email": "nope", "password": "long enough", "name": "Jo"},
        "password": {"email": "a@example.com", "password": "short", "name": "Jo"},
        "name": {"email": "a@example.com", "password": "long enough", "name": "   "},
        "age": {"email": "a@example.com", "password": "long enough", "name": "Jo", "age": 12},
        "is_admin": {"email": "a@example.com", "password": "long enough", "name": "Jo",
                     "is_admin": True},
    }
    # Too long for bcrypt: 73 ASCII bytes, and 128 characters that are 224 bytes in UTF-8.
    for too_long in ("x" * 73, "пароль!1" * 16):
        r = c.post("/api/auth/signup",
                   json={"email": "a@example.com", "password": too_long, "name": "Jo"})
        assert r.status_code == 422, (len(too_long), r.status_code)
        assert r.json()["error"]["details"]["fields"][0]["field"] == "body.password"
    assert len("пароль!1" * 16) == 128 and len(("пароль!1" * 16).encode()) == 224
    fits = "x" * 72
    assert c.post("/api/auth/signup", json={"email": "a@example.com", "password": fits,
                                            "name": "Jo"}).status_code == 201
    for field, body in cases.items():
        r = c.post("/api/auth/signup", json=body)
        assert r.status_code == 422, field
        assert r.json()["error"]["details"]["fields"][0]["field"] == f"body.{field}"

    schema = app.openapi()["components"]["schemas"]["UserCreate"]
    assert schema["examples"][0]["email"] == "user@example.com"  # the v2 spelling works


if __name__ == "__main__":
    test_validation_happens_before_the_handler()
