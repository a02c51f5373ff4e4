"""Secrets reach the service from the secret manager at runtime, never from the repository.

Files mounted by the secret manager win; an injected environment variable is the fallback.
"""

import os
import tempfile
from pathlib import Path

from pydantic import SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict


# --8<-- [start:settings]
class Settings(BaseSettings):
    """Loaded once at start-up; a missing secret stops the service before it takes traffic."""

    model_config = SettingsConfigDict(
        env_prefix="APP_",
        secrets_dir="/run/secrets",  # where the secret manager mounts one file per secret
    )

    api_key: SecretStr
    jwt_secret: SecretStr
    debug: bool = False
# --8<-- [end:settings]


def test_secrets_come_from_mounted_files() -> None:
    with tempfile.TemporaryDirectory() as mounted:
        Path(mounted, "app_api_key").write_text("sk-from-the-manager")
        Path(mounted, "app_jwt_secret").write_text("j" * 32)
        settings = Settings(_secrets_dir=mounted)
    # --8<-- [start:masked]
    assert settings.api_key.get_secret_value() == "sk-from-the-manager"
    # Printing or logging the settings never shows the value.
    assert "sk-from" not in repr(settings) and "sk-from" not in str(settings.model_dump())
    assert str(settings.api_key) == "**********"
    # --8<-- [end:masked]


def test_injected_environment_variable_is_accepted() -> None:
    os.environ.update(APP_API_KEY="sk-injected", APP_JWT_SECRET="j" * 32)
    try:
        with tempfile.TemporaryDirectory() as empty:
            assert Settings(_secrets_dir=empty).api_key.get_secret_value() == "sk-injected"
    finally:
        del os.environ["APP_API_KEY"], os.environ["APP_JWT_SECRET"]


def test_missing_secret_fails_at_start_up() -> None:
    with tempfile.TemporaryDirectory() as empty:
        try:
            Settings(_secrets_dir=empty)
        except ValidationError as exc:
            assert [e["loc"][0] for e in exc.errors()] == ["api_key", "jwt_secret"]
        else:
            raise AssertionError("settings loaded without their secrets")


# --8<-- [start:hardcoded]
class HardCodedSettings(BaseSettings):
    """The anti-pattern: a literal default. It is in every clone, and it hides a missing secret."""

    api_key: SecretStr = SecretStr("sk-hardcoded-secret")


def test_hard_coded_default_hides_a_missing_secret() -> None:
    with tempfile.TemporaryDirectory() as empty:
        settings = HardCodedSettings(_secrets_dir=empty)
    # Nothing was configured, yet the service starts, with the key from the repository.
    assert settings.api_key.get_secret_value() == "sk-hardcoded-secret"
# --8<-- [end:hardcoded]


if __name__ == "__main__":
    test_hard_coded_default_hides_a_missing_secret()
    test_secrets_come_from_mounted_files()
    test_injected_environment_variable_is_accepted()
    test_missing_secret_fails_at_start_up()
