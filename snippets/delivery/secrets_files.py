"""Secrets injected at deploy time as files (Docker or Kubernetes secrets), read at startup."""

import os
import tempfile
from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict


# --8<-- [start:settings]
class DeploySettings(BaseSettings):
    """`jwt_secret` comes from the file /run/secrets/APP_JWT_SECRET, or from the variable."""

    model_config = SettingsConfigDict(env_prefix="APP_", secrets_dir="/run/secrets")

    jwt_secret: SecretStr  # no default: missing means the process does not start
# --8<-- [end:settings]


os.environ.pop("APP_JWT_SECRET", None)
with tempfile.TemporaryDirectory() as secrets_dir:
    # --8<-- [start:usage]
    (Path(secrets_dir) / "APP_JWT_SECRET").write_text("f3Q9wX2pL7vK1sT8nB4cR6yH0jM5dGa\n")
    settings = DeploySettings(_secrets_dir=secrets_dir)
    assert settings.jwt_secret.get_secret_value() == "f3Q9wX2pL7vK1sT8nB4cR6yH0jM5dGa"
    # --8<-- [end:usage]
    assert "f3Q9" not in repr(settings)

with tempfile.TemporaryDirectory() as empty, pytest.raises(ValidationError, match="jwt_secret"):
    DeploySettings(_secrets_dir=empty)
