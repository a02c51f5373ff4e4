"""JavaScript snippets: ES modules run by node; `*.dom.js` inside a jsdom window.

Browser code is checked against a real DOM implementation, not a hand-made fake.
"""

from __future__ import annotations

from pathlib import Path

from handbook.snippets.runners import base

NAME = "javascript"


def matches(rel: str) -> bool:
    return rel.endswith((".js", ".mjs"))


def version() -> str:
    return base.tool_version(["node", "--version"])


def implicit_deps(ctx: base.Context, file: Path) -> list[Path]:
    return [ctx.toolchain_dir / "_harness"] if file.name.endswith(".dom.js") else []


def run(ctx: base.Context, file: Path) -> base.Outcome:
    with base.temp_dir() as tmp:
        argv = ["node", str(file)]
        if file.name.endswith(".dom.js"):
            argv = ["node", str(ctx.toolchain_dir / "_harness" / "dom.mjs"), str(file)]
        ran = base.run(argv, cwd=tmp, env=base.clean_env(tmp), timeout=ctx.timeout)
        if ran.returncode != 0:
            return base.failed(ran, file, "node", r"{name}:(\d+)")
        mismatch = base.compare_output(file.read_text(encoding="utf-8"), "//", ran.stdout)
        return mismatch or base.Outcome(True)
