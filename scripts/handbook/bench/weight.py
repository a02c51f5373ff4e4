"""Page weight: gzip bytes of a page and every asset it loads; the share of the handbook's code.

The asset list comes from Chromium's network log, so it is what a reader's browser really fetches.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from handbook.project import chromium, serve

from .browser import gzip_size, url_to_file

if TYPE_CHECKING:
    from playwright.sync_api import Browser

GOAL_HB_GZIP = 6 * 1024  # the handbook's own CSS/JS stays within 6 KB gzip


def is_own(path: Path) -> bool:
    """The handbook's own browser code: files under assets/ named hb-*."""
    return "assets" in path.parts and path.name.startswith("hb-")


def pick_page(site: Path, section: str) -> str:
    """A content page of section (first sub-page in sorted order), else the section's index."""
    pages = sorted(p for p in (site / section).glob("*/index.html"))
    chosen = pages[0].parent if pages else site / section
    return chosen.relative_to(site).as_posix() + "/"


def own_assets(root: Path) -> dict:
    """Every hb-* CSS/JS file under docs/assets, and the scripts overrides/ inlines in pages,
    with its gzip size, and their total."""
    files = sorted(
        p
        for d in (root / "docs" / "assets", root / "overrides")
        for p in d.rglob("hb-*")
        if p.suffix in (".css", ".js")
    )
    sizes = {p.relative_to(root).as_posix(): gzip_size(p) for p in files}
    total = sum(sizes.values())
    return {
        "files": sizes,
        "gzip_bytes": total,
        "goal_bytes": GOAL_HB_GZIP,
        "within_goal": total <= GOAL_HB_GZIP,
    }


def fetched(browser, url: str, quiet_s: float = 1.5, limit_s: float = 20) -> list[str]:
    """The URLs a cold visit of `url` fetched, the page's and its workers' (as Playwright
    reports them), once every request has ended and none has started for `quiet_s`.

    `networkidle` alone is too early: the search worker starts when the deferred bundle runs
    and fetches its index files after that."""
    context = browser.new_context()
    try:
        page = context.new_page()
        started: list = []
        ended: list = []
        page.on("request", lambda r: started.append(r))
        page.on("requestfinished", lambda r: ended.append(r))
        page.on("requestfailed", lambda r: ended.append(r))
        page.goto(url, wait_until="networkidle")
        deadline, seen, since = time.monotonic() + limit_s, -1, time.monotonic()
        while time.monotonic() < deadline:
            if len(started) != seen:
                seen, since = len(started), time.monotonic()
            elif len(ended) >= seen and time.monotonic() - since >= quiet_s:
                break
            page.wait_for_timeout(100)  # lets Playwright dispatch the events
        return [r.url for r in ended if r.failure is None]
    finally:
        context.close()


def measure(site: Path, pages: dict[str, str], browser: Browser | None = None) -> list[dict]:
    """Load each page cold, wait until it and its workers fetch nothing more, and weigh what
    was fetched (in `browser`, else in a Chromium of its own)."""
    if browser is None:
        with chromium() as launched:
            return measure(site, pages, launched)
    site = site.resolve()
    out = []
    # The loopback server with caching off: every visit measures a cold load.
    with serve(site, no_store=True) as base:
        for kind, rel in pages.items():
            urls = fetched(browser, f"{base}/{rel}")
            files = {}
            for url in urls:
                path = url_to_file(site, url)
                if path is not None:
                    files[path.relative_to(site).as_posix()] = (
                        path.stat().st_size,
                        gzip_size(path),
                        is_own(path),
                    )
            total = sum(g for _, g, _ in files.values())
            own = sum(g for _, g, o in files.values() if o)
            out.append(
                {
                    "kind": kind,
                    "page": rel,
                    "requests": len(urls),
                    "raw_bytes": sum(r for r, _, _ in files.values()),
                    "gzip_bytes": total,
                    "own_gzip_bytes": own,
                    "own_share": round(own / total, 4) if total else 0.0,
                    "files": {k: {"raw": r, "gzip": g} for k, (r, g, _) in sorted(files.items())},
                }
            )
    return out
