"""Makefile snippets: `make -n` (dry run) of every target the file defines.

A dry run proves the file parses and every target's recipe expands.
"""

from __future__ import annotations

import re
from pathlib import Path

from handbook.snippets.runners import base

NAME = "make"
implicit_deps = base.no_implicit_deps
# Hand-written: GNU make has no "list targets" flag; explicit rules are `name [name…]: …`.
TARGET = re.compile(r"^(?P<names>[A-Za-z0-9_./-][^:=#\t]*?)\s*::?(?![=])")


def matches(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return name in ("Makefile", "GNUmakefile", "makefile") or name.endswith(".mk")


def version() -> str:
    return base.tool_version(["make", "--version"])


def targets(text: str) -> list[str]:
    """Explicit targets, in file order, without special (`.PHONY`) or pattern (`%`) targets."""
    found: list[str] = []
    for line in text.split("\n"):
        match = TARGET.match(line)
        if not match:
            continue
        for name in match.group("names").split():
            special = name.startswith(".") or "%" in name or "$" in name
            if not special and name not in found:
                found.append(name)
    return found


def run(ctx: base.Context, file: Path) -> base.Outcome:
    names = targets(file.read_text(encoding="utf-8")) or [""]
    with base.temp_dir() as tmp:
        env = base.clean_env(tmp)
        for name in names:
            goal = [name] if name else []  # "": the file's default goal
            argv = ["make", "--no-print-directory", "-n", "-f", str(file), *goal]
            ran = base.run(argv, cwd=tmp, env=env, timeout=ctx.timeout)
            if ran.returncode != 0:
                return base.failed(ran, file, f"make -n {name}".strip(), r"{name}:(\d+):")
    return base.Outcome(True)
