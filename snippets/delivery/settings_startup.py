"""Settings are typed, read from the environment, and refuse placeholders at startup."""

import os

import pytest
from patterns.settings import Settings, get_settings
from pydantic import ValidationError

for key in [k for k in os.environ if k.startswith("APP_")]:
    del os.environ[key]

# --8<-- [start:startup]
# In main.py / app factory: validate once, before serving anything.
settings = get_settings()
assert settings.environment == "development"  # a laptop with no variables set just works
# --8<-- [end:startup]

# --8<-- [start:production-refused]
os.environ.update({"APP_ENVIRONMENT": "production", "APP_DEBUG": "true"})
get_settings.cache_clear()
with pytest.raises(ValidationError) as info:
    get_settings()
message = str(info.value)
assert "APP_DEBUG must be false" in message
assert "APP_DATABASE_URL" in message and "APP_JWT_SECRET" in message  # all problems at once
# --8<-- [end:production-refused]

# Typed: a wrong type is an error at startup too, naming the field.
with pytest.raises(ValidationError, match="cache_ttl_seconds"):
    Settings(environment="development", cache_ttl_seconds="an hour")

# --8<-- [start:production-ok]
os.environ.update({
    "APP_DEBUG": "false",
    "APP_DATABASE_URL": "postgresql+psycopg://app@db.internal/app",
    "APP_JWT_SECRET": "x7Kp2mQ9vL4sT8wZ1nB6cR3yH5jF0dGa",
})
get_settings.cache_clear()
settings = get_settings()
assert settings.environment == "production"
assert "x7Kp" not in repr(settings)  # SecretStr: never printed, never logged
assert settings.jwt_secret.get_secret_value().startswith("x7Kp")
# --8<-- [end:production-ok]

# --8<-- [start:original-bugs]
# Pydantic v1's import location no longer exists in Pydantic 2.
with pytest.raises(ImportError, match="pydantic-settings"):
    exec("from pydantic import BaseSettings")  # noqa: S102 - proves the old import fails

# An assert in a class body runs once, at import, on the class defaults; under `python -O`
# it is removed entirely, so the production check silently disappears.
optimized = compile("assert False, 'Use production database'", "<settings>", "exec", optimize=1)
exec(optimized)  # noqa: S102 - no AssertionError: the check is gone
# --8<-- [end:original-bugs]
