"""Nothing of the originals is lost: every element is mapped to a real page and anchor."""

from __future__ import annotations

from pathlib import Path

import pytest
from handbook import provenance
from handbook.project import Project

GUIDE = """# Title

## Section {#s}

```python
# not a heading: a comment in code
x = 1
```

- [ ] an item
- ✅ an always-include bullet
"""


ONE_GUIDE = {"g.md": ("G", "test")}


@pytest.fixture
def tiny(tmp_path: Path) -> Project:
    """A one-guide project: a guide, a map directory, a docs page and its built HTML."""
    (tmp_path / "mkdocs.yml").write_text("site_name: tiny\n", encoding="utf-8")
    (tmp_path / "sources" / "guides").mkdir(parents=True)
    (tmp_path / "sources" / "guides" / "g.md").write_text(GUIDE, encoding="utf-8")
    (tmp_path / "map").mkdir()
    (tmp_path / "docs" / "topic").mkdir(parents=True)
    (tmp_path / "docs" / "topic" / "page.md").write_text("# Page\n", encoding="utf-8")
    (tmp_path / "site" / "topic" / "page").mkdir(parents=True)
    (tmp_path / "site" / "topic" / "page" / "index.html").write_text(
        '<h1 id="page">Page</h1><h2 id="here">Here</h2>', encoding="utf-8"
    )
    return Project.from_root(tmp_path)


def write_map(project: Project, text: str) -> Path:
    (project.root / "map" / "m.yml").write_text(text, encoding="utf-8")
    return project.root / "map"


def check(project: Project, map_dir: Path) -> list[str]:
    return provenance.check(project, project.root / "site", map_dir, ONE_GUIDE)


def test_elements_are_headings_fences_and_items_not_code_comments(tiny: Project) -> None:
    kinds = [(e.line, e.kind) for e in provenance.elements(tiny, "g.md")]
    assert kinds == [(1, "heading"), (3, "heading"), (5, "code"), (10, "item"), (11, "item")]


def test_complete_map_passes(tiny: Project) -> None:
    m = write_map(
        tiny,
        "\n".join(f"- {{from: 'g.md:{n}', to: 'topic/page.md#here'}}" for n in (1, 3, 5, 10))
        + "\n- {from: 'g.md:11', dropped: 'said twice'}\n",
    )
    assert check(tiny, m) == []


def test_unmapped_element_is_named(tiny: Project) -> None:
    m = write_map(tiny, "- {from: 'g.md:1', to: 'topic/page.md'}\n")
    problems = check(tiny, m)
    assert any("g.md:3: heading not in the map" in p for p in problems)
    assert len(problems) == 4


def test_missing_anchor_and_page_name_the_map_line(tiny: Project) -> None:
    m = write_map(
        tiny,
        "- {from: 'g.md:1', to: 'topic/page.md#nowhere'}\n"
        "- {from: 'g.md:3', to: 'topic/gone.md'}\n",
    )
    problems = check(tiny, m)
    assert "map/m.yml:1: no #nowhere on topic/page.md" in problems
    assert "map/m.yml:2: page topic/gone.md does not exist" in problems


def test_duplicate_and_malformed_entries_are_errors(tiny: Project) -> None:
    m = write_map(
        tiny, "- {from: 'g.md:1', to: 'topic/page.md'}\n- {from: 'g.md:1', dropped: 'again'}\n"
    )
    assert check(tiny, m) == ["map/m.yml:2: g.md:1 is mapped already at map/m.yml:1"]
    m = write_map(tiny, "- {from: 'g.md:1', to: 'topic/page.md', dropped: 'both'}\n")
    assert "exactly one of" in check(tiny, m)[0]


def test_not_an_element_is_reported(tiny: Project) -> None:
    m = write_map(tiny, "- {from: 'g.md:6', to: 'topic/page.md'}\n")
    assert any("g.md:6 is not a heading" in p for p in check(tiny, m))


def test_every_element_of_the_real_guides_is_mapped(project: Project, built_site: Path) -> None:
    problems = provenance.check(project, built_site)
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems[:60])
