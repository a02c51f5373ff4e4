"""Hash and verify passwords with the `bcrypt` package directly.

passlib's CryptContext is unmaintained and breaks against bcrypt 4.1 and later, so it is not used.
"""

import bcrypt

# --8<-- [start:hash]
ROUNDS = 12  # cost factor: each +1 doubles the work; re-measure on production hardware


def hash_password(password: str) -> bytes:
    """Salted bcrypt hash to store; the salt and cost travel inside the hash."""
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=ROUNDS))


def verify_password(password: str, hashed: bytes) -> bool:
    """Constant-time comparison done by bcrypt itself."""
    return bcrypt.checkpw(password.encode("utf-8"), hashed)
# --8<-- [end:hash]


def test_hash_and_verify() -> None:
    hashed = hash_password("Str0ng!pass")
    assert hashed.startswith(b"$2b$12$")
    assert verify_password("Str0ng!pass", hashed)
    assert not verify_password("str0ng!pass", hashed)
    # Same password, new salt: two hashes differ, both verify.
    again = hash_password("Str0ng!pass")
    assert again != hashed and verify_password("Str0ng!pass", again)


# --8<-- [start:limit]
def test_bcrypt_refuses_more_than_72_bytes() -> None:
    # bcrypt 5 raises instead of silently ignoring byte 73 onwards; validate the length first
    # (see the sign-up model) so users get a message, not a 500.
    try:
        hash_password("x" * 73)
    except ValueError as exc:
        assert "72 bytes" in str(exc)
    else:
        raise AssertionError("bcrypt hashed a 73-byte password")
# --8<-- [end:limit]


if __name__ == "__main__":
    test_hash_and_verify()
    test_bcrypt_refuses_more_than_72_bytes()
