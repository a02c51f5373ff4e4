"""Short-lived access tokens and rotated refresh tokens with PyJWT.

A stolen access token is useful for minutes; a refresh token works once and can be revoked.
"""

import secrets
from datetime import UTC, datetime, timedelta

import jwt

# --8<-- [start:issue]
ACCESS_TTL = timedelta(minutes=30)
REFRESH_TTL = timedelta(days=7)
ALGORITHM = "HS256"
SECRET = secrets.token_urlsafe(32)  # in a service: settings.jwt_secret (see Secrets)


def create_token(user_id: str, kind: str, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    ttl = ACCESS_TTL if kind == "access" else REFRESH_TTL
    claims = {
        "sub": user_id,
        "type": kind,
        "iat": now,
        "exp": now + ttl,
        "jti": secrets.token_hex(8),  # lets a used or revoked refresh token be refused
    }
    return jwt.encode(claims, SECRET, algorithm=ALGORITHM)


def decode_token(token: str, kind: str) -> dict:
    # `algorithms` is a list on purpose: never let the token choose its own algorithm.
    claims = jwt.decode(token, SECRET, algorithms=[ALGORITHM], options={"require": ["exp", "sub"]})
    if claims.get("type") != kind:
        raise jwt.InvalidTokenError(f"expected token type {kind!r}")
    return claims
# --8<-- [end:issue]


# --8<-- [start:refresh]
used_refresh_tokens: set[str] = set()  # a table or Redis set in a service


def refresh(refresh_token: str) -> tuple[str, str]:
    """Trade a refresh token for a new pair; each refresh token works once."""
    claims = decode_token(refresh_token, "refresh")
    if claims["jti"] in used_refresh_tokens:
        raise jwt.InvalidTokenError("refresh token already used")
    used_refresh_tokens.add(claims["jti"])
    return create_token(claims["sub"], "access"), create_token(claims["sub"], "refresh")
# --8<-- [end:refresh]


def raises(error: type[Exception], func, *args) -> str:
    try:
        func(*args)
    except error as exc:
        return str(exc)
    raise AssertionError(f"{func.__name__} did not raise {error.__name__}")


# --8<-- [start:expiry-test]
def test_access_token_expires_after_30_minutes() -> None:
    issued = datetime.now(UTC) - timedelta(minutes=29)
    assert decode_token(create_token("u1", "access", now=issued), "access")["sub"] == "u1"
    stale = create_token("u1", "access", now=datetime.now(UTC) - timedelta(minutes=31))
    assert raises(jwt.ExpiredSignatureError, decode_token, stale, "access") == (
        "Signature has expired"
    )
# --8<-- [end:expiry-test]


def test_refresh_token_lives_7_days_and_is_not_an_access_token() -> None:
    six_days = create_token("u1", "refresh", now=datetime.now(UTC) - timedelta(days=6))
    assert decode_token(six_days, "refresh")["sub"] == "u1"
    assert raises(jwt.InvalidTokenError, decode_token, six_days, "access") == (
        "expected token type 'access'"
    )
    eight_days = create_token("u1", "refresh", now=datetime.now(UTC) - timedelta(days=8))
    raises(jwt.ExpiredSignatureError, decode_token, eight_days, "refresh")


def test_refresh_rotates_and_refuses_reuse() -> None:
    first = create_token("u1", "refresh")
    access, second = refresh(first)
    assert decode_token(access, "access")["sub"] == "u1"
    assert raises(jwt.InvalidTokenError, refresh, first) == "refresh token already used"
    refresh(second)  # the new one still works once


def test_tampered_and_unsigned_tokens_are_refused() -> None:
    claims = {"sub": "admin", "type": "access", "exp": datetime.now(UTC) + ACCESS_TTL}
    forged = jwt.encode(claims, "a-guessed-secret-of-the-right-length!", algorithm=ALGORITHM)
    assert raises(jwt.InvalidSignatureError, decode_token, forged, "access") == (
        "Signature verification failed"
    )
    unsigned = jwt.encode(claims, None, algorithm="none")
    raises(jwt.InvalidAlgorithmError, decode_token, unsigned, "access")


if __name__ == "__main__":
    test_access_token_expires_after_30_minutes()
    test_refresh_token_lives_7_days_and_is_not_an_access_token()
    test_refresh_rotates_and_refuses_reuse()
    test_tampered_and_unsigned_tokens_are_refused()
