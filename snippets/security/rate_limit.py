"""Login rate limit with slowapi: five attempts a minute per client, the sixth gets 429.

Slows password guessing without touching the login code itself.
"""

from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from pydantic import BaseModel
from slowapi import Limiter, _rate_limit_exceeded_handler
from slowapi.errors import RateLimitExceeded
from slowapi.util import get_remote_address


class UserLogin(BaseModel):
    email: str
    password: str


# --8<-- [start:limiter]
# In production pass storage_uri="redis://..." so every worker shares the counters.
limiter = Limiter(key_func=get_remote_address)
app = FastAPI()
app.state.limiter = limiter  # slowapi looks the limiter up here
app.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)


@app.post("/api/auth/login")
@limiter.limit("5/minute")
def login(request: Request, credentials: UserLogin) -> dict[str, str]:
    # `request` must be a parameter: slowapi reads the client address from it.
    return {"status": "checked", "email": credentials.email}
# --8<-- [end:limiter]


# --8<-- [start:test]
def test_sixth_attempt_in_a_minute_gets_429() -> None:
    limiter.reset()
    client = TestClient(app)
    body = {"email": "ada@example.com", "password": "wrong"}
    codes = [client.post("/api/auth/login", json=body).status_code for _ in range(6)]
    assert codes == [200, 200, 200, 200, 200, 429]
    assert client.post("/api/auth/login", json=body).json() == {
        "error": "Rate limit exceeded: 5 per 1 minute"
    }
# --8<-- [end:test]


if __name__ == "__main__":
    test_sixth_attempt_in_a_minute_gets_429()
