"""TypeScript snippets are compiled and run by node, not only type-checked.

A snippet that type-checks but answers the wrong status must fail, naming the page that shows it
and the snippet's line; so must one that throws.
"""

from __future__ import annotations

import shutil

import pytest
from handbook.snippets import report

from tests.snippets.conftest import ROOT, edit, line_of, run_tree

pytestmark = pytest.mark.slow

PAGE = """# Next.js routes

```typescript title="backend/nextjs/users-route.ts"
--8<-- "backend/nextjs/users-route.ts:handlers"
```

```typescript title="backend/nextjs/with-auth.ts"
--8<-- "backend/nextjs/with-auth.ts:wrapper"
```

```typescript title="demo/throws.ts"
--8<-- "demo/throws.ts"
```
"""


@pytest.fixture(scope="module")
def mutated(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("ts")
    (root / "docs").mkdir()
    (root / "docs" / "routes.md").write_text(PAGE, encoding="utf-8")
    nextjs = root / "snippets" / "backend" / "nextjs"
    shutil.copytree(ROOT / "snippets" / "backend" / "nextjs", nextjs)
    (root / "snippets" / "demo").mkdir()
    (root / "snippets" / "demo" / "throws.ts").write_text(
        "export function parse(text: string): number {\n"
        "  const value = Number(text);\n"
        "  if (Number.isNaN(value)) throw new RangeError(`not a number: ${text}`);\n"
        "  return value;\n}\n\nparse('forty-two');\n",
        encoding="utf-8",
    )
    # Still type-checks: a 400 is a number like 422. Only running the handler shows it.
    edit(nextjs / "users-route.ts", "{ status: 422 },", "{ status: 400 },")
    return root, run_tree(root)


def test_good_typescript_snippet_runs(mutated) -> None:
    _, result = mutated
    got = next(r for r in result.results if r.file == "backend/nextjs/with-auth.ts")
    assert got.ok, got.error


def test_wrong_status_fails_naming_page_and_line(mutated) -> None:
    root, result = mutated
    got = next(r for r in result.results if r.file == "backend/nextjs/users-route.ts")
    assert not got.ok
    assert "400 !== 422" in got.error, got.error
    snippet = root / "snippets" / "backend" / "nextjs" / "users-route.ts"
    assert got.line == line_of(snippet, "assert.equal(invalid.status, 422)")
    page_line = line_of(root / "docs" / "routes.md", '"backend/nextjs/users-route.ts:handlers"')
    assert f"docs/routes.md:{page_line}" in [str(w) for w in got.shown_at]
    text = report.console(result)
    assert f"FAIL snippets/backend/nextjs/users-route.ts:{got.line} (typescript)" in text
    assert f"shown at docs/routes.md:{page_line}" in text


def test_snippet_that_throws_fails_on_its_line(mutated) -> None:
    root, result = mutated
    got = next(r for r in result.results if r.file == "demo/throws.ts")
    assert not got.ok
    assert "RangeError: not a number: forty-two" in got.error
    assert got.line == line_of(root / "snippets" / "demo" / "throws.ts", "throw new RangeError")
