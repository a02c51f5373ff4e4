"""Visiting every page of a published edition with a few Chromium pages side by side.

Playwright's sync API blocks on each call, so the pages are driven in lock step: every page starts
its navigation (or its in-page work) before any is awaited. Two to four renderers then share the
machine's cores instead of waiting on one another.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path


def edition_pages(edition_dir: Path) -> list[str]:
    """Every page of an edition as a path below its root ("", "security/cors/", ...).

    The 404 page is left out: readers only get it for an address that is not a page, so the
    callers visit such an address instead (nginx answers with the page and status 404).
    """
    pages = []
    for html in sorted(edition_dir.rglob("index.html")):
        rel = html.parent.relative_to(edition_dir).as_posix()
        pages.append("" if rel == "." else rel + "/")
    assert pages, f"no pages under {edition_dir}"
    return pages


def batches(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def load_side_by_side(pages: Sequence[object], urls: Sequence[str],
                      wait_until: str = "load") -> list[object]:
    """Navigate pages[i] to urls[i], all at once; the responses, in order."""
    responses = [page.goto(url, wait_until="commit") for page, url in zip(pages, urls)]
    for page in pages[:len(urls)]:
        page.wait_for_load_state(wait_until)
    return responses

