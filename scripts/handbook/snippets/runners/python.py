"""Python snippets: ruff, then the file itself, then pytest when it has tests, then `# Output:`.

A page's Python example is only trusted when it lints, runs, and prints what the page says.
"""

from __future__ import annotations

import ast
from pathlib import Path

from handbook.snippets.runners import base

NAME = "python"
matches = base.suffix_matcher(".py")
PATTERN = r'File "[^"]*{name}", line (\d+)'
PYTHON = str(base.VENV_BIN / "python")
RUFF = str(base.VENV_BIN / "ruff")
RUFF_CHECK = "check --no-cache --quiet --output-format concise".split()
PYTEST = "-m pytest -q -p no:cacheprovider --import-mode=importlib --no-header".split()


def version() -> str:
    argvs = ([PYTHON, "--version"], [RUFF, "--version"], [PYTHON, "-m", "pytest", "--version"])
    return " / ".join(base.tool_version(argv) for argv in argvs)


def implicit_deps(ctx: base.Context, file: Path) -> list[Path]:
    """`patterns/` (importable by every snippet) and the sibling modules the file imports."""
    patterns = ctx.snippets_dir / "patterns"
    deps = [patterns] if patterns.is_dir() and patterns not in file.parents else []
    try:
        tree = ast.parse(file.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        return deps
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
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
        lint = base.run([RUFF, *RUFF_CHECK, str(file)], cwd=ctx.root, env=env, timeout=ctx.timeout)
        if lint.returncode != 0:
            return base.failed(lint, file, "ruff check", r"{name}:(\d+):")
        try:
            tests = has_tests(source)
        except SyntaxError as exc:
            return base.Outcome(False, f"SyntaxError: {exc.msg}", exc.lineno)
        ran = base.run([PYTHON, str(file)], cwd=tmp, env=env, timeout=ctx.timeout)
        outcome = base.verdict(ran, file, "python", PATTERN, "#")
        if not outcome.ok or not tests:
            return outcome
        (tmp / "pytest.ini").write_text(
            "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n"
        )
        pytest = [PYTHON, *PYTEST, "--rootdir", str(tmp)]
        where = ["-c", str(tmp / "pytest.ini"), "--confcutdir", str(file.parent), str(file)]
        py = base.run([*pytest, *where], cwd=tmp, env=env, timeout=ctx.timeout)
        if py.returncode != 0:
            return base.failed(py, file, "pytest", r"{name}:(\d+):")
    return outcome
