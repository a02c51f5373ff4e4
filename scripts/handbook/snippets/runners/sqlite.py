"""SQLite snippets (`*.sql`): run by the sqlite3 shell on an in-memory database.

The shell's `-bail` stops at the first error, which it reports with the line.
"""

from __future__ import annotations

from pathlib import Path

from handbook.snippets.runners import base

NAME = "sqlite"
implicit_deps = base.no_implicit_deps
matches = base.suffix_matcher(".sql")  # `*.pg.sql` too: postgres comes first in RUNNERS


def version() -> str:
    return base.tool_version(["sqlite3", "--version"])


def run(ctx: base.Context, file: Path) -> base.Outcome:
    ran = base.run_clean(["sqlite3", "-bail", "-batch", ":memory:"], ctx.timeout, stdin=file)
    # sqlite3 can print an error and still exit 0 without -bail semantics on some builds.
    if ran.returncode != 0 or "error" in ran.stderr.lower():
        outcome = base.failed(ran, file, "sqlite3", r"line (\d+)")
        outcome.line = base.line_in(ran.stderr, file, r"line (\d+)")
        return outcome
    mismatch = base.compare_output(file.read_text(encoding="utf-8"), "--", ran.stdout)
    return mismatch or base.Outcome(True)
