"""Typed application settings read from the environment and validated once, at startup.

A wrong or missing production value stops the process before it serves a request, with a
message that names the variable, instead of failing later inside a request.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

#: Values that are fine on a laptop and never acceptable in production.
DEV_DATABASE_URL = "sqlite:///./dev.db"
DEV_SECRET = "dev-secret-key"  # noqa: S105 - a known placeholder the validator rejects


class Settings(BaseSettings):
    """Every setting of the application, typed, with safe development defaults.

    Values come from environment variables prefixed `APP_` (`APP_DATABASE_URL`, ...), then from
    a `.env` file if present, then from the defaults here.

    Attributes:
        environment: `development`, `staging` or `production`.
        debug: Extra diagnostics; refused in production.
        database_url: SQLAlchemy URL of the database.
        jwt_secret: Signing key of the session tokens; never printed (`SecretStr`).
        log_level: Level name of the root logger.
        cache_ttl_seconds: Lifetime of cached entries.
    """

    model_config = SettingsConfigDict(env_prefix="APP_", env_file=".env", extra="ignore")

    environment: Literal["development", "staging", "production"] = "development"
    debug: bool = False
    database_url: str = DEV_DATABASE_URL
    jwt_secret: SecretStr = SecretStr(DEV_SECRET)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    cache_ttl_seconds: int = Field(default=300, ge=0)

    @model_validator(mode="after")
    def _production_needs_real_values(self) -> Settings:
        """Refuse development placeholders outside development.

        Raises:
            ValueError: Naming every offending variable, so one restart fixes them all.
        """
        if self.environment == "development":
            return self
        problems = []
        if self.debug:
            problems.append("APP_DEBUG must be false")
        if self.database_url == DEV_DATABASE_URL or self.database_url.startswith("sqlite"):
            problems.append("APP_DATABASE_URL must point at the real database, not SQLite")
        secret = self.jwt_secret.get_secret_value()
        if secret == DEV_SECRET or len(secret) < 32:
            problems.append("APP_JWT_SECRET must be set to a random value of 32+ characters")
        if problems:
            raise ValueError(f"invalid {self.environment} settings: " + "; ".join(problems))
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings, validated on first use.

    Call it once during startup so an invalid environment fails the deploy, not a request.
    Tests call `get_settings.cache_clear()` after changing the environment.

    Returns:
        The validated `Settings`.

    Raises:
        pydantic.ValidationError: If a variable is missing, mistyped or a placeholder.
    """
    return Settings()
