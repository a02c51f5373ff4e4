"""One runner module per language; `for_file` picks the one that checks a snippet file.

Each module has NAME, matches(rel), version(), implicit_deps(ctx, file) and run(ctx, file);
batch runners (TypeScript) also have run_batch(ctx, files).
"""

from __future__ import annotations

from types import ModuleType

from handbook.snippets.runners import (
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

# postgres before sqlite: `*.pg.sql` also ends in `.sql`.
RUNNERS: list[ModuleType] = [python, postgres, sqlite, bash, javascript, typescript, data, css,
                             make]


def for_file(rel: str) -> ModuleType | None:
    """The runner for a path relative to snippets/, or None when no toolchain checks that type."""
    return next((r for r in RUNNERS if r.matches(rel)), None)
