"""`handbook emoji`: raw emoji characters in the pages become `:twemoji-<name>:` shortcodes.

Why, and how a writer uses it: Contributing › Add a page (docs/contributing/index.md). Only
characters that are pictures by default are converted (Unicode's Emoji_Presentation, a character
followed by U+FE0F, or a sequence); code (fenced blocks, inline code) is left alone.
"""

from __future__ import annotations

import argparse
import functools
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import regex
from pymdownx import twemoji_db

from handbook.project import Project

PREFIX = "twemoji-"
ICONS = "overrides/.icons/twemoji"
VS16 = "\ufe0f"
# A shortcode as pymdownx.emoji reads it.
SHORTCODE_RE = re.compile(r":twemoji-([+\-\w]+):")
PRESENTATION = regex.compile(r"\p{Emoji_Presentation}")
# Fenced code: ``` or ~~~, any indentation (fences sit inside admonitions and tabs too).
FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")
# Inline code: a run of backticks, its content, the same run. Spans do not cross lines here; the
# check below would name an emoji that this missed, so a miss cannot go unnoticed.
CODE_SPAN_RE = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)")


@functools.cache
def index() -> dict[str, tuple[str, str]]:
    """Every Twemoji character sequence -> (short name, code points as in Twemoji's file names)."""
    found: dict[str, tuple[str, str]] = {}
    for shortcode, info in twemoji_db.emoji.items():
        for key in ("unicode", "unicode_alt"):
            points = info.get(key)
            if points:
                chars = "".join(chr(int(p, 16)) for p in points.split("-"))
                found.setdefault(chars, (shortcode.strip(":"), info["unicode"]))
    return found


@functools.cache
def _pattern() -> re.Pattern[str]:
    # Longest first, so a ZWJ sequence or a flag wins over its first character.
    seqs = sorted(index(), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, seqs)) + f"){VS16}?")


def is_picture(seq: str) -> bool:
    """Whether `seq` is drawn as a picture by default (and so needs an emoji font)."""
    base = seq.removesuffix(VS16)
    return seq.endswith(VS16) or len(base) > 1 or bool(PRESENTATION.fullmatch(base))


@dataclass(frozen=True)
class Found:
    line: int
    chars: str
    name: str
    points: str


def _convert_prose(text: str, line: int, found: list[Found]) -> str:
    def sub(m: re.Match[str]) -> str:
        seq = m.group()
        if not is_picture(seq):
            return seq
        name, points = index()[seq if seq in index() else seq.removesuffix(VS16)]
        found.append(Found(line, seq, name, points))
        return f":{PREFIX}{name}:"

    return _pattern().sub(sub, text)


def convert_text(text: str) -> tuple[str, list[Found]]:
    """Text with no code in it (a table cell of a generated fragment): every emoji converted."""
    found: list[Found] = []
    return _convert_prose(text, 1, found), found


def convert_markdown(text: str) -> tuple[str, list[Found]]:
    """A page: emoji outside fenced and inline code converted; code left as it is."""
    found: list[Found] = []
    out: list[str] = []
    fence: str | None = None
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        m = FENCE_RE.match(line)
        if fence is None and m:
            fence = m.group(1)
        elif fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None if not line[m.end() :].strip() else fence
        else:
            parts, last = [], 0
            for span in CODE_SPAN_RE.finditer(line):
                parts.append(_convert_prose(line[last : span.start()], number, found))
                parts.append(span.group())
                last = span.end()
            parts.append(_convert_prose(line[last:], number, found))
            line = "".join(parts)
        out.append(line)
    return "".join(out), found


def pages(project: Project) -> list[Path]:
    """The Markdown the handbook is built from; generated fragments convert when generated."""
    generated = project.docs_dir / "about" / "generated"
    return sorted(p for p in project.docs_dir.rglob("*.md") if generated not in p.parents)


def missing_icons(project: Project) -> dict[str, list[str]]:
    """Short name -> `file:line` of each shortcode (pages and fragments) without its picture."""
    icons = project.root / ICONS
    missing: dict[str, list[str]] = {}
    for path in [*pages(project), *(project.docs_dir / "about" / "generated").glob("*.md")]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for m in SHORTCODE_RE.finditer(line):
                if not (icons / f"{m.group(1)}.svg").exists():
                    where = f"{path.relative_to(project.root)}:{number}"
                    missing.setdefault(m.group(1), []).append(where)
    return missing


def _copy_icons(project: Project, svg_dir: str | None) -> list[str]:
    """Copy each missing picture from `svg_dir`; the problems left."""
    points = {name: pts for name, pts in index().values()}
    icons = project.root / ICONS
    problems = []
    for name, where in sorted(missing_icons(project).items()):
        source = Path(svg_dir) / f"{points.get(name, '?')}.svg" if svg_dir else None
        if name not in points or source is None or not source.is_file():
            problems.append(f"{where[0]}: :{PREFIX}{name}: has no {ICONS}/{name}.svg")
            continue
        icons.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, icons / f"{name}.svg")
    return problems


def _cmd(args: argparse.Namespace) -> int:
    project: Project = args.project
    total, touched = 0, 0
    for path in pages(project):
        new, found = convert_markdown(path.read_text(encoding="utf-8"))
        if not found:
            continue
        total, touched = total + len(found), touched + 1
        if args.write:
            path.write_text(new, encoding="utf-8")
            continue
        rel = path.relative_to(project.root)
        for f in found:
            print(f"{rel}:{f.line}: {f.chars} outside code (write :{PREFIX}{f.name}:)")
    if args.write:
        print(f"emoji: {total} converted in {touched} pages")
        total = 0
    problems = _copy_icons(project, args.svg_dir if args.write else None)
    for p in problems:
        print(p)
    print(f"emoji: {total} raw emoji outside code, {len(problems)} shortcodes without a picture")
    return 1 if total or problems else 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("emoji", help="emoji as inline Twemoji pictures, never a font's")
    parser.add_argument("--write", action="store_true", help="convert the pages in place")
    parser.add_argument("--svg-dir", help="the SVG folder of the @twemoji/svg npm package")
    parser.set_defaults(func=_cmd)
