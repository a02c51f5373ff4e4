"""Bearer-token authentication as a FastAPI dependency: log in once, every protected route depends
on `get_current_user`, and a missing, forged or expired token is a 401 in the error envelope."""

from datetime import UTC, datetime, timedelta
from typing import Annotated

import bcrypt
import jwt
from fastapi import Depends, FastAPI
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.testclient import TestClient
from patterns.errors import AuthenticationError, install_error_handlers
from pydantic import AfterValidator, BaseModel, EmailStr, Field

SECRET_KEY = "test-only-secret-loaded-from-the-secret-manager-in-production"
ALGORITHM = "HS256"
USERS = {"ada@example.com": {"id": 1, "hash": bcrypt.hashpw(b"correct horse", bcrypt.gensalt())}}
INTERVIEWS = [{"id": 10, "user_id": 1}, {"id": 11, "user_id": 2}]


def at_most_72_bytes(value: str) -> str:
    # bcrypt 5 raises ValueError past 72 bytes, in checkpw too: refuse in the model (422),
    # so an over-long password can never turn the login into a 500.
    if len(value.encode("utf-8")) > 72:
        raise ValueError("at most 72 bytes (UTF-8)")
    return value


class UserLogin(BaseModel):
    email: EmailStr
    password: Annotated[str, Field(min_length=1), AfterValidator(at_most_72_bytes)]


class User(BaseModel):
    id: int


# --8<-- [start:tokens]
def create_access_token(subject: str, minutes: int = 30) -> str:
    # 30 minutes: the handbook's access-token lifetime (security/tokens.md#token-lifetimes).
    now = datetime.now(UTC)
    claims = {"sub": subject, "iat": now, "exp": now + timedelta(minutes=minutes)}
    return jwt.encode(claims, SECRET_KEY, algorithm=ALGORITHM)


bearer = HTTPBearer(auto_error=False)


def get_current_user(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> User:
    if credentials is None:
        raise AuthenticationError("Missing bearer token")
    try:
        # algorithms= is a list the server fixes: a token cannot pick "none".
        claims = jwt.decode(credentials.credentials, SECRET_KEY, algorithms=[ALGORITHM],
                            options={"require": ["exp", "sub"]})
    except jwt.ExpiredSignatureError as exc:
        raise AuthenticationError("Token expired") from exc
    except jwt.InvalidTokenError as exc:
        raise AuthenticationError("Invalid token") from exc
    return User(id=int(claims["sub"]))
# --8<-- [end:tokens]


# --8<-- [start:routes]
app = FastAPI()
install_error_handlers(app)


@app.post("/api/auth/login")
def login(credentials: UserLogin) -> dict:
    user = USERS.get(credentials.email)
    if user is None or not bcrypt.checkpw(credentials.password.encode(), user["hash"]):
        raise AuthenticationError("Invalid email or password")  # same message for both
    token = create_access_token(str(user["id"]))
    return {"access_token": token, "token_type": "bearer"}


@app.get("/api/interviews")
def get_interviews(current_user: Annotated[User, Depends(get_current_user)]) -> dict:
    return {"data": [i for i in INTERVIEWS if i["user_id"] == current_user.id]}
# --8<-- [end:routes]


def test_login_and_protected_route() -> None:
    c = TestClient(app)
    wrong = c.post("/api/auth/login", json={"email": "ada@example.com", "password": "guess"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "AUTH_ERROR"
    for too_long in ("x" * 73, "пароль!1" * 16):  # 73 bytes; 128 characters, 224 bytes
        r = c.post("/api/auth/login", json={"email": "ada@example.com", "password": too_long})
        assert r.status_code == 422, (len(too_long), r.status_code)
    token = c.post("/api/auth/login",
                   json={"email": "ada@example.com", "password": "correct horse"}).json()
    assert token["token_type"] == "bearer"

    assert c.get("/api/interviews").status_code == 401
    ok = c.get("/api/interviews", headers={"Authorization": f"Bearer {token['access_token']}"})
    assert ok.status_code == 200 and ok.json()["data"] == [{"id": 10, "user_id": 1}]

    expired = create_access_token("1", minutes=-1)
    r = c.get("/api/interviews", headers={"Authorization": f"Bearer {expired}"})
    assert r.status_code == 401 and r.json()["error"]["message"] == "Token expired"
    forged = jwt.encode({"sub": "2", "exp": datetime.now(UTC) + timedelta(minutes=5)},
                        "another-key-that-is-long-enough-for-hs256!", algorithm=ALGORITHM)
    r = c.get("/api/interviews", headers={"Authorization": f"Bearer {forged}"})
    assert r.status_code == 401 and r.json()["error"]["message"] == "Invalid token"


if __name__ == "__main__":
    test_login_and_protected_route()
