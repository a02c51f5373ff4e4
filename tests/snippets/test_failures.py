"""Each kind of broken snippet or page is reported with its page, its line and the tool's error.

One copy of the good tree gets every mutation at once (they touch different files), then one run.
"""

from __future__ import annotations

import pytest
from handbook.snippets import report

from tests.snippets.conftest import copy_tree, edit, line_of, run_tree

pytestmark = pytest.mark.slow

EXTRA_PAGE = """# Broken page

```bash
--8<-- "demo/syntax.sh"
```

```bash
--8<-- "demo/lint.sh"
```

```python
--8<-- "demo/missing.py"
```

```python
--8<-- "demo/greet.py:no-such-section"
```

```python linenos="1"
--8<-- "demo/api.py"
```

```python title="Illustrative:"
print("no reason given")
```

```python
print("neither tested nor marked")
```

```python title="Illustrative: unknown language below"
x = 1
```

```pyhton title="Illustrative: a typo in the language"
x = 1
```
"""


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory):
    root = copy_tree("good", tmp_path_factory.mktemp("broken"))
    s = root / "snippets"
    edit(s / "demo/greet.py", "# HELLO, BOB!", "# HELLO, BOBBY!")
    edit(s / "demo/api.py", "status_code == 200", "status_code == 201")
    edit(s / "demo/totals.sql", "SELECT sum", "SELEC sum")
    edit(s / "demo/upsert.pg.sql", "SELECT jsonb_build_object(", "SELECT jsonb_build_object((")
    edit(s / "ci/workflow.yml", "runs-on: ubuntu-latest", "runs-on: 5")
    edit(s / "ci/docker-compose.yaml", "image:", "imagex:")
    edit(s / "demo/middleware.ts", ": string | undefined", ": number")
    edit(s / "demo/sum.js", "39", "40")
    edit(s / "demo/theme.dom.js", '"dark");', '"light");')
    edit(s / "demo/theme.css", "color: white;", "color white;")
    edit(s / "demo/config.json", '"retries": 3', '"retries": 3,')
    edit(s / "demo/Makefile", "clean:\n", "clean:\n\t$(error no clean here)\n")
    (s / "demo/syntax.sh").write_text('#!/usr/bin/env bash\nif true; then\n  echo "no fi"\n')
    (s / "demo/lint.sh").write_text("#!/usr/bin/env bash\nrm -rf $1/build\n")
    (s / "demo/unused.py").write_text('print("nobody includes me")\n')
    (root / "docs" / "broken.md").write_text(EXTRA_PAGE)
    return root, run_tree(root)


# (snippet, needle for the snippet line, needle in the page, words of the toolchain's error)
SNIPPET_FAILURES = [
    ("demo/greet.py", "# Output:", '"demo/greet.py:greet"', "-HELLO, BOBBY!"),
    ("demo/api.py", "status_code == 201", '"demo/api.py"', "assert 200 == 201"),
    ("demo/totals.sql", "SELEC sum", '"demo/totals.sql"', 'near "SELEC": syntax error'),
    ("demo/upsert.pg.sql", None, '"demo/upsert.pg.sql"', 'syntax error at or near "FROM"'),
    ("demo/syntax.sh", None, '"demo/syntax.sh"', "SC1046"),
    ("demo/lint.sh", "rm -rf", '"demo/lint.sh"', "SC2086"),
    ("ci/workflow.yml", None, '"ci/workflow.yml"', "runs-on"),
    ("ci/docker-compose.yaml", None, '"ci/docker-compose.yaml"', "'imagex' was unexpected"),
    ("demo/middleware.ts", ": number", '"demo/middleware.ts"', "TS2322"),
    ("demo/sum.js", "assert.equal", '"demo/sum.js"', "43 !== 42"),
    ("demo/theme.dom.js", "assert.equal", '"demo/theme.dom.js"', "'light'"),
    ("demo/theme.css", "color white", '"demo/theme.css"', "tinycss2"),
    ("demo/config.json", "retries", '"demo/config.json"', "double quotes"),
    ("demo/Makefile", "$(error", '"demo/Makefile"', "no clean here"),
]


@pytest.mark.parametrize(
    ("snippet", "line_needle", "page_needle", "error"),
    SNIPPET_FAILURES,
    ids=[f[0] for f in SNIPPET_FAILURES],
)
def test_snippet_failure_names_page_line_and_tool_error(
    broken, snippet, line_needle, page_needle, error
) -> None:
    root, result = broken
    got = next(r for r in result.results if r.file == snippet)
    assert not got.ok
    assert error in got.error
    if line_needle:
        assert got.line == line_of(root / "snippets" / snippet, line_needle)
    else:
        assert got.line is not None
    pages = [str(w) for w in got.shown_at]
    page = (
        "docs/broken.md"
        if snippet.endswith((".sh",)) and "deploy" not in snippet
        else "docs/index.md"
    )
    assert f"{page}:{line_of(root / page, page_needle)}" in pages
    text = report.console(result)
    assert f"FAIL snippets/{snippet}:{got.line} ({got.language})" in text
    assert f"shown at {page}:{line_of(root / page, page_needle)}" in text


PROBLEMS = [
    ('"demo/missing.py"', "no file snippets/demo/missing.py"),
    ('"demo/greet.py:no-such-section"', "has no section [start:no-such-section]"),
    ('linenos="1"', "unknown fence attribute 'linenos'"),
    ('title="Illustrative:"', "illustrative block without a reason"),
    ('print("neither tested nor marked")', "neither tested"),
    ("```pyhton", "unknown language 'pyhton'"),
]


@pytest.mark.parametrize(("needle", "message"), PROBLEMS, ids=[p[1] for p in PROBLEMS])
def test_page_problem_names_page_and_line(broken, needle, message) -> None:
    root, result = broken
    line = line_of(root / "docs/broken.md", needle)
    if needle.startswith("print"):
        line -= 1  # the problem is reported on the fence line
    hits = [
        p
        for p in result.problems
        if p.where.path == "docs/broken.md" and p.where.line == line and message in p.message
    ]
    assert hits, [str(p) for p in result.problems]
    assert f"FAIL docs/broken.md:{line}: " in report.console(result)


def test_unused_snippet_file_fails(broken) -> None:
    _, result = broken
    assert [str(p) for p in result.problems if p.where.path.startswith("snippets/")] == [
        "snippets/demo/unused.py:1: snippet file is not included by any page"
    ]


def test_unchanged_snippets_still_pass_and_summary_counts_failures(broken) -> None:
    _, result = broken
    assert next(r for r in result.results if r.file == "demo/deploy.sh").ok
    expected_failed = len(SNIPPET_FAILURES) + len(result.problems) + 1  # + unused.py runs: passes?
    unused = next(r for r in result.results if r.file == "demo/unused.py")
    if unused.ok:
        expected_failed -= 1
    assert result.failed == expected_failed
    assert (
        report.console(result)
        .split("\n")
        .count(f"snippets: {result.passed} passed, {result.failed} failed")
        == 1
    )
