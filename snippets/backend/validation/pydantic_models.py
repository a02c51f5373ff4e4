"""Pydantic v2 request models: FastAPI rejects bad input with 422 before the handler runs."""

from typing import Annotated

from fastapi import FastAPI
from fastapi.testclient import TestClient
from patterns.errors import install_error_handlers
from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

# --8<-- [start:model]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


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
    password: str = Field(min_length=8, max_length=128)
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
    for field, body in cases.items():
        r = c.post("/api/auth/signup", json=body)
        assert r.status_code == 422, field
        assert r.json()["error"]["details"]["fields"][0]["field"] == f"body.{field}"

    schema = app.openapi()["components"]["schemas"]["UserCreate"]
    assert schema["examples"][0]["email"] == "user@example.com"  # the v2 spelling works


if __name__ == "__main__":
    test_validation_happens_before_the_handler()
