"""The generated coverage fragment: deterministic, and a stale committed copy is named."""

from __future__ import annotations

from handbook import generate
from handbook.project import Project
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


def test_stale_fragment_is_named_until_regenerated(tree) -> None:
    root = tree("good")
    (root / "mkdocs.yml").write_text("site_name: Good\n", encoding="utf-8")
    project = Project.from_root(root)
    generate.generate(project, ["snippet-coverage"])
    assert generate.generate(project, ["snippet-coverage"], check=True) == []
    edit(root / "docs/index.md", "```text\n", '```python title="Illustrative: now shown"\n')
    assert generate.generate(project, ["snippet-coverage"], check=True) == [coverage.FRAGMENT]
    generate.generate(project, ["snippet-coverage"])
    assert generate.generate(project, ["snippet-coverage"], check=True) == []
