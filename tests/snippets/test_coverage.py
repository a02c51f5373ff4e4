"""The generated coverage page: deterministic, and a stale committed copy fails the run."""

from __future__ import annotations

from handbook.snippets import coverage
from handbook.snippets.discover import discover

from tests.snippets.conftest import edit


def test_page_counts_reasons_and_is_deterministic(tree) -> None:
    root = tree("good")
    found = discover(root)
    text = coverage.render(found)
    assert text == coverage.render(discover(root))
    assert "| 12 | 2 | 86% |" in text  # tested, illustrative, tested share
    assert "| [index.md](../index.md) | python | 2 | 0 |" in text
    assert "a signature only, the body is elided" in text
    assert "how a page includes a section" in text


def test_stale_page_is_a_problem_until_rewritten(tree) -> None:
    root = tree("good")
    coverage.write(discover(root), root)
    assert coverage.check(discover(root), root) == []
    edit(root / "docs/index.md", "```text\n", '```python title="Illustrative: now shown"\n')
    stale = coverage.check(discover(root), root)
    assert [str(p) for p in stale] == ["docs/about/snippet-coverage.md:1: out of date with the "
                                       "pages; run `handbook snippets --write-coverage` and commit "
                                       "the result"]
    coverage.write(discover(root), root)
    assert coverage.check(discover(root), root) == []
