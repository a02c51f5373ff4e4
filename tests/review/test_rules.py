"""Rule files beside the pages: format, section anchors in the built site, their own test cases."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from handbook.project import Project
from handbook.review import check_rules
from handbook.review.rules import RuleError, load_rules

ROOT = Path(__file__).resolve().parents[2]


class _HeadingIds(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.ids.update(v for k, v in attrs if k == "id" and v)


def test_every_rule_passes_its_own_cases() -> None:
    assert check_rules(ROOT) == []


def test_the_handbook_ships_the_rules_the_reviewers_asked_for() -> None:
    ids = {rule.id for rule in load_rules(ROOT)}
    for wanted in (
        "cors-wildcard-origin",
        "blocking-call-in-async-def",
        "inner-html-assignment",
        "sql-built-from-strings",
        "bare-except",
        "console-log",
        "tls-verification-off",
        "lru-cache-on-io",
        "hardcoded-secret",
        "query-in-loop",
        "new-alembic-migration",
        "container-definition-changed",
        "pipeline-changed",
    ):
        assert wanted in ids


def test_every_section_anchor_is_a_heading_of_the_built_page(built_site: Path) -> None:
    """Checked against the HTML MkDocs wrote (its toc ids), not against the Markdown."""
    missing = []
    project = Project.from_root(ROOT)
    for rule in load_rules(ROOT):
        html = project.page_html(built_site, rule.page)
        parser = _HeadingIds()
        parser.feed(html.read_text(encoding="utf-8"))
        if rule.section not in parser.ids:
            missing.append(f"{rule.where}: #{rule.section} is not a heading id of {rule.page}")
    assert missing == []


def test_rule_files_stay_out_of_the_site(built_site: Path) -> None:
    assert list(built_site.rglob("*.review.yml")) == []


# --- rejected rule files: each error names the file and the line -----------------------------

PAGE = "# Page {#page}\n\n## The section {#the-section}\n"
GOOD = """\
rules:
  - id: no-eval
    section: the-section
    why: Evaluating text runs whatever the text says.
    files: ['*.py']
    added: '\\beval\\('
    tests:
      fire:
        - file: a.py
          diff: |
            +eval(x)
      quiet:
        - file: a.py
          diff: |
            +literal_eval(x)
"""


def _tree(tmp_path: Path, rules: str) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/page.md").write_text(PAGE)
    (tmp_path / "docs/page.review.yml").write_text(rules)
    return tmp_path


def test_a_good_rule_file_loads(tmp_path: Path) -> None:
    root = _tree(tmp_path, GOOD)
    assert [r.id for r in load_rules(root)] == ["no-eval"]
    assert check_rules(root) == []


YML = r"page\.review\.yml"
NO_FIRE = "      fire:\n        - file: a.py\n          diff: |\n            +eval(x)\n"
MATCHER = "    files: ['*.py']\n    added: '\\beval\\('\n"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.split("      quiet:")[0], YML + r":7: rules\.0\.tests: 'quiet' is a required"),
        (lambda t: t.replace(NO_FIRE, ""), YML + r":7: rules\.0\.tests: 'fire' is a required"),
        (lambda t: t.replace("'\\beval\\('", "'eval('"), YML + r":6: not a regular expression"),
        (lambda t: t.replace("says.", "says. Do not."), YML + r":4: `why` is one sentence"),
        (
            lambda t: t.replace(MATCHER, ""),
            YML + r":2: rules\.0: .* is not valid under any of the given schemas",
        ),
        (lambda t: t.replace("  - id: no-eval", "  - id: No Eval"), YML + r":2: rules\.0\.id"),
        (
            lambda t: t.replace(
                MATCHER, "    ast:\n      language: python\n      rule: {kind: 12}\n"
            ),
            YML + r":5: ast-grep refuses the rule",
        ),
        (lambda t: t + "  - [\n", YML + r":\d+: not valid YAML"),
    ],
)
def test_bad_rule_files_are_rejected_naming_the_line(tmp_path: Path, edit, message: str) -> None:
    root = _tree(tmp_path, edit(GOOD))
    with pytest.raises(RuleError, match=message):
        load_rules(root)


def test_a_rule_whose_section_does_not_exist_is_rejected(tmp_path: Path) -> None:
    root = _tree(tmp_path, GOOD.replace("section: the-section", "section: nowhere"))
    assert check_rules(root) == [
        "docs/page.review.yml:2: rule 'no-eval': no section #nowhere on docs/page.md"
    ]


def test_cases_that_do_not_behave_as_declared_are_rejected(tmp_path: Path) -> None:
    swapped = GOOD.replace("+eval(x)", "+PLACEHOLDER").replace("+literal_eval(x)", "+eval(x)")
    root = _tree(tmp_path, swapped.replace("+PLACEHOLDER", "+literal_eval(x)"))
    assert check_rules(root) == [
        "docs/page.review.yml:9: rule 'no-eval' does not fire on this case",
        "docs/page.review.yml:13: rule 'no-eval' fires on a case it must not",
    ]


def test_a_rule_file_needs_its_page(tmp_path: Path) -> None:
    root = _tree(tmp_path, GOOD)
    (root / "docs/page.md").unlink()
    with pytest.raises(RuleError, match="^docs/" + YML + r":1: no page docs/page\.md beside it"):
        load_rules(root)


def test_rule_ids_are_unique_across_files(tmp_path: Path) -> None:
    root = _tree(tmp_path, GOOD)
    (root / "docs/other.md").write_text(PAGE)
    (root / "docs/other.review.yml").write_text(GOOD)
    with pytest.raises(RuleError, match=YML + ":2: rule id 'no-eval' is also used at docs/other"):
        load_rules(root)
