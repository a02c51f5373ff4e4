"""The generated Snippet coverage page: tested and illustrative blocks per page and language.

Generated from discovery only (no timestamps, sorted), so a stale committed page is detectable.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from handbook.project import Project
from handbook.snippets.discover import Discovery, discover

# The page that explains the figures, and the data fragment it includes.
PAGE = Path("docs/about/snippet-coverage.md")
FRAGMENT = "docs/about/generated/snippet-coverage.md"


def _cell(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("|", "\\|").replace("\n", " ")


def render(discovery: Discovery) -> str:
    """The fragment's Markdown: totals, then per language, per page, and each illustrative block."""
    from handbook.generate import templates

    blocks = [
        b
        for b in discovery.blocks
        if b.kind in ("tested", "illustrative") and b.where.path != PAGE.as_posix()
    ]
    tested = sum(b.kind == "tested" for b in blocks)
    share = f"{100 * tested / len(blocks):.0f}%" if blocks else "n/a"
    by_language: dict[str, Counter[str]] = {}
    per_page: dict[tuple[str, str], Counter[str]] = {}
    for b in blocks:
        by_language.setdefault(b.language or "untyped", Counter())[b.kind] += 1
        per_page.setdefault((b.where.path, b.language or "untyped"), Counter())[b.kind] += 1
    illustrative = sorted(
        (b for b in blocks if b.kind == "illustrative"), key=lambda b: (b.where.path, b.where.line)
    )

    def link(path: str) -> str:
        rel = Path(path).relative_to("docs").as_posix()
        return f"[{rel}](../{rel})"

    page = templates(__file__, link=link, cell=_cell).get_template("snippet-coverage.md")
    rows = {"by_language": sorted(by_language.items()), "per_page": sorted(per_page.items())}
    return page.render(rows, blocks=blocks, tested=tested, share=share, illustrative=illustrative)


def generated(project: Project) -> dict[str, str]:
    """The fragment as `handbook generate` writes it, from the project's pages."""
    return {FRAGMENT: render(discover(project.root))}
