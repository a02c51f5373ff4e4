"""One runner module per language; `for_file` picks the one that checks a snippet file.

A runner is a module that satisfies `Runner` (and `BatchRunner` when it checks many files in one
toolchain call). Docs/contributing/index.md#add-a-snippet-language says how to add one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Protocol

from handbook.snippets.runners import (
    base,
    bash,
    css,
    data,
    javascript,
    make,
    postgres,
    python,
    sqlite,
    typescript,
)


class Runner(Protocol):
    """What the engine asks of a language's runner module."""

    NAME: str
    """The language in reports and in the cache key, e.g. "postgresql"."""

    def matches(self, rel: str) -> bool:
        """True for the files (path relative to snippets/) this runner checks."""
        ...

    def version(self) -> str:
        """The toolchain's version, asked once per run; part of every cache key, so a new
        toolchain re-runs everything. A missing toolchain answers "<tool>: missing"."""
        ...

    def implicit_deps(self, ctx: base.Context, file: Path) -> list[Path]:
        """Files whose content a file's verdict depends on beyond itself (its imports); part of
        its cache key. Declared `hb: depends-on` comments are added by the engine."""
        ...

    def run(self, ctx: base.Context, file: Path) -> base.Outcome:
        """Check one file with the real toolchain, in `base.run`'s sandbox; never raise for a
        failing snippet (an exception is reported as a runner error on the file). A failure
        built with `base.failed` carries the process's `timed_out` flag: such a verdict is not
        cached."""
        ...


class BatchRunner(Runner, Protocol):
    """A runner whose toolchain checks many files at once (tsc over one project)."""

    BATCH: Literal[True]
    """Present and True: the engine calls `run_batch` once with every file of this runner that
    the cache did not answer, instead of `run` per file. Absent on per-file runners."""

    def run_batch(self, ctx: base.Context, files: list[Path]) -> dict[Path, base.Outcome]:
        """One verdict per file given."""
        ...


# The order is load-bearing: the first runner whose `matches` accepts a file checks it, so a more
# specific suffix comes before the general one it ends in. `*.pg.sql` also ends in `.sql`:
# postgres must come before sqlite, or PostgreSQL-only SQL (JSONB, RETURNING) would be fed to the
# sqlite3 shell. tests/snippets/test_runners.py holds every such pair to this order.
RUNNERS: list[Runner] = [python, postgres, sqlite, bash, javascript, typescript, data, css, make]


def for_file(rel: str) -> Runner | None:
    """The runner for a path relative to snippets/, or None when no toolchain checks that type."""
    return next((r for r in RUNNERS if r.matches(rel)), None)
