"""The content-hash cache: nothing changed re-runs nothing; one change re-runs only its file."""

from __future__ import annotations

import pytest
from handbook.snippets import report

from tests.snippets.conftest import edit, run_tree

pytestmark = pytest.mark.slow


def ran(result) -> set[str]:
    return {r.file for r in result.results if not r.cached}


def test_second_run_reruns_nothing_and_one_change_reruns_only_it(tree) -> None:
    root = tree("small")
    first = run_tree(root)
    assert first.failed == 0 and len(ran(first)) == len(first.results)

    second = run_tree(root)
    assert ran(second) == set()
    assert all(r.ok for r in second.results)
    assert "nothing re-run" in report.console(second)

    edit(root / "snippets/demo/add.js", "40 + 2", "41 + 1")
    third = run_tree(root)
    assert ran(third) == {"demo/add.js"}
    assert "cache: 6 reused, 1 run" in report.console(third)


def test_patterns_and_declared_dependencies_invalidate_dependents(tree) -> None:
    root = tree("small")
    edit(
        root / "snippets/demo/add.js",
        "import assert",
        "// hb: depends-on demo/config.json\nimport assert",
    )
    run_tree(root)
    edit(
        root / "snippets/patterns/shout.py",
        'return text.upper() + "!"',
        'return text.upper() + "!"  # louder',
    )
    after_patterns = run_tree(root)
    assert ran(after_patterns) == {"demo/hello.py", "patterns/shout.py"}
    edit(root / "snippets/demo/config.json", '"retries": 3', '"retries": 4')
    assert ran(run_tree(root)) == {"demo/config.json", "demo/add.js"}


def test_missing_declared_dependency_fails_with_its_line(tree) -> None:
    root = tree("small")
    edit(
        root / "snippets/demo/add.js",
        "import assert",
        "// hb: depends-on demo/gone.json\nimport assert",
    )
    result = run_tree(root, only=["snippets/demo/add.js"])
    got = next(r for r in result.results if r.file == "demo/add.js")
    assert not got.ok and got.line == 1 and "demo/gone.json" in got.error


def test_no_cache_runs_everything_and_a_failure_is_cached_too(tree) -> None:
    root = tree("small")
    run_tree(root)
    assert len(ran(run_tree(root, use_cache=False))) == 7
    edit(root / "snippets/demo/add.js", "40 + 2", "40 + 3")
    assert not next(r for r in run_tree(root).results if r.file == "demo/add.js").ok
    again = next(r for r in run_tree(root).results if r.file == "demo/add.js")
    assert again.cached and not again.ok and "43 !== 42" in again.error


def test_python_snippet_depends_on_the_sibling_module_it_imports(tree) -> None:
    root = tree("small")
    (root / "snippets/demo/words.py").write_text('GREETING = "hello"\n')
    edit(
        root / "snippets/demo/hello.py",
        "from patterns.shout import shout\n",
        "from patterns.shout import shout\nfrom words import GREETING\n\nassert GREETING\n",
    )
    edit(
        root / "docs/index.md",
        '--8<-- "demo/hello.py"',
        '--8<-- "demo/hello.py"\n--8<-- "demo/words.py"',
    )
    run_tree(root)
    edit(root / "snippets/demo/words.py", '"hello"', '"hi"')
    assert ran(run_tree(root)) == {"demo/hello.py", "demo/words.py"}
