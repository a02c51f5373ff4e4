"""Content-hash cache of snippet results in `.cache/snippets/`.

A snippet re-runs only when its bytes, its toolchain, its runner or a file it depends on change.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from handbook.snippets.runners.base import Outcome

if TYPE_CHECKING:
    from handbook.snippets.runners import Runner

# `hb: depends-on path` in any comment: path relative to snippets/, a file or a folder.
DEPENDS_ON = re.compile(r"hb:\s*depends-on\s+(?P<path>\S+)")
SKIP_PARTS = frozenset({"__pycache__", "node_modules", ".ruff_cache", ".pytest_cache"})


class DependencyError(ValueError):
    """A declared dependency that does not exist."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def declared_deps(file: Path, snippets_dir: Path) -> list[Path]:
    """The paths a file declares with `hb: depends-on`; a missing one raises DependencyError."""
    found = []
    text = file.read_text(encoding="utf-8", errors="replace")
    for number, line in enumerate(text.split("\n"), 1):
        for match in DEPENDS_ON.finditer(line):
            path = (snippets_dir / match.group("path")).resolve()
            if not path.exists():
                missing = f"hb: depends-on {match['path']}: no such file or folder under snippets/"
                raise DependencyError(number, missing)
            found.append(path)
    return found


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(
        p
        for p in path.rglob("*")
        if p.is_file() and not SKIP_PARTS.intersection(p.relative_to(path).parts)
    )


def key(rel: str, file: Path, runner: Runner, toolchain: str, deps: list[Path]) -> str:
    """The cache key: file, runner source, toolchain version and every dependency's bytes."""
    digest = hashlib.sha256()
    for part in (rel, runner.NAME, toolchain):
        digest.update(part.encode() + b"\0")
    runner_source = Path(getattr(runner, "__file__", ""))  # a runner is a module
    for source in (runner_source, Path(__file__).parent / "runners" / "base.py"):
        digest.update(source.read_bytes())
    digest.update(file.read_bytes())
    for dep in sorted(set(deps)):
        for path in _files(dep):
            digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class Cache:
    """Results stored one JSON file per key; `enabled=False` reads nothing and writes anyway."""

    def __init__(self, directory: Path, enabled: bool = True) -> None:
        self.dir = directory / "results"
        self.enabled = enabled

    def get(self, digest: str) -> Outcome | None:
        if not self.enabled:
            return None
        path = self.dir / f"{digest}.json"
        try:
            return Outcome(**json.loads(path.read_text()))
        except (OSError, ValueError, TypeError):
            return None

    def put(self, digest: str, outcome: Outcome) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = self.dir / f".{digest}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(asdict(outcome)))
        tmp.replace(self.dir / f"{digest}.json")
