"""Checklist pages: parse them, check their links, and generate the pull-request templates.

The pages in docs/checklists/ are the single source; `.github/` templates are derived from them.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown_it import MarkdownIt

from handbook.project import DEFAULT_ALIAS, Project

CHECKLIST_DIR = "checklists"
DEFAULT_TEMPLATE = "code-review"  # the page behind .github/pull_request_template.md
MAX_ID_WORDS = 8

# An attribute list at the end of a heading, or alone on an item's continuation line.
ATTRS_RE = re.compile(r"\s*\{:?\s*([^{}\n]*)\}\s*$")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SHORT_RE = re.compile(r"^[0-9a-z]{4}$")
TASK_RE = re.compile(r"^\[([ xX])\]\s+")


class ChecklistError(Exception):
    """A checklist page that breaks a rule; the message starts with `file:line:`."""


@dataclass
class Item:
    id: str
    line: int
    checked: bool
    body: str  # the item's inline Markdown as written (relative links)
    text: str  # visible text, the input of the derived id
    links: list[str] = field(default_factory=list)


@dataclass
class Group:
    id: str | None
    title: str | None
    line: int
    items: list[Item] = field(default_factory=list)


@dataclass
class Checklist:
    source: str  # path under docs/, e.g. "checklists/code-review.md"
    title: str
    recorded: bool  # a status report: the ticks are the page's, not the reader's
    groups: list[Group]

    @property
    def name(self) -> str:
        return posixpath.splitext(posixpath.basename(self.source))[0]

    @property
    def items(self) -> list[Item]:
        return [item for group in self.groups for item in group.items]

    @property
    def template(self) -> str | None:
        """Path under .github/ of the generated template; None for a recorded status page."""
        if self.recorded:
            return None
        if self.name == DEFAULT_TEMPLATE:
            return "pull_request_template.md"
        return f"PULL_REQUEST_TEMPLATE/{self.name}.md"


def derive_id(text: str) -> str:
    """The first eight words of an item's visible text, slugged (`default_id` hashes them).

    `docs/assets/hb-checklist.js` (`words`) computes the same; a browser test compares them.
    """
    text = unicodedata.normalize("NFKD", text)
    text = re.sub(r"[\u0300-\u036f]", "", text).lower()
    return "-".join(re.sub(r"[^a-z0-9]+", " ", text).split()[:MAX_ID_WORDS])


def short_id(words: str) -> str:
    """Four base-36 characters of the FNV-1a hash of `words`, so that a share link with every
    item of a long checklist ticked stays short.

    FNV-1a because the page (`shortId`) must compute the same without crypto.subtle, which
    plain-HTTP pages lack; a collision on a page is reported by `parse_page` as a repeated id.
    """
    h = 0x811C9DC5
    for byte in words.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    n, out = h % 36**4, ""
    for _ in range(4):
        n, digit = divmod(n, 36)
        out = "0123456789abcdefghijklmnopqrstuvwxyz"[digit] + out
    return out


def share_token(item_id: str) -> str:
    """What a share link calls an item: its id when that is a short id, else the id's hash."""
    return item_id if SHORT_RE.match(item_id) else short_id(item_id)


def default_id(text: str) -> str:
    """The id of an item without an explicit one; empty when its text has no Latin word."""
    words = derive_id(text)
    return short_id(words) if words else ""


def split_attrs(content: str) -> tuple[str, dict[str, str]]:
    """Text and the `{#id key=value}` list at its end, read by the build's own attr_list."""
    match = ATTRS_RE.search(content)
    if not match:
        return content, {}
    pairs, _ = get_attrs_and_remainder(match.group(1))
    return content[: match.start()], {k: v or "" for k, v in pairs if k != "."}


_MD = MarkdownIt("commonmark")


def render_inline(content: str, resolve=None) -> tuple[str, str, list[str]]:
    """Inline Markdown -> (Markdown with links passed through `resolve`, plain text, hrefs).

    Hand-written because the export must match, character for character, what the page's
    "Copy as Markdown" builds from the HTML: text, links, code, emphasis; nothing else occurs.
    """
    out: list[str] = []
    text: list[str] = []
    links: list[str] = []
    pending: list[str] = []
    for tok in _MD.parseInline(content)[0].children or []:
        if tok.type == "text":
            out.append(tok.content)
            text.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            out.append(" ")
            text.append(" ")
        elif tok.type == "code_inline":
            out.append(f"`{tok.content}`")
            text.append(tok.content)
        elif tok.type == "link_open":
            href = str(tok.attrs.get("href", ""))
            links.append(href)
            pending.append(resolve(href) if resolve else href)
            out.append("[")
        elif tok.type == "link_close":
            out.append(f"]({pending.pop()})")
        elif tok.type in ("strong_open", "strong_close"):
            out.append("**")
        elif tok.type in ("em_open", "em_close"):
            out.append("_")
        else:
            raise ValueError(f"unsupported inline Markdown ({tok.type}) in {content!r}")
    squash = lambda parts: re.sub(r"\s+", " ", "".join(parts)).strip()  # noqa: E731
    return squash(out), squash(text), links


def parse_page(path: Path, docs_dir: Path) -> Checklist | None:
    """The checklist on a page, or None when its title carries no `data-hb-checklist`."""
    source = path.relative_to(docs_dir).as_posix()
    tokens = _MD.parse(path.read_text(encoding="utf-8"))
    checklist: Checklist | None = None
    group: Group | None = None
    seen: dict[str, int] = {}
    shared: dict[str, int] = {}  # share_token -> line
    for i, tok in enumerate(tokens):
        line = (tok.map[0] + 1) if tok.map else 0
        where = f"docs/{source}:{line}"
        if tok.type == "heading_open":
            title, attrs = split_attrs(tokens[i + 1].content)
            if tok.tag == "h1":
                if "data-hb-checklist" not in attrs:
                    return None
                checklist = Checklist(
                    source, title.strip(), attrs["data-hb-checklist"] == "recorded", []
                )
            elif tok.tag == "h2" and checklist is not None:
                if not attrs.get("id"):
                    raise ChecklistError(f"{where}: group heading needs an explicit {{#id}}")
                group = Group(attrs["id"], title.strip(), line)
                checklist.groups.append(group)
        elif tok.type == "list_item_open" and checklist is not None:
            if tokens[i + 1].type != "paragraph_open":
                continue
            content = tokens[i + 2].content
            task = TASK_RE.match(content)
            if not task:
                raise ChecklistError(f"{where}: list item is not a task (`- [ ] ...`)")
            body, attrs = split_attrs(content[task.end() :])
            _, text, links = render_inline(body)
            item_id = attrs.get("id") or default_id(text)
            if not item_id:
                raise ChecklistError(
                    f"{where}: item has no Latin word to derive an id from; "
                    "give it an explicit `{ #id }` on the next line"
                )
            if not ID_RE.match(item_id):
                raise ChecklistError(f"{where}: item id {item_id!r} is not lowercase-hyphenated")
            if item_id in seen:
                raise ChecklistError(
                    f"{where}: item id {item_id!r} repeats line {seen[item_id]}; "
                    "give one of them an explicit `{ #id }` on the next line"
                )
            seen[item_id] = line
            token = share_token(item_id)
            if token in shared:
                raise ChecklistError(
                    f"{where}: item {item_id!r} is named {token!r} in share links, like line "
                    f"{shared[token]}; give one of them another explicit `{{ #id }}`"
                )
            shared[token] = line
            if group is None:
                group = Group(None, None, line)
                checklist.groups.append(group)
            group.items.append(Item(item_id, line, task.group(1) != " ", body, text, links))
    if checklist is not None and not checklist.items:
        raise ChecklistError(f"docs/{source}:1: checklist page has no items")
    return checklist


def load_checklists(docs_dir: Path) -> list[Checklist]:
    pages = sorted((docs_dir / CHECKLIST_DIR).glob("*.md"))
    return [c for c in (parse_page(p, docs_dir) for p in pages) if c is not None]


def absolute(project: Project, href: str, checklist: Checklist, alias: str = DEFAULT_ALIAS) -> str:
    """A link of the page as an absolute address in edition `alias` (`latest` unless told)."""
    if project.is_external(href):
        return href
    return project.absolute_url(*project.resolve_link(checklist.source, href), alias=alias)


def render_markdown(
    project: Project, checklist: Checklist, ticked: set[str], alias: str = DEFAULT_ALIAS
) -> str:
    """The checklist as a GitHub task list with absolute links into edition `alias`; ticks from
    `ticked`. The page's "Copy as Markdown" produces exactly this text in that edition.
    """
    page = project.absolute_url(checklist.source, alias=alias)
    parts = [f"## [{checklist.title}]({page})"]
    for group in checklist.groups:
        if group.title:
            parts.append(f"### {group.title}")
        lines = []
        for item in group.items:
            md, _, _ = render_inline(item.body, lambda h: absolute(project, h, checklist, alias))
            lines.append(f"- [{'x' if item.id in ticked else ' '}] {md}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def template_text(project: Project, checklist: Checklist) -> str:
    """A pull-request template (fragments/pr-template.md): the checklist with nothing ticked."""
    from handbook.generate import templates

    page = templates(__file__).get_template("pr-template.md")
    checklist_markdown = render_markdown(project, checklist, set()).rstrip("\n")
    url = project.absolute_url(checklist.source)
    return page.render(source=checklist.source, checklist=checklist_markdown, page=url)


def check_links(project: Project) -> list[str]:
    """Every item links to at least one handbook page.

    Whether the link resolves is the strict build's job (`validation:` in mkdocs.yml), which
    reads the pages with the build's own Markdown; this rule is the one the build cannot know.
    """
    problems: list[str] = []
    for checklist in load_checklists(project.docs_dir):
        for item in checklist.items:
            if all(project.is_external(h) for h in item.links):
                problems.append(
                    f"docs/{checklist.source}:{item.line}: item {item.id!r} "
                    "links to no handbook section"
                )
    return problems


def templates(project: Project) -> dict[str, str]:
    """The PR templates as they should be: path under the root -> text."""
    return {
        f".github/{c.template}": template_text(project, c)
        for c in load_checklists(project.docs_dir)
        if c.template is not None
    }


def _run_check(args: argparse.Namespace) -> int:
    project: Project = args.project
    try:
        problems = check_links(project)
    except ChecklistError as exc:
        problems = [str(exc)]
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        count = sum(len(c.items) for c in load_checklists(project.docs_dir))
        print(f"{count} checklist items, every one linked to a handbook section")
    return 1 if problems else 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("checklists", help="check checklist pages")
    jobs = parser.add_subparsers(dest="job", metavar="JOB", required=True)
    chk = jobs.add_parser("check", help="every item links to a handbook section")
    chk.set_defaults(func=_run_check)
