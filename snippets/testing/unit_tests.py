"""Unit tests: one behaviour per test, shared setup in fixtures, run by pytest."""

import pytest
from pydantic import BaseModel, EmailStr, ValidationError


class User(BaseModel):
    email: EmailStr
    name: str = ""


# --8<-- [start:tests]
def test_user_rejects_invalid_email():
    with pytest.raises(ValidationError, match="email"):
        User(email="invalid")


@pytest.fixture
def user() -> User:
    return User(email="test@example.com", name="Test")


def test_user_keeps_email(user: User):
    assert user.email == "test@example.com"


@pytest.mark.parametrize("email", ["a@example.com", "first.last+tag@example.co.uk"])
def test_user_accepts_valid_emails(email: str):
    assert User(email=email).email == email
# --8<-- [end:tests]


if __name__ == "__main__":
    # `python unit_tests.py` runs the same tests pytest collects.
    raise SystemExit(pytest.main([__file__, "-q", "-p", "no:cacheprovider"]))
