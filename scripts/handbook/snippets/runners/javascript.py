"""JavaScript snippets: ES modules run by node; `*.dom.js` inside a jsdom window.

Browser code is checked against a real DOM implementation, not a hand-made fake.
"""

from __future__ import annotations

from pathlib import Path

from handbook.snippets.runners import base

NAME = "javascript"
matches = base.suffix_matcher(".js", ".mjs")


def version() -> str:
    return base.tool_version(["node", "--version"])


def implicit_deps(ctx: base.Context, file: Path) -> list[Path]:
    return [ctx.toolchain_dir / "_harness"] if file.name.endswith(".dom.js") else []


def run(ctx: base.Context, file: Path) -> base.Outcome:
    dom = file.name.endswith(".dom.js")
    harness = [str(ctx.toolchain_dir / "_harness" / "dom.mjs")] if dom else []
    ran = base.run_clean(["node", *harness, str(file)], ctx.timeout)
    return base.verdict(ran, file, "node", r"{name}:(\d+)", "//")
