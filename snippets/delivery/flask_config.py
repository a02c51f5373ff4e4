"""The CVD Flask configuration as typed settings: required secret, secure cookies in production."""

import secrets
from datetime import timedelta

import pytest
from flask import Flask
from pydantic import SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


# --8<-- [start:settings]
class CVDSettings(BaseSettings):
    """Environment variables keep the CVD names: SESSION_SECRET, DATABASE_PATH, ..."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    flask_env: str = "development"
    session_secret: SecretStr | None = None
    database_path: str = "cvd.db"
    db_backup_enabled: bool = True
    anthropic_api_key: SecretStr | None = None
    enable_geocoding: bool = False
    cache_ttl: int = 3600
    max_upload_size: int = 16 * 1024 * 1024
    activity_tracking: bool = True
    log_level: str = "INFO"

    @model_validator(mode="after")
    def _secret_required_in_production(self) -> "CVDSettings":
        if self.flask_env == "production" and self.session_secret is None:
            raise ValueError("SESSION_SECRET must be set in production")
        return self

    def flask_config(self) -> dict:
        production = self.flask_env == "production"
        secret = self.session_secret.get_secret_value() if self.session_secret else None
        return {
            # Development only: a throwaway key, so local sessions end at restart.
            "SECRET_KEY": secret or secrets.token_hex(32),
            "SESSION_COOKIE_SECURE": production,
            "SESSION_COOKIE_HTTPONLY": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
            "PERMANENT_SESSION_LIFETIME": timedelta(hours=8),
            "DATABASE": self.database_path,
            "MAX_CONTENT_LENGTH": self.max_upload_size,
        }


def create_app(settings: CVDSettings) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(settings.flask_config())
    return app
# --8<-- [end:settings]


# Booleans are parsed properly: "yes", "1", "true" and "True" all work, "tru" is an error.
assert CVDSettings(enable_geocoding="yes").enable_geocoding is True
with pytest.raises(ValidationError):
    CVDSettings(enable_geocoding="tru")

# Production without SESSION_SECRET refuses to start.
with pytest.raises(ValidationError, match="SESSION_SECRET must be set"):
    CVDSettings(flask_env="production")

app = create_app(CVDSettings(flask_env="production", session_secret="s" * 64))
assert app.config["SESSION_COOKIE_SECURE"] is True
assert app.config["SECRET_KEY"] == "s" * 64
assert app.config["MAX_CONTENT_LENGTH"] == 16_777_216

# --8<-- [start:why-not-random]
# The original fell back to secrets.token_hex(32) in production too: every worker process and
# every restart gets a different key, so sessions signed by one are rejected by the next.
assert secrets.token_hex(32) != secrets.token_hex(32)
# --8<-- [end:why-not-random]
