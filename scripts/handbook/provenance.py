"""Provenance: every heading, code block and checklist item of the original guides has a home.

The map lives in `sources/provenance/*.yml`; this module lists the elements of each original,
checks that each is mapped exactly once to a page and anchor of the built site (or dropped with a
reason), and writes the "Sources" page that shows the map to readers.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from handbook import emoji
from handbook.project import Project

GUIDES = "sources/guides"
REPAIRED = "sources/repaired"
MAP_DIR = "sources/provenance"
# The data fragment docs/about/sources.md includes; `handbook generate` writes it.
FRAGMENT = "docs/about/generated/sources.md"

# What each original is (title, state), in the order the Sources page lists them.
GUIDES_LIST = "sources/guides.yml"
Guides = dict[str, tuple[str, str]]

# A checklist item: a task box anywhere (the implementation guide keeps its checklists inside
# code fences), or a ✅/❌ bullet of the "Always include / Never do" lists.
ITEM_RE = re.compile(r"^\s*(?:[-*+]\s+)?\[[ xX]\]\s+\S|^\s*[-*+]\s+(?:✅|❌)\s")


@dataclass(frozen=True)
class Element:
    guide: str
    line: int  # 1-based line in sources/guides/<guide>
    kind: str  # heading | code | item
    text: str

    @property
    def key(self) -> str:
        return f"{self.guide}:{self.line}"


@dataclass
class Entry:
    key: str
    to: str | None
    dropped: str | None
    note: str | None
    where: str  # map file and line, for error messages


class ProvenanceError(Exception):
    """A map entry that is malformed, duplicated or points nowhere."""


def _text_of(project: Project, guide: str) -> str:
    # The repaired copy has the same lines as the original and is readable; fall back to the
    # original while a repaired copy does not exist yet.
    repaired = project.path(REPAIRED, guide)
    path = repaired if repaired.exists() else project.path(GUIDES, guide)
    return path.read_text(encoding="utf-8")


def elements(project: Project, guide: str) -> list[Element]:
    """Headings and code fences (parsed with markdown-it, so `#` inside code is no heading) and
    checklist-item lines (found by line, since some sit inside fences)."""
    text = _text_of(project, guide)
    lines = text.split("\n")
    found: dict[int, Element] = {}
    for token in MarkdownIt("commonmark").parse(text):
        if token.map is None:
            continue
        first = token.map[0]
        if token.type == "heading_open":
            found[first + 1] = Element(guide, first + 1, "heading", lines[first].strip())
        elif token.type == "fence":
            label = token.info.strip() or "text"
            found[first + 1] = Element(guide, first + 1, "code", f"```{label}")
    for number, line in enumerate(lines, 1):
        if number not in found and ITEM_RE.match(line):
            found[number] = Element(guide, number, "item", line.strip())
    return [found[n] for n in sorted(found)]


def guide_info(project: Project) -> Guides:
    listed = yaml.safe_load(project.path(GUIDES_LIST).read_text(encoding="utf-8"))
    return {name: (title, state) for name, (title, state) in listed.items()}


def all_elements(project: Project, guides: Guides | None = None) -> dict[str, Element]:
    out: dict[str, Element] = {}
    for guide in guides or guide_info(project):
        for el in elements(project, guide):
            out[el.key] = el
    return out


def load_map(project: Project, map_dir: Path | None = None) -> dict[str, Entry]:
    """Read every map file; each entry has `from` and exactly one of `to` / `dropped`."""
    entries: dict[str, Entry] = {}
    for path in sorted((map_dir or project.path(MAP_DIR)).glob("*.yml")):
        rel = project.rel(path)
        node = yaml.compose(path.read_text(encoding="utf-8"))
        if node is None:
            continue
        if not isinstance(node, yaml.SequenceNode):
            raise ProvenanceError(f"{rel}:1: a map file is a list of entries")
        for item in node.value:
            where = f"{rel}:{item.start_mark.line + 1}"
            data = yaml.safe_load(yaml.serialize(item))
            if not isinstance(data, dict) or "from" not in data:
                raise ProvenanceError(f"{where}: an entry needs `from: <guide>:<line>`")
            unknown = set(data) - {"from", "to", "dropped", "note"}
            if unknown:
                raise ProvenanceError(f"{where}: unknown keys {sorted(unknown)}")
            if ("to" in data) == ("dropped" in data):
                raise ProvenanceError(f"{where}: give exactly one of `to` and `dropped`")
            if "dropped" in data and not str(data["dropped"]).strip():
                raise ProvenanceError(f"{where}: `dropped` needs a reason")
            key = str(data["from"]).strip()
            if key in entries:
                raise ProvenanceError(f"{where}: {key} is mapped already at {entries[key].where}")
            entries[key] = Entry(key, data.get("to"), data.get("dropped"), data.get("note"), where)
    return entries


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)


def check(
    project: Project,
    site: Path,
    map_dir: Path | None = None,
    guides: Guides | None = None,
) -> list[str]:
    """Every element mapped once; every mapping names a known element and a real page#anchor."""
    problems: list[str] = []
    try:
        entries = load_map(project, map_dir)
    except ProvenanceError as exc:
        return [str(exc)]
    known = all_elements(project, guides)
    for key, el in known.items():
        if key not in entries:
            problems.append(f"sources/guides/{key}: {el.kind} not in the map: {el.text[:70]}")
    ids_cache: dict[Path, set[str]] = {}
    for entry in entries.values():
        if entry.key not in known:
            problems.append(f"{entry.where}: {entry.key} is not a heading, code block or item")
        if entry.to is None:
            continue
        page, _, anchor = str(entry.to).partition("#")
        target = project.page_html(site, page)
        if not (project.docs_dir / page).exists() or not target.exists():
            problems.append(f"{entry.where}: page {page} does not exist")
            continue
        if anchor:
            if target not in ids_cache:
                parser = _Ids()
                parser.feed(target.read_text(encoding="utf-8"))
                ids_cache[target] = parser.ids
            if anchor not in ids_cache[target]:
                problems.append(f"{entry.where}: no #{anchor} on {page}")
    return problems


def _cell(text: str) -> str:
    # A cell is prose (its backticks are escaped), so every emoji in the originals' text becomes
    # an inline Twemoji picture, as on the pages (handbook.emoji).
    text = emoji.convert_text(text)[0]
    return html.escape(text, quote=False).replace("|", "\\|").replace("`", "\\`")


def generated(project: Project) -> dict[str, str]:
    """The Sources page's data (`handbook generate`): each guide, its elements, where they went."""
    return {FRAGMENT: render_fragment(project)}


def render_fragment(project: Project) -> str:
    """The Sources page's data: each original, its elements, and where each went."""
    from handbook.generate import templates

    entries = load_map(project)
    page = templates(__file__, cell=_cell).get_template("sources.md")
    listed = [
        {"guide": guide, "title": title, "state": state, "elements": elements(project, guide)}
        for guide, (title, state) in guide_info(project).items()
    ]
    dropped = {key for key, entry in entries.items() if entry.dropped}
    text = page.render(
        map_dir=MAP_DIR, guides_dir=GUIDES, guides=listed, entries=entries, dropped=dropped
    )
    return text.rstrip("\n") + "\n"


def _cmd_check(args: argparse.Namespace) -> int:
    project: Project = args.project
    problems = check(project, Path(args.site) if args.site else project.site_dir)
    for p in problems:
        print(p, file=sys.stderr)
    total = len(all_elements(project))
    print(f"provenance: {total} elements, {len(problems)} problems")
    return 1 if problems else 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("provenance", help="map of the original guides into the handbook")
    cmds = parser.add_subparsers(dest="action", required=True)
    p = cmds.add_parser("check", help="every element mapped to an existing page and anchor")
    p.add_argument("--site", default=None, help="built site (default: the config's site_dir)")
    p.set_defaults(func=_cmd_check)
