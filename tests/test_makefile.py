"""The Makefile is the front door: `make help` documents every target the README promises."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROMISED = [
    "help",
    "install",
    "serve",
    "build",
    "test",
    "snippets",
    "bench",
    "publish",
    "preview-versions",
    "lint",
    "clean",
]


def test_make_help_lists_every_promised_target() -> None:
    out = subprocess.run(
        ["make", "--no-print-directory", "help"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    listed = set(re.findall(r"^\s+(?:\x1b\[\d+m)?([a-z-]+)", out, flags=re.M))
    assert set(PROMISED) <= listed, f"missing from `make help`: {set(PROMISED) - listed}"


def test_every_environment_target_depends_on_install() -> None:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    writing = {"serve", "build"}  # Python only: docs-install (tests/test_front_door.py)
    for target in ["serve", "build", "test", "snippets", "bench", "publish", "preview-versions"]:
        rule = re.search(rf"^{re.escape(target)}:([^#\n]*)", text, flags=re.M)
        assert rule, f"no rule for {target}"
        needs = "docs-install" if target in writing else "install"
        assert needs in rule.group(1).split(), f"{target} does not depend on {needs}"


def test_ci_runs_exactly_make_test() -> None:
    commands = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert commands[-1] == "make test"
