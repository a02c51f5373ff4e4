"""No page source and no built HTML page holds U+FFFD or mojibake; failures name file and line.

Detection is ftfy's: its badness heuristics know the patterns every code page leaves behind.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ftfy.badness import is_bad

ROOT = Path(__file__).resolve().parents[1]
TAG = re.compile(r"<[^>]+>")


def find_mojibake(path: Path, *, strip_tags: bool = False) -> list[str]:
    """Every line of `path` with U+FFFD or mojibake, as "file:line: text"."""
    problems = []
    text = path.read_text(encoding="utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        shown = html.unescape(TAG.sub(" ", line)) if strip_tags else line
        if "\ufffd" in shown or is_bad(shown):
            problems.append(
                f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:"
                f"{number}: {shown.strip()[:120]}"
            )
    return problems


def test_detector_catches_both_garblings(tmp_path: Path) -> None:
    sample = tmp_path / "bad.md"
    sample.write_text(
        "fine\n## ðŸŽ¯ Goal âœ…\nok\n**Ğ”Ğ°Ñ‚Ğ°:** 2025\nlost \ufffd byte\n", encoding="utf-8"
    )
    found = find_mojibake(sample)
    assert [p.split(":")[1] for p in found] == ["2", "4", "5"]


def test_page_sources_are_clean() -> None:
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert pages
    problems = [p for page in pages for p in find_mojibake(page)]
    assert problems == [], "mojibake in page sources:\n" + "\n".join(problems)


def test_built_pages_are_clean(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    problems = [p for page in pages for p in find_mojibake(page, strip_tags=True)]
    assert problems == [], "mojibake in built pages:\n" + "\n".join(problems)
