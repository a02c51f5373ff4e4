"""Find every fenced block of every page, the includes in them, and the snippet files.

Pages and snippets are checked against each other so that nothing is shown untested or left unused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

from handbook.project import GENERATED
from handbook.snippets.fences import FenceError, canonical_alias, parse_info

# pymdownx.snippets include line: `--8<-- "file"`, `--8<-- "file:section"`, `--8<-- "file:3:9"`.
# A leading `;` escapes it (the way pages show the syntax without including anything).
INCLUDE_LINE = re.compile(r"""^\s*(?P<escape>;?)--8<--\s+(?P<q>["'])(?P<target>[^"']+)(?P=q)\s*$""")
BLOCK_INCLUDE_DELIMITER = re.compile(r"^\s*--8<--\s*$")
SECTION_MARKER = re.compile(r"(?<!;)--8<--\s*\[(?P<kind>start|end):(?P<name>[^\]]+)\]")
# Material's block syntaxes whose bodies are indented by four spaces.
CONTAINER_MARKER = re.compile(r"^(?:!!!|\?\?\?\+?|===\+?)\s")
FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|~{3,})")

# Folders and files under snippets/ that are tooling, not examples.
EXCLUDED_DIRS = frozenset(
    {"_harness", "_types", "node_modules", "__pycache__", ".ruff_cache", ".pytest_cache", ".cache"}
)
EXCLUDED_FILES = frozenset({"package.json", "package-lock.json", "tsconfig.json"})
# Imported by other snippets rather than included; not an error when no page shows them.
IMPORTED_DIRS = frozenset({"patterns"})


@dataclass(frozen=True)
class Location:
    """A 1-based line in a file, relative to the project root."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Include:
    """One `--8<--` include of a snippet file (whole, a section, or a line range)."""

    where: Location
    file: str
    section: str | None = None


@dataclass
class Block:
    """One fenced block of a page, classified as tested, illustrative or text."""

    where: Location
    language: str
    kind: str  # "tested" | "illustrative" | "text" | "invalid"
    reason: str | None = None
    includes: list[Include] = field(default_factory=list)


@dataclass
class Problem:
    """A rule broken by a page or the snippet tree, with the place to fix it."""

    where: Location
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Discovery:
    """Everything found in docs/ and snippets/."""

    blocks: list[Block]
    includes: list[Include]
    snippet_files: list[str]
    problems: list[Problem]

    def shown_at(self, snippet: str) -> list[Location]:
        """Where pages include `snippet` (relative to snippets/)."""
        return [inc.where for inc in self.includes if inc.file == snippet]


def flatten_containers(text: str) -> list[str]:
    """Dedent admonition, details and tab bodies so CommonMark sees their fences.

    Hand-written because markdown-it-py has no plugin for Material's tabs; line numbers are kept.
    """
    lines = text.split("\n")
    out: list[str] = []
    stack: list[int] = []  # indents of open container markers
    fence: tuple[str, int] | None = None  # (char, length) of an open fence
    if lines and lines[0].strip() == "---":  # front matter: blank it, keep line count
        for end in range(1, len(lines)):
            if lines[end].strip() in ("---", "..."):
                lines[: end + 1] = [""] * (end + 1)
                break
    for raw in lines:
        line = raw.expandtabs(4)
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if not stripped:
            out.append("")
            continue
        if fence is None:
            while stack and indent < stack[-1] + 4:
                stack.pop()
        cut = min(4 * len(stack), indent)
        body = line[cut:]
        opened = FENCE_OPEN.match(stripped)
        if fence is not None:
            marks = opened.group("fence") if opened else ""
            closes = marks and marks[0] == fence[0] and len(marks) >= fence[1]
            if closes and not stripped[len(marks) :].strip():
                fence = None
            out.append(body)
            continue
        if opened:
            fence = (opened.group("fence")[0], len(opened.group("fence")))
            out.append(body)
            continue
        if CONTAINER_MARKER.match(stripped):
            stack.append(indent)
            out.append("")
            continue
        out.append(body)
    return out


def sections_of(path: Path) -> set[str]:
    """Names of the `[start:name]`…`[end:name]` sections a snippet file defines."""
    starts: set[str] = set()
    ends: set[str] = set()
    for match in SECTION_MARKER.finditer(path.read_text(encoding="utf-8", errors="replace")):
        (starts if match.group("kind") == "start" else ends).add(match.group("name").strip())
    return starts & ends


def _check_include(inc: Include, snippets_dir: Path, target: str) -> Problem | None:
    # The same search order as pymdownx.snippets' `base_path: [snippets, docs]` in mkdocs.yml:
    # runnable examples first, then the generated data fragments under docs/about/generated/.
    bases = (snippets_dir, snippets_dir.parent / "docs")
    path = next((b / inc.file for b in bases if (b / inc.file).is_file()), snippets_dir / inc.file)
    if not path.is_file():
        return Problem(inc.where, f"include {target!r}: no file snippets/{inc.file}")
    if inc.section is None:
        return None
    parts = inc.section.split(":")
    if all(p.isdigit() or p == "" for p in parts):  # a line range `file:3:9`
        count = len(path.read_text(encoding="utf-8", errors="replace").splitlines())
        numbers = [int(p) for p in parts if p]
        if any(n > count for n in numbers):
            return Problem(inc.where, f"include {target!r}: snippets/{inc.file} has {count} lines")
        return None
    if inc.section not in sections_of(path):
        return Problem(
            inc.where,
            f"include {target!r}: snippets/{inc.file} has no section "
            f"[start:{inc.section}]…[end:{inc.section}]",
        )
    return None


def _parse_target(target: str) -> tuple[str, str | None]:
    file, sep, section = target.partition(":")
    return file.strip(), (section.strip() if sep else None)


def scan_page(
    page: Path, rel: str, snippets_dir: Path
) -> tuple[list[Block], list[Include], list[Problem]]:
    """Classify every fence of one page and collect its includes."""
    text = page.read_text(encoding="utf-8")
    lines = flatten_containers(text)
    tokens = MarkdownIt("commonmark").parse("\n".join(lines))
    blocks: list[Block] = []
    includes: list[Include] = []
    problems: list[Problem] = []
    fenced: set[int] = set()

    def add_include(line_no: int, target: str) -> Include:
        file, section = _parse_target(target)
        inc = Include(Location(rel, line_no), file, section)
        includes.append(inc)
        problem = _check_include(inc, snippets_dir, target)
        if problem:
            problems.append(problem)
        return inc

    for tok in tokens:
        if tok.type != "fence" or tok.map is None:
            continue
        start, end = tok.map
        fenced.update(range(start, end))
        where = Location(rel, start + 1)
        # Blank lines (the last "" of the split too) are neither code nor includes.
        content = [(n, ln) for n, ln in enumerate(tok.content.split("\n"), start + 2) if ln.strip()]
        matched = [(n, INCLUDE_LINE.match(ln)) for n, ln in content]
        real = [(n, m.group("target")) for n, m in matched if m and not m.group("escape")]
        only_includes = bool(content) and len(real) == len(content)
        try:
            info = parse_info(tok.info)
        except FenceError as exc:
            problems.append(Problem(where, str(exc)))
            words = tok.info.strip("{} ").split()
            block = Block(where, words[0].lstrip(".") if words else "", "invalid")
            if only_includes:  # its includes still count as used
                block.includes = [add_include(n, target) for n, target in real]
            blocks.append(block)
            continue
        language = canonical_alias(info.language)  # the Pygments name: `py` -> `python`
        block = Block(where, language, "invalid")
        block.includes = [add_include(n, target) for n, target in real]
        if only_includes:
            block.kind = "tested"
        elif real:
            move = "move the inline code into the snippet file"
            only = f"a tested block holds only include lines; {move}"
            problems.append(Problem(Location(rel, real[0][0]), only))
        elif language == "text":
            block.kind = "text"
        elif info.illustrative_reason is not None:
            if info.illustrative_reason:
                block.kind, block.reason = "illustrative", info.illustrative_reason
            else:
                why = 'illustrative block without a reason: title="Illustrative: <reason>"'
                problems.append(Problem(where, why))
        elif not content:
            problems.append(Problem(where, "empty code block"))
        else:
            neither = f"inline {language or 'untyped'} block is neither tested (an include of "
            neither += 'snippets/), nor marked title="Illustrative: <reason>", nor a text block'
            problems.append(Problem(where, neither))
        blocks.append(block)

    # Includes outside fences (a page may pull in a Markdown fragment) count too.
    in_block = False
    for i, ln in enumerate(lines):
        if i in fenced:
            continue
        if BLOCK_INCLUDE_DELIMITER.match(ln):
            in_block = not in_block
            continue
        match = INCLUDE_LINE.match(ln)
        if match and not match.group("escape"):
            add_include(i + 1, match.group("target"))
        elif in_block and ln.strip():
            add_include(i + 1, ln.strip())
    return blocks, includes, problems


def list_snippet_files(snippets_dir: Path) -> list[str]:
    """Every example file under snippets/ (tooling folders excluded), relative, sorted."""
    found = []
    for path in snippets_dir.rglob("*"):
        rel = path.relative_to(snippets_dir)
        if not path.is_file() or any(part in EXCLUDED_DIRS for part in rel.parts[:-1]):
            continue
        if rel.name in EXCLUDED_FILES or rel.suffix == ".pyc":
            continue
        found.append(rel.as_posix())
    return sorted(found)


def discover(root: Path) -> Discovery:
    """Scan `root/docs/**/*.md` and `root/snippets/`; report every broken rule."""
    docs_dir, snippets_dir = root / "docs", root / "snippets"
    blocks: list[Block] = []
    includes: list[Include] = []
    problems: list[Problem] = []
    for page in sorted(docs_dir.rglob("*.md")):
        rel = page.relative_to(root).as_posix()
        if rel.startswith(f"{GENERATED}/"):  # data fragments: their including page is scanned
            continue
        b, i, p = scan_page(page, rel, snippets_dir)
        blocks += b
        includes += i
        problems += p
    files = list_snippet_files(snippets_dir) if snippets_dir.is_dir() else []
    used = {inc.file for inc in includes}
    for file in files:
        top = file.split("/")[0]
        if file not in used and top not in IMPORTED_DIRS:
            unused = "snippet file is not included by any page"
            problems.append(Problem(Location(f"snippets/{file}", 1), unused))
    return Discovery(blocks, includes, files, problems)
