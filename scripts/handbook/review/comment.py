"""The review comment: findings grouped by handbook section, plus the checklist items that apply.

One Markdown text for the pull request (the same bytes whatever the machine: no time, no
absolute paths), and the same content as JSON for tools.
"""

from __future__ import annotations

import bisect
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path

from handbook import checklists
from handbook.project import Project

from .match import Finding

# The hidden first line by which CI finds its own comment to update instead of adding another.
MARKER = "<!-- handbook-review -->"
# GitHub refuses comments over 65,536 characters: the findings are cut at MAX_COMMENT, and the
# margin holds the heading and the checklist items.
MAX_COMMENT = 55_000
MAX_LINES_LISTED = 12


@dataclass
class Section:
    page: str  # under docs/
    anchor: str
    page_title: str  # inline Markdown
    title: str  # inline Markdown of the section heading
    url: str
    findings: list[Finding] = field(default_factory=list)


@dataclass
class ChecklistItem:
    checklist: str
    checklist_title: str
    checklist_url: str
    id: str
    markdown: str  # the item, links made absolute
    text: str


def headings(path: Path) -> tuple[str | None, dict[str, str]]:
    """The page's h1 id and {anchor: heading inline Markdown}, as the toc extension names them
    (an explicit `{#id}`, else the slug of mkdocs.yml's `toc.slugify`). The built pages are the
    reference: tests/review/test_rules.py checks every rule's anchor in the HTML."""
    from pymdownx.slugs import slugify

    tokens = checklists._MD.parse(path.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    top = None
    for tok, inline in zip(tokens, tokens[1:], strict=False):
        if tok.type != "heading_open":
            continue
        title, attrs = checklists.split_attrs(inline.content)
        title = title.strip()
        anchor = attrs.get("id") or slugify(case="lower")(title, "-")
        found.setdefault(anchor, title)
        if tok.tag == "h1" and top is None:
            top = anchor
    return top, found


def page_url(project: Project, site_url: str, page: str, anchor: str = "") -> str:
    """A page's address under `site_url` (an edition's root), as MkDocs names it."""
    return site_url + project.page_url(page) + (f"#{anchor}" if anchor else "")


def sections_of(findings: list[Finding], project: Project, site_url: str) -> list[Section]:
    """Sections in the order the diff first reaches them."""
    sections: dict[tuple[str, str], Section] = {}
    for finding in findings:
        page, anchor = finding.rule.page, finding.rule.section
        if (page, anchor) not in sections:
            top, titles = headings(project.docs_dir / page)
            page_title, title = titles.get(top or "", page), titles.get(anchor, anchor)
            url = page_url(project, site_url, page, anchor)
            sections[page, anchor] = Section(page, anchor, page_title, title, url)
        sections[page, anchor].findings.append(finding)
    return list(sections.values())


def checklist_items(
    sections: list[Section], project: Project, site_url: str
) -> list[ChecklistItem]:
    """Items whose link targets a matched section, or the top of a page with a matched section."""
    matched = {(s.page, s.anchor) for s in sections}
    tops = {s.page: headings(project.docs_dir / s.page)[0] for s in sections}
    items: list[ChecklistItem] = []
    for checklist in checklists.load_checklists(project.docs_dir):
        if checklist.recorded:
            continue  # a status report, not something to tick on a pull request

        def resolve(href: str, source: str = checklist.source) -> str:
            if project.is_external(href):
                return href
            return page_url(project, site_url, *project.resolve_link(source, href))

        url = page_url(project, site_url, checklist.source)
        for item in checklist.items:
            internal = [h for h in item.links if not project.is_external(h)]
            targets = [project.resolve_link(checklist.source, h) for h in internal]
            if any(
                (page, anchor) in matched or (page in tops and anchor in ("", tops[page]))
                for page, anchor in targets
            ):
                markdown, text, _ = checklists.render_inline(item.body, resolve)
                items.append(
                    ChecklistItem(checklist.name, checklist.title, url, item.id, markdown, text)
                )
    return items


def _lines(findings: list[Finding]) -> str:
    numbers = sorted({f.line for f in findings})
    if numbers == [0]:
        return "(deleted)"
    shown = ", ".join(map(str, numbers[:MAX_LINES_LISTED]))
    if len(numbers) > MAX_LINES_LISTED:
        shown += f" and {len(numbers) - MAX_LINES_LISTED} more"
    return ("line " if len(numbers) == 1 else "lines ") + shown


def render_markdown(sections: list[Section], items: list[ChecklistItem]) -> str:
    """The comment (fragments/comment.md): findings per section, cut to what GitHub accepts."""
    from handbook.generate import templates

    lines: list[str] = []
    for section in sections:
        lines += ["", f"#### [{section.page_title}: {section.title}]({section.url})", ""]
        groups: dict[tuple[str, str], list[Finding]] = {}
        for finding in section.findings:
            groups.setdefault((finding.rule.id, finding.path), []).append(finding)
        for (rule_id, path), found in groups.items():
            why = found[0].rule.why
            lines.append(f"- `{path}` {_lines(found)}: {why} <sub>rule `{rule_id}`</sub>")
    # Cut at the first line that would take the findings past MAX_COMMENT characters.
    cut = bisect.bisect_right(
        list(itertools.accumulate(len(line) + 1 for line in lines)), MAX_COMMENT
    )
    if cut < len(lines):
        rest = sum(1 for later in lines[cut:] if later.startswith("- "))
        lines[cut:] = ["", f"… and {rest} more: run `handbook review --diff` on the diff for all."]
    # Items come checklist by checklist (checklist_items).
    by_list = [list(group) for _, group in itertools.groupby(items, lambda i: i.checklist)]
    groups_out = [(g[0].checklist_title, g[0].checklist_url, g) for g in by_list]
    page = templates(__file__).get_template("comment.md")
    return page.render(marker=MARKER, sections=sections, findings=lines, items=groups_out)


def render_json(sections: list[Section], items: list[ChecklistItem], site_url: str) -> str:
    def finding(f: Finding) -> dict[str, object]:
        return {"rule": f.rule.id, "file": f.path, "line": f.line, "why": f.rule.why}

    item_keys = ("checklist", "checklist_url", "id", "text", "markdown")
    data = {
        "site_url": site_url,
        "matched": bool(sections),
        # A section's fields in their order, with the findings in short.
        "sections": [{**vars(s), "findings": [finding(f) for f in s.findings]} for s in sections],
        "checklist_items": [{key: getattr(i, key) for key in item_keys} for i in items],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
