"""One success envelope, `{"data": ..., "meta": ...}`, declared once as a generic response model."""

from datetime import UTC, datetime
from typing import Generic, TypeVar

from fastapi import FastAPI
from fastapi.testclient import TestClient
from patterns.errors import NotFoundError, install_error_handlers
from pydantic import BaseModel, Field

T = TypeVar("T")


# --8<-- [start:envelope]
class Meta(BaseModel):
    timestamp: datetime = Field(default_factory=lambda: datetime.now(UTC))
    version: str = "1.0"


class Envelope(BaseModel, Generic[T]):
    data: T
    meta: Meta = Field(default_factory=Meta)


class Profile(BaseModel):
    role: str
    experience: int


class User(BaseModel):
    id: int
    email: str
    profile: Profile


app = FastAPI()
install_error_handlers(app)


@app.get("/api/users/{user_id}", response_model=Envelope[User])
def read_user(user_id: int) -> Envelope[User]:
    if user_id != 1:
        raise NotFoundError(f"User {user_id} not found")
    user = User(id=1, email="user@example.com",
                profile=Profile(role="Software Engineer", experience=5))
    return Envelope[User](data=user)
# --8<-- [end:envelope]


def test_success_and_error_shapes() -> None:
    c = TestClient(app)
    body = c.get("/api/users/1").json()
    assert set(body) == {"data", "meta"}
    assert body["data"]["profile"] == {"role": "Software Engineer", "experience": 5}
    assert body["meta"]["version"] == "1.0" and body["meta"]["timestamp"].endswith("Z")
    missing = c.get("/api/users/2")
    assert missing.status_code == 404
    assert set(missing.json()) == {"error"}  # success and error never mix keys
    assert missing.json()["error"]["code"] == "NOT_FOUND"


if __name__ == "__main__":
    test_success_and_error_shapes()
