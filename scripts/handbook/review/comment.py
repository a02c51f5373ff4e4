"""The review comment: findings grouped by handbook section, plus the checklist items that apply.

One Markdown text for the pull request (the same bytes whatever the machine: no time, no
absolute paths), and the same content as JSON for tools.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from handbook import checklists
from handbook.project import Project

from .match import Finding

# The hidden first line by which CI finds its own comment to update instead of adding another.
MARKER = "<!-- handbook-review -->"


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
    for i, tok in enumerate(tokens):
        if tok.type != "heading_open":
            continue
        title, attrs = checklists.split_attrs(tokens[i + 1].content)
        title = title.strip()
        anchor = attrs.get("id") or slugify(case="lower")(title, "-")
        found.setdefault(anchor, title)
        if tok.tag == "h1" and top is None:
            top = anchor
    return top, found


def page_url(project: Project, site_url: str, page: str, anchor: str | None = None) -> str:
    """A page's address under `site_url` (an edition's root), as MkDocs names it."""
    return site_url + project.page_url(page) + (f"#{anchor}" if anchor else "")


def _target(project: Project, href: str, source: str) -> tuple[str, str | None] | None:
    """(page, anchor) of an internal link written on docs/`source`; None for an external one."""
    if project.is_external(href):
        return None
    page, anchor = project.resolve_link(source, href)
    return page, anchor or None


def sections_of(findings: list[Finding], project: Project, site_url: str) -> list[Section]:
    """Sections in the order the diff first reaches them."""
    docs = project.docs_dir
    sections: dict[tuple[str, str], Section] = {}
    for finding in findings:
        key = (finding.rule.page, finding.rule.section)
        if key not in sections:
            top, titles = headings(docs / finding.rule.page)
            page_title = titles.get(top or "", finding.rule.page)
            sections[key] = Section(
                finding.rule.page,
                finding.rule.section,
                page_title,
                titles.get(finding.rule.section, finding.rule.section),
                page_url(project, site_url, finding.rule.page, finding.rule.section),
            )
        sections[key].findings.append(finding)
    return list(sections.values())


def checklist_items(
    sections: list[Section], project: Project, site_url: str
) -> list[ChecklistItem]:
    """Items whose link targets a matched section, or the top of a page with a matched section."""
    docs = project.docs_dir
    matched = {(s.page, s.anchor) for s in sections}
    pages = {s.page for s in sections}
    tops = {page: headings(docs / page)[0] for page in pages}
    items: list[ChecklistItem] = []
    for checklist in checklists.load_checklists(docs):
        if checklist.recorded:
            continue  # a status report, not something to tick on a pull request
        for item in checklist.items:
            targets = [t for t in (_target(project, h, checklist.source) for h in item.links) if t]
            if not any(
                (page, anchor) in matched or (page in pages and anchor in (None, tops[page]))
                for page, anchor in targets
            ):
                continue

            def resolve(href: str, source: str = checklist.source) -> str:
                target = _target(project, href, source)
                return href if target is None else page_url(project, site_url, *target)

            markdown, text, _ = checklists.render_inline(item.body, resolve)
            items.append(
                ChecklistItem(
                    checklist.name,
                    checklist.title,
                    page_url(project, site_url, checklist.source),
                    item.id,
                    markdown,
                    text,
                )
            )
    return items


# GitHub refuses comments over 65,536 characters: the findings are cut at MAX_COMMENT, and the
# margin holds the heading and the checklist items.
MAX_COMMENT = 55_000
MAX_LINES_LISTED = 12


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
    used = 0
    for index, line in enumerate(lines):
        used += len(line) + 1
        if used > MAX_COMMENT:
            rest = sum(1 for later in lines[index:] if later.startswith("- "))
            lines[index:] = [
                "",
                f"… and {rest} more: run `handbook review --diff` on the diff for all.",
            ]
            break
    by_list: dict[str, list[ChecklistItem]] = {}
    for item in items:
        by_list.setdefault(item.checklist, []).append(item)
    groups_out = [(g[0].checklist_title, g[0].checklist_url, g) for g in by_list.values()]
    page = templates(__file__).get_template("comment.md")
    return page.render(marker=MARKER, sections=sections, findings=lines, items=groups_out)


def render_json(sections: list[Section], items: list[ChecklistItem], site_url: str) -> str:
    data = {
        "site_url": site_url,
        "matched": bool(sections),
        "sections": [
            {
                "page": s.page,
                "anchor": s.anchor,
                "page_title": s.page_title,
                "title": s.title,
                "url": s.url,
                "findings": [
                    {"rule": f.rule.id, "file": f.path, "line": f.line, "why": f.rule.why}
                    for f in s.findings
                ],
            }
            for s in sections
        ],
        "checklist_items": [
            {
                "checklist": i.checklist,
                "checklist_url": i.checklist_url,
                "id": i.id,
                "text": i.text,
                "markdown": i.markdown,
            }
            for i in items
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
