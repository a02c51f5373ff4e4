"""PostgreSQL is found wherever it is installed, any version: pg_config, then pg_ctl on PATH."""

from __future__ import annotations

from pathlib import Path

import pytest
from handbook.snippets.runners import postgres


def _exe(path: Path, text: str = "#!/bin/sh\nexit 0\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o755)
    return path


@pytest.fixture(autouse=True)
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HB_PG_BIN", raising=False)
    postgres.pg_bin.cache_clear()
    yield
    postgres.pg_bin.cache_clear()


def test_pg_config_bindir_of_any_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server = tmp_path / "pg" / "17" / "bin"
    _exe(server / "pg_ctl")
    _exe(tmp_path / "path" / "pg_config", f"#!/bin/sh\necho {server}\n")
    monkeypatch.setenv("PATH", str(tmp_path / "path"))
    assert postgres.pg_bin() == server


def test_pg_ctl_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pg_ctl = _exe(tmp_path / "opt" / "pg16" / "bin" / "pg_ctl")
    (tmp_path / "path").mkdir()
    (tmp_path / "path" / "pg_ctl").symlink_to(pg_ctl)
    monkeypatch.setenv("PATH", str(tmp_path / "path"))
    assert postgres.pg_bin() == pg_ctl.parent


def test_missing_postgres_says_how_to_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RuntimeError, match="HB_PG_BIN"):
        postgres.pg_bin()
    assert postgres.version() == "postgres: missing"
