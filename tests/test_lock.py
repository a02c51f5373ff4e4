"""Two machines install the same versions: the environment is exactly constraints.txt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_installed_packages_are_exactly_the_pinned_ones() -> None:
    frozen = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--exclude-editable",
         "--disable-pip-version-check"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    pinned = (ROOT / "constraints.txt").read_text(encoding="utf-8").split()
    assert sorted(frozen) == sorted(pinned), (
        f"not pinned: {sorted(set(frozen) - set(pinned))}; "
        f"pinned, not installed: {sorted(set(pinned) - set(frozen))} (run `make lock`)"
    )
