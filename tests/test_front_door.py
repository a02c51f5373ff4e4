"""The front door: a writer's `make serve` needs Python 3 only, and `pip install .` gives a CLI.

One fresh virtual environment, made by the serve target's own install step with `apt-get`,
`sudo`, Chromium, node and PostgreSQL shadowed by commands that fail; then the package itself
installed into it (not editable) and every job's `--help` run from outside the checkout.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from handbook.cli import COMMANDS

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SHADOWED = ["apt-get", "apt", "sudo", "chromium", "node", "npm", "pg_ctl", "pg_config", "nginx"]


@pytest.fixture(scope="module")
def writer_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("front-door")
    shadow = tmp / "shadow"
    shadow.mkdir()
    for name in SHADOWED:
        tool = shadow / name
        tool.write_text(f"#!/bin/sh\necho 'make serve ran {name}' >&2\nexit 97\n")
        tool.chmod(0o755)
    venv = tmp / "venv"
    env = {**os.environ, "PATH": f"{shadow}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(
        ["make", "--no-print-directory", "docs-install", f"VENV={venv}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "make serve ran" not in run.stderr
    return venv


def test_serve_installs_with_python_alone(writer_venv: Path) -> None:
    assert (writer_venv / ".docs-installed").exists()
    version = subprocess.run(
        [str(writer_venv / "bin" / "mkdocs"), "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert version.returncode == 0 and "1.6" in version.stdout


def test_serve_target_depends_on_the_python_only_install() -> None:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("serve", "build"):
        prereqs = re.search(rf"^{target}:([^#\n]*)", text, flags=re.M)
        assert prereqs and prereqs.group(1).split() == ["docs-install"], target


def test_pip_install_gives_a_cli_whose_every_job_has_help(
    writer_venv: Path, tmp_path: Path
) -> None:
    python = str(writer_venv / "bin" / "python")
    installed = subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    handbook = str(writer_venv / "bin" / "handbook")
    top = subprocess.run([handbook, "--help"], cwd=tmp_path, capture_output=True, text=True)
    assert top.returncode == 0 and all(name in top.stdout for name in COMMANDS), top.stderr
    for name in COMMANDS:
        job = subprocess.run(
            [handbook, name, "--help"], cwd=tmp_path, capture_output=True, text=True
        )
        assert job.returncode == 0, f"handbook {name} --help:\n{job.stderr}"
        assert f"handbook {name}" in job.stdout
