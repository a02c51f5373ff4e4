"""A sign-up model whose password rule can actually pass and fail.

The original pattern could never match any string; these checks name the rule that failed.
"""

import re
from typing import Annotated

from pydantic import BaseModel, EmailStr, Field, StringConstraints, ValidationError, field_validator
from pydantic_core import SchemaError

# --8<-- [start:broken]
# The original rule: lookaheads followed by `$` straight after `^`, so only the empty string
# could reach the end, and the empty string fails every lookahead. Nothing ever matches.
BROKEN = r"^(?=.*[A-Z])(?=.*[0-9])(?=.*[!@#$%^&*])$"
assert not any(re.match(BROKEN, p) for p in ["Str0ng!pass", "A1!", ""])

# Pydantic 2 also removed `regex=` (it is `pattern=` now) and its regex engine has no lookaheads:
try:

    class Broken(BaseModel):
        password: str = Field(pattern=BROKEN)

except SchemaError as exc:
    assert "look-around" in str(exc)
else:
    raise AssertionError("pydantic accepted a lookahead pattern")
# --8<-- [end:broken]

# --8<-- [start:model]
SPECIALS = "!@#$%^&*"
RULES = [
    (re.compile(r"[A-Z]"), "an upper-case letter"),
    (re.compile(r"[0-9]"), "a digit"),
    (re.compile(f"[{re.escape(SPECIALS)}]"), f"one of {SPECIALS}"),
]

CompanyName = Annotated[
    str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=100)
]


class UserCreate(BaseModel):
    email: EmailStr
    # bcrypt only reads the first 72 bytes, so longer passwords are refused, not truncated.
    password: str = Field(min_length=8, max_length=72)
    name: str = Field(min_length=1, max_length=100)
    age: int = Field(ge=18, le=120)
    company: CompanyName | None = None

    @field_validator("password")
    @classmethod
    def password_strength(cls, value: str) -> str:
        missing = [label for rule, label in RULES if not rule.search(value)]
        if missing:
            raise ValueError("password needs " + ", ".join(missing))
        if len(value.encode()) > 72:
            raise ValueError("password is longer than 72 bytes")
        return value
# --8<-- [end:model]


# --8<-- [start:tests]
def errors_for(**fields: object) -> list[str]:
    base = {"email": "ada@example.com", "name": "Ada", "age": 36, "password": "Str0ng!pass"}
    try:
        UserCreate(**{**base, **fields})
    except ValidationError as exc:
        return [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
    return []


def test_good_password_passes() -> None:
    assert errors_for() == []
    assert errors_for(password="Correct-Horse-8-Battery!") == []


def test_each_missing_rule_is_named() -> None:
    assert errors_for(password="str0ng!pass") == [
        "password: Value error, password needs an upper-case letter"
    ]
    assert errors_for(password="Strong!pass") == ["password: Value error, password needs a digit"]
    assert errors_for(password="Str0ngpass") == [
        "password: Value error, password needs one of !@#$%^&*"
    ]
    assert errors_for(password="S0!") == [
        "password: String should have at least 8 characters"
    ]


def test_other_fields() -> None:
    assert errors_for(email="not-an-email")[0].startswith("email: value is not a valid email")
    assert errors_for(age=17) == ["age: Input should be greater than or equal to 18"]
    assert errors_for(password="Ä1!" * 25)[0].startswith("password: String should have at most")
    assert errors_for(password="A1!" + "Ä" * 40) == [
        "password: Value error, password is longer than 72 bytes"
    ]
    user = UserCreate(
        email="ada@example.com", name="Ada", age=36, password="Str0ng!pass", company="  ACME  "
    )
    assert user.company == "acme"
    assert errors_for(company="x" * 101) == [
        "company: String should have at most 100 characters"
    ]
# --8<-- [end:tests]


if __name__ == "__main__":
    test_good_password_passes()
    test_each_missing_rule_is_named()
    test_other_fields()
