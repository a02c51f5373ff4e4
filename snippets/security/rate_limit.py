"""Login rate limits per client address and per account; the refusal is a 429 in the error
envelope with `Retry-After`.

A limit per address alone does not protect an account: an attacker with many addresses guesses
one account's password at the speed of the server. A second limit per account does.
"""

import math
import time

from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from patterns.errors import RateLimitedError, install_error_handlers
from pydantic import BaseModel


class UserLogin(BaseModel):
    email: str
    password: str


# --8<-- [start:limiter]
# `limits` is the library slowapi is built on. In production use
# storage_from_string("redis://...") so every worker shares the counters.
limiter = MovingWindowRateLimiter(MemoryStorage())
PER_CLIENT = parse("5/minute")  # one address: a person mistyping, not a script
PER_ACCOUNT = parse("10/hour")  # one account, from all addresses together: 240 guesses a day

app = FastAPI()
install_error_handlers(app)


def enforce(item: RateLimitItem, *key: str) -> None:
    if not limiter.hit(item, *key):
        reset_at, _ = limiter.get_window_stats(item, *key)
        retry_after = math.ceil(reset_at - time.time())
        raise RateLimitedError("Too many login attempts", retry_after=retry_after)


@app.post("/api/auth/login")
def login(request: Request, credentials: UserLogin) -> dict[str, str]:
    # Behind a proxy, request.client is the address the proxy reports (uvicorn's
    # --proxy-headers with --forwarded-allow-ips), not the proxy's own.
    enforce(PER_CLIENT, "login-ip", request.client.host if request.client else "unknown")
    enforce(PER_ACCOUNT, "login-account", credentials.email.lower())
    return {"status": "checked", "email": credentials.email}
# --8<-- [end:limiter]


# --8<-- [start:test]
def attempt(address: str, email: str = "ada@example.com") -> int:
    client = TestClient(app, client=(address, 50000))
    return client.post("/api/auth/login", json={"email": email, "password": "x"}).status_code


def test_sixth_attempt_from_one_address_gets_429_in_the_envelope() -> None:
    limiter.storage.reset()
    client = TestClient(app, client=("203.0.113.7", 50000))
    body = {"email": "bob@example.com", "password": "wrong"}
    codes = [client.post("/api/auth/login", json=body).status_code for _ in range(6)]
    assert codes == [200, 200, 200, 200, 200, 429]
    refused = client.post("/api/auth/login", json=body)
    assert refused.json()["error"]["code"] == "RATE_LIMITED"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60


def test_many_addresses_cannot_guess_one_account() -> None:
    limiter.storage.reset()
    # Eleven addresses, one attempt each: the per-address limit never triggers ...
    codes = [attempt(f"198.51.100.{n}") for n in range(11)]
    # ... but the account's limit does, after ten attempts in the hour.
    assert codes == [200] * 10 + [429]
    assert attempt("198.51.100.99", email="eve@example.com") == 200  # other accounts unaffected
# --8<-- [end:test]


if __name__ == "__main__":
    test_sixth_attempt_from_one_address_gets_429_in_the_envelope()
    test_many_addresses_cannot_guess_one_account()
