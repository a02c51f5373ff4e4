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

import yaml
from markdown_it import MarkdownIt
from pymdownx.slugs import slugify

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST_DIR = "checklists"
DEFAULT_TEMPLATE = "code-review"  # the page behind .github/pull_request_template.md
ALIAS = "latest/"
MAX_ID_WORDS = 8

# An attribute list at the end of a heading, or alone on an item's continuation line.
ATTRS_RE = re.compile(r"\s*\{:?\s*([^{}\n]*)\}\s*$")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
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


def default_id(text: str) -> str:
    """The id of an item without an explicit one; empty when its text has no Latin word."""
    words = derive_id(text)
    return short_id(words) if words else ""


def parse_attrs(raw: str) -> dict[str, str]:
    """`#id .class key=value key` as in attr_list, enough for headings and items."""
    attrs: dict[str, str] = {}
    for part in re.findall(r'[^\s="]+(?:=(?:"[^"]*"|[^\s"]+))?', raw):
        if part.startswith("#"):
            attrs["id"] = part[1:]
        elif "=" in part:
            key, value = part.split("=", 1)
            attrs[key] = value.strip('"')
        elif not part.startswith("."):
            attrs[part] = ""
    return attrs


def split_attrs(content: str) -> tuple[str, dict[str, str]]:
    match = ATTRS_RE.search(content)
    if not match:
        return content, {}
    return content[: match.start()], parse_attrs(match.group(1))


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
                raise ChecklistError(f"{where}: item has no Latin word to derive an id from; "
                                     "give it an explicit `{ #id }` on the next line")
            if not ID_RE.match(item_id):
                raise ChecklistError(f"{where}: item id {item_id!r} is not lowercase-hyphenated")
            if item_id in seen:
                raise ChecklistError(
                    f"{where}: item id {item_id!r} repeats line {seen[item_id]}; "
                    "give one of them an explicit `{ #id }` on the next line"
                )
            seen[item_id] = line
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


def page_url(doc: str) -> str:
    """Directory URL of a page under docs/ ("security/cors.md" -> "security/cors/")."""
    stem = doc[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def absolute(href: str, checklist: Checklist, site_url: str, edition: str = ALIAS) -> str:
    """A link of the page as an absolute address in `edition` (`latest/` unless told)."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", href):
        return href
    path, _, anchor = href.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(checklist.source), path))
    url = site_url + edition + (page_url(target) if path else page_url(checklist.source))
    return url + (f"#{anchor}" if anchor else "")


def render_markdown(
    checklist: Checklist, ticked: set[str], site_url: str, edition: str = ALIAS
) -> str:
    """The checklist as a GitHub task list with absolute links into `edition`; ticks from
    `ticked`. The page's "Copy as Markdown" produces exactly this text in that edition.
    """
    page = site_url + edition + page_url(checklist.source)
    parts = [f"## [{checklist.title}]({page})"]
    for group in checklist.groups:
        if group.title:
            parts.append(f"### {group.title}")
        lines = []
        for item in group.items:
            md, _, _ = render_inline(item.body,
                                     lambda h: absolute(h, checklist, site_url, edition))
            lines.append(f"- [{'x' if item.id in ticked else ' '}] {md}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def template_text(checklist: Checklist, site_url: str) -> str:
    recorded = {i.id for i in checklist.items if i.checked} if checklist.recorded else set()
    head = (
        f"<!-- Generated from docs/{checklist.source} by `handbook checklists export`; "
        "edit that page, not this file. -->\n"
    )
    page = site_url + ALIAS + page_url(checklist.source)
    foot = f"\nTick it as you go, with saved progress: [the interactive checklist]({page})\n"
    return head + render_markdown(checklist, recorded, site_url) + foot


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its `!!python/...` tags (they are not needed here)."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)


def site_url(root: Path = ROOT) -> str:
    with open(root / "mkdocs.yml", encoding="utf-8") as fh:
        url = yaml.load(fh, Loader=_ConfigLoader).get("site_url") or ""  # noqa: S506
    if not url:
        raise ChecklistError("mkdocs.yml: site_url is required for absolute links")
    return url if url.endswith("/") else url + "/"


def anchors_of(path: Path) -> set[str]:
    """Ids a page defines: explicit `{#id}` attributes, else the slug of each heading."""
    ids: set[str] = set()
    for tok_index, tok in enumerate(tokens := _MD.parse(path.read_text(encoding="utf-8"))):
        if tok.type == "heading_open":
            title, attrs = split_attrs(tokens[tok_index + 1].content)
            ids.add(attrs.get("id") or slugify(case="lower")(title.strip(), "-"))
    ids.update(re.findall(r"\{[^}\n]*#([A-Za-z0-9_-]+)[^}\n]*\}", path.read_text("utf-8")))
    return ids


def check_links(docs_dir: Path) -> list[str]:
    """Every item links to at least one handbook page, and every such link resolves."""
    problems: list[str] = []
    for checklist in load_checklists(docs_dir):
        for item in checklist.items:
            where = f"docs/{checklist.source}:{item.line}"
            internal = [h for h in item.links if not re.match(r"^[a-z][a-z0-9+.-]*:", h)]
            if not internal:
                problems.append(f"{where}: item {item.id!r} links to no handbook section")
            for href in internal:
                path, _, anchor = href.partition("#")
                target = posixpath.normpath(
                    posixpath.join(posixpath.dirname(checklist.source), path)
                )
                file = docs_dir / target
                if not file.is_file():
                    problems.append(f"{where}: link {href!r}: no page docs/{target}")
                elif anchor and anchor not in anchors_of(file):
                    problems.append(f"{where}: link {href!r}: no #{anchor} in docs/{target}")
    return problems


def export(root: Path = ROOT, check: bool = False) -> list[str]:
    """Write (or, with `check`, compare) the templates; returns the out-of-date files."""
    url = site_url(root)
    stale: list[str] = []
    github = root / ".github"
    for checklist in load_checklists(root / "docs"):
        if checklist.template is None:
            continue
        target = github / checklist.template
        text = template_text(checklist, url)
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current == text:
            continue
        stale.append(target.relative_to(root).as_posix())
        if not check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return stale


def _run_export(args: argparse.Namespace) -> int:
    try:
        stale = export(check=args.check)
    except ChecklistError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name in stale:
        if args.check:
            print(f"{name}: out of date; run `handbook checklists export`", file=sys.stderr)
        else:
            print(f"wrote {name}")
    return 1 if args.check and stale else 0


def _run_check(args: argparse.Namespace) -> int:
    del args
    try:
        problems = check_links(ROOT / "docs")
    except ChecklistError as exc:
        problems = [str(exc)]
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        count = sum(len(c.items) for c in load_checklists(ROOT / "docs"))
        print(f"{count} checklist items, every one linked to a section that exists")
    return 1 if problems else 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("checklists", help="check checklist pages, export PR templates")
    jobs = parser.add_subparsers(dest="job", metavar="JOB", required=True)
    exp = jobs.add_parser("export", help="write .github PR templates from docs/checklists/")
    exp.add_argument("--check", action="store_true", help="fail when a template is out of date")
    exp.set_defaults(func=_run_export)
    chk = jobs.add_parser("check", help="every item links to a handbook section that exists")
    chk.set_defaults(func=_run_check)
