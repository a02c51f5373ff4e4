"""Visiting every page of a published edition with a few Chromium pages side by side.

Playwright's sync API blocks on each call, so the pages are driven in lock step: every page starts
its navigation (or its in-page work) before any is awaited. Two to four renderers then share the
machine's cores instead of waiting on one another.
"""

from __future__ import annotations

import os
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
        yield items[start : start + size]


def load_side_by_side(
    pages: Sequence[object], urls: Sequence[str], wait_until: str = "load"
) -> list[object]:
    """Navigate pages[i] to urls[i], all at once; the responses, in order."""
    responses = [
        page.goto(url, wait_until="commit") for page, url in zip(pages, urls, strict=False)
    ]
    for page in pages[: len(urls)]:
        page.wait_for_load_state(wait_until)
    return responses


def process_tree_cpu_seconds(pid: int | None = None) -> float:
    """CPU time used so far by a process and all its descendants (Chromium, Playwright's driver).

    Wall time on a shared machine says more about the neighbours than about the test; the CPU
    time is what the test itself costs.
    """
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry)] = fields
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, stack = 0, [pid or os.getpid()]
    while stack:
        current = stack.pop()
        if current in stats:  # utime, stime, cutime, cstime
            total += sum(int(x) for x in stats[current][11:15])
        stack.extend(children.get(current, []))
    return total / os.sysconf("SC_CLK_TCK")
