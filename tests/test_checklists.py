"""Checklist pages and the PR templates generated from them.

Parses the real pages, checks links against the built site, and runs the export on a scratch tree.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from handbook import checklists as cl
from handbook import generate
from handbook.project import Project

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SITE_URL = "https://handbook.example.org/"


@pytest.fixture(scope="module")
def site(request: pytest.FixtureRequest) -> Path:
    """The built site: $HB_CHECKLISTS_SITE when set (a build of your own), else the shared one."""
    own = os.environ.get("HB_CHECKLISTS_SITE")
    return Path(own) if own else request.getfixturevalue("built_site")


def write_page(root: Path, name: str, text: str) -> Path:
    path = root / "docs" / "checklists" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A scratch handbook: mkdocs.yml with a site_url, one topic page, one checklist."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Scratch\nsite_url: https://docs.example.net/hb\nmarkdown_extensions:\n"
        "  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {}\n",
        encoding="utf-8",
    )
    (tmp_path / "docs" / "testing").mkdir(parents=True)
    (tmp_path / "docs" / "testing" / "index.md").write_text(
        "# Testing\n\n## Smoke tests {#smoke}\n\n## Plain heading\n", encoding="utf-8"
    )
    write_page(
        tmp_path,
        "code-review.md",
        "# Review {#review data-hb-checklist}\n\n## Tests {#tests}\n\n"
        "- [ ] [Smoke tests pass](../testing/index.md#smoke) after `deploy`\n"
        "- [x] [Plain](../testing/index.md#plain-heading) **bold** _it_\n    { #plain }\n",
    )
    return tmp_path


def test_derived_ids_follow_the_documented_rule() -> None:
    assert cl.derive_id("All tests pass on the release commit") == (
        "all-tests-pass-on-the-release-commit"
    )
    assert cl.derive_id("No `console.log` is left in production code") == (
        "no-console-log-is-left-in-production-code"
    )
    assert cl.derive_id("Déjà vu: 80%+ test coverage (63% now) and more words here") == (
        "deja-vu-80-test-coverage-63-now-and"
    )
    assert cl.derive_id("") == ""


def test_parse_scratch_page(tree: Path) -> None:
    (page,) = cl.load_checklists(tree / "docs")
    assert page.title == "Review" and not page.recorded
    assert [i.id for i in page.items] == [cl.short_id("smoke-tests-pass-after-deploy"), "plain"]
    assert page.items[1].checked and page.items[0].line == 5
    assert page.template == "pull_request_template.md"


def test_render_markdown_makes_links_absolute_in_latest(tree: Path) -> None:
    (page,) = cl.load_checklists(tree / "docs")
    text = cl.render_markdown(Project.from_root(tree), page, {"plain"})
    assert text == (
        "## [Review](https://docs.example.net/hb/latest/checklists/code-review/)\n\n"
        "### Tests\n\n"
        "- [ ] [Smoke tests pass](https://docs.example.net/hb/latest/testing/#smoke) after "
        "`deploy`\n"
        "- [x] [Plain](https://docs.example.net/hb/latest/testing/#plain-heading) **bold** _it_\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("## G {#g}\n\n- [ ] no link at all\n", "links to no handbook section"),
        ("## G {#g}\n\n- [ ] [only](https://example.org/)\n", "links to no handbook section"),
    ],
)
def test_check_names_file_and_line(tree: Path, text: str, message: str) -> None:
    write_page(tree, "extra.md", "# Extra {#extra data-hb-checklist}\n\n" + text)
    problems = cl.check_links(Project.from_root(tree))
    assert len(problems) == 1
    assert problems[0].startswith("docs/checklists/extra.md:5: ") and message in problems[0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("## G\n\n- [ ] [a](../testing/index.md)\n", "docs/checklists/bad.md:3: group heading"),
        ("## G {#g}\n\n- plain bullet\n", "docs/checklists/bad.md:5: list item is not a task"),
        (
            "## G {#g}\n\n- [ ] [Same](../testing/index.md)\n- [ ] [Same](../testing/index.md)\n",
            f"docs/checklists/bad.md:6: item id '{cl.short_id('same')}' repeats line 5",
        ),
    ],
)
def test_bad_pages_fail_with_file_and_line(tree: Path, text: str, message: str) -> None:
    write_page(tree, "bad.md", "# Bad {#bad data-hb-checklist}\n\n" + text)
    with pytest.raises(cl.ChecklistError, match=re.escape(message)):
        cl.load_checklists(tree / "docs")


def test_generate_then_check_detects_a_stale_template(tree: Path) -> None:
    project = Project.from_root(tree)
    assert generate.generate(project, ["pr-templates"]) == [".github/pull_request_template.md"]
    assert generate.generate(project, ["pr-templates"], check=True) == []
    written = (tree / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert written.startswith("<!-- Generated from docs/checklists/code-review.md")
    page = tree / "docs" / "checklists" / "code-review.md"
    page.write_text(page.read_text() + "- [ ] [New](../testing/index.md)\n", encoding="utf-8")
    assert generate.generate(project, ["pr-templates"], check=True) == [
        ".github/pull_request_template.md"
    ]
    assert "[New]" not in (tree / ".github" / "pull_request_template.md").read_text()


def test_every_item_of_every_page_links_to_a_handbook_section(project: Project) -> None:
    assert cl.check_links(project) == []


def test_pages_and_templates_cover_the_checklists() -> None:
    pages = {c.name: c for c in cl.load_checklists(DOCS)}
    assert set(pages) >= {
        "code-review",
        "security-review",
        "performance-review",
        "production-readiness",
        "maintenance",
        "bizcard-status",
    }
    assert sum(len(c.items) for c in pages.values()) >= 110
    bizcard = pages["bizcard-status"]
    assert bizcard.recorded and bizcard.template is None
    assert sum(i.checked for i in bizcard.items) == 22 and len(bizcard.items) == 39
    assert not any(i.checked for c in pages.values() if not c.recorded for i in c.items)
    for c in pages.values():
        if c.template:
            text = (ROOT / ".github" / c.template).read_text(encoding="utf-8")
            assert f"({SITE_URL}latest/checklists/{c.name}/)" in text
            assert text.count("- [ ] ") == len(c.items)


def test_provenance_maps_each_item_line_to_a_checklist_group() -> None:
    entries = yaml.safe_load((ROOT / "sources/provenance/checklists.yml").read_text("utf-8"))
    keys = [e["from"] for e in entries]
    assert len(keys) == len(set(keys))
    for key in keys:
        guide, line = key.split(":")
        assert (ROOT / "sources/guides" / guide).is_file()
        assert int(line) > 0
    pages = {c.source: c for c in cl.load_checklists(DOCS)}
    for e in entries:
        page, _, anchor = e["to"].partition("#")
        assert page in pages, e
        groups = {g.id for g in pages[page].groups}
        assert anchor in groups | {pages[page].name}, e
    box = re.compile(r"^\s*(?:[-*+]\s+)?\[[ xX]\]\s+\S|^\s*[-*+]\s+(?:✅|❌)\s")
    ranges = {
        "implementation-guide.md": (752, 831),
        "production-guidelines.md": (9, 24),
        "cvd-guide.md": (1372, 1402),
        "backend-infrastructure.md": (158, 169),
        "bizcard-roadmap-v4.3.ru.md": (535, 589),
    }
    items = 0
    for guide, (start, end) in ranges.items():
        lines = (ROOT / "sources/guides" / guide).read_text("utf-8").splitlines()
        for n in range(start, end + 1):
            if box.match(lines[n - 1]):
                items += 1
                assert f"{guide}:{n}" in keys, f"{guide}:{n} is not mapped"
    assert items == 126


def test_every_item_is_rendered_on_its_built_page(project: Project, site: Path) -> None:
    """The build's own validation resolves the links; this checks no item got lost on the way."""
    for checklist in cl.load_checklists(project.docs_dir):
        html = project.page_html(site, checklist.source).read_text(encoding="utf-8")
        assert html.count('class="task-list-item') == len(checklist.items), checklist.source


def test_item_ids_are_short_and_survive_moves_additions_and_removals(tmp_path: Path) -> None:
    """Share links name items by id: 4 characters, the same whatever else the page holds."""
    # The id hashes the first eight words: words after them may change without unticking.
    assert cl.default_id("All tests pass on the release commit, and more words after") == (
        cl.short_id("all-tests-pass-on-the-release-commit-and")
    )
    assert cl.default_id("Тесты проходят") == ""  # no Latin word: an explicit id is required
    docs = tmp_path / "docs" / "checklists"
    docs.mkdir(parents=True)
    items = [
        f"- [ ] [Item number {w}](../index.md)\n" for w in ("one", "two", "three", "four", "five")
    ]
    (tmp_path / "docs" / "index.md").write_text("# Home\n")

    def ids(lines: list[str]) -> dict[str, str]:
        (docs / "c.md").write_text("# C {#c data-hb-checklist}\n\n## G {#g}\n\n" + "".join(lines))
        (page,) = cl.load_checklists(tmp_path / "docs")
        return {i.text: i.id for i in page.items}

    first = ids(items)
    assert all(len(i) == 4 for i in first.values()) and len(set(first.values())) == 5
    moved = ids([items[4], items[0], "- [ ] [A new item](../index.md)\n", items[2]])
    for text, item in moved.items():
        if text in first:
            assert first[text] == item


def test_share_tokens_are_four_characters_for_explicit_ids_too() -> None:
    assert cl.share_token("lncc") == "lncc"
    token = cl.share_token("security-penetration-test")
    assert len(token) == 4 and token == cl.short_id("security-penetration-test")
