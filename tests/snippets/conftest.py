"""Fixtures for the snippet runner: a copy of a fixture tree and one run over it.

Runs are expensive (real toolchains), so each tree is run once per module and shared.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from handbook.snippets import engine

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "snippets"
TOOLCHAIN = ROOT / "snippets"


def copy_tree(name: str, dest: Path) -> Path:
    """A writable copy of fixture tree `name` (without any cache it may have picked up)."""
    target = dest / name
    shutil.copytree(FIXTURES / name, target, ignore=shutil.ignore_patterns(".cache"))
    return target


def run_tree(root: Path, **kwargs: object) -> engine.Run:
    """One real run over `root` with the project's toolchains, on both cores."""
    kwargs.setdefault("jobs", 2)
    return engine.run(root, toolchain_dir=TOOLCHAIN, **kwargs)  # type: ignore[arg-type]


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line of `path` containing `needle`."""
    for number, line in enumerate(path.read_text().split("\n"), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


@pytest.fixture
def tree(tmp_path: Path) -> Callable[[str], Path]:
    return lambda name="good": copy_tree(name, tmp_path)
