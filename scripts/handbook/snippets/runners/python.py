"""Python snippets: ruff, then the file itself, then pytest when it has tests, then `# Output:`.

A page's Python example is only trusted when it lints, runs, and prints what the page says.
"""

from __future__ import annotations

import ast
from pathlib import Path

from handbook.snippets.runners import base

NAME = "python"
PATTERN = r'File "[^"]*{name}", line (\d+)'
RUFF = "check --no-cache --quiet --output-format concise".split()
PYTEST = "-m pytest -q -p no:cacheprovider --import-mode=importlib --no-header".split()


def matches(rel: str) -> bool:
    return rel.endswith(".py")


def version() -> str:
    return " / ".join(
        [
            base.tool_version([str(base.VENV_BIN / "python"), "--version"]),
            base.tool_version([str(base.VENV_BIN / "ruff"), "--version"]),
            base.tool_version([str(base.VENV_BIN / "python"), "-m", "pytest", "--version"]),
        ]
    )


def implicit_deps(ctx: base.Context, file: Path) -> list[Path]:
    """`patterns/` (importable by every snippet) and the sibling modules the file imports."""
    patterns = ctx.snippets_dir / "patterns"
    deps = [patterns] if patterns.is_dir() and patterns not in file.parents else []
    try:
        tree = ast.parse(file.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        return deps
    names = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    names |= {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
    }
    for name in sorted(names):
        for sibling in (file.parent / f"{name}.py", file.parent / name):
            if sibling.exists() and sibling != file:
                deps.append(sibling)
    return deps


def has_tests(source: str) -> bool:
    """True when the module defines `test_*` functions or `Test*` classes at top level."""
    tree = ast.parse(source)
    functions = ast.FunctionDef | ast.AsyncFunctionDef
    return any(
        (isinstance(n, functions) and n.name.startswith("test_"))
        or (isinstance(n, ast.ClassDef) and n.name.startswith("Test"))
        for n in tree.body
    )


def run(ctx: base.Context, file: Path) -> base.Outcome:
    source = file.read_text(encoding="utf-8")
    with base.temp_dir() as tmp:
        env = base.clean_env(tmp, snippets_dir=ctx.snippets_dir)
        # ruff reads the project's pyproject.toml (per-file ignores of snippets/): run it there.
        ruff = [str(base.VENV_BIN / "ruff"), *RUFF]
        lint = base.run([*ruff, str(file)], cwd=ctx.root, env=env, timeout=ctx.timeout)
        if lint.returncode != 0:
            return base.failed(lint, file, "ruff check", r"{name}:(\d+):")
        try:
            tests = has_tests(source)
        except SyntaxError as exc:
            return base.Outcome(False, f"SyntaxError: {exc.msg}", exc.lineno)
        ran = base.run(
            [str(base.VENV_BIN / "python"), str(file)], cwd=tmp, env=env, timeout=ctx.timeout
        )
        if ran.returncode != 0:
            return base.failed(ran, file, "python", PATTERN)
        mismatch = base.compare_output(source, "#", ran.stdout)
        if mismatch:
            return mismatch
        if tests:
            (tmp / "pytest.ini").write_text(
                "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n"
            )
            pytest = [str(base.VENV_BIN / "python"), *PYTEST, "--rootdir", str(tmp)]
            where = ["-c", str(tmp / "pytest.ini"), "--confcutdir", str(file.parent), str(file)]
            py = base.run([*pytest, *where], cwd=tmp, env=env, timeout=ctx.timeout)
            if py.returncode != 0:
                return base.failed(py, file, "pytest", r"{name}:(\d+):")
    return base.Outcome(True)
