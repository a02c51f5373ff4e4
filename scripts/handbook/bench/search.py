"""Time search in Chromium: Material's built-in search versus a Pagefind index of the same site.

"Time to first result" runs from navigation start until the first result is in the DOM.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from . import proc
from .browser import NetworkLog, chromium, gzip_size, serve

# Records when the first Material result is rendered; installed before any page script runs.
FIRST_RESULT = """
window.__hbFirst = null;
new MutationObserver((m, o) => {
  if (document.querySelector('.md-search-result__item')) {
    window.__hbFirst = performance.now();
    window.__hbCount = document.querySelectorAll('.md-search-result__item').length;
    o.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""
PAGEFIND_PAGE = "hb-bench-pagefind.html"
PAGEFIND_HTML = """<!doctype html><meta charset="utf-8"><title>Pagefind timing</title>
<script type="module">
const pagefind = await import("./pagefind/pagefind.js");
await pagefind.init();
const search = await pagefind.search(new URLSearchParams(location.search).get("q"));
window.__hbCount = search.results.length;
if (search.results.length) await search.results[0].data();
window.__hbFirst = performance.now();
</script>
"""


def _visit(browser, url: str, timeout_ms: float) -> dict:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(FIRST_RESULT)
        log = NetworkLog(context, page)
        page.goto(url)
        page.wait_for_function("window.__hbFirst !== null", timeout=timeout_ms)
        transferred = log.transferred()
        first = page.evaluate("window.__hbFirst")
        count = page.evaluate("window.__hbCount")
        heap = log.heap_bytes()
    finally:
        context.close()
    return {"ms": first, "results": count, "transferred": transferred, **heap}


def _summary(visits: list[dict]) -> dict:
    return {
        "runs": len(visits),
        "first_result_ms": [round(v["ms"], 1) for v in visits],
        "median_ms": round(statistics.median(v["ms"] for v in visits), 1),
        "results": visits[0]["results"],
        "bytes_before_first_result": int(statistics.median(v["transferred"] for v in visits)),
        "js_heap_main_mb": round(statistics.median(v["main_bytes"] for v in visits) / 2**20, 1),
        "js_heap_workers_mb": (
            round(statistics.median(v["workers_bytes"] for v in visits) / 2**20, 1)
            if all(v["workers_bytes"] is not None for v in visits)
            else None
        ),
    }


def _dir_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), sum(gzip_size(p) for p in files)


def measure_site(
    name: str, site: Path, pages: int | None, query: str, runs: int, timeout_s: float = 180
) -> dict:
    """Material search and Pagefind on one built site, `runs` cold loads each."""
    site = site.resolve()
    index = site / "search" / "search_index.json"
    if not index.is_file():
        raise SystemExit(f"{index}: no search index; was {site} built by MkDocs with search?")
    out: dict = {
        "site": name,
        "pages": pages,
        "query": query,
        "index_bytes": index.stat().st_size,
        "index_gzip_bytes": gzip_size(index),
    }
    indexing = proc.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"], site)
    if indexing.returncode:
        raise SystemExit(f"{site}: pagefind failed:\n{indexing.tail()}")
    (site / PAGEFIND_PAGE).write_text(PAGEFIND_HTML, encoding="utf-8")
    raw, packed = _dir_size(site / "pagefind")
    with serve(site) as base, chromium() as browser:
        material = [_visit(browser, f"{base}/?q={query}", timeout_s * 1000) for _ in range(runs)]
        pagefind = [
            _visit(browser, f"{base}/{PAGEFIND_PAGE}?q={query}", timeout_s * 1000)
            for _ in range(runs)
        ]
    if not material[0]["results"] or not pagefind[0]["results"]:
        raise SystemExit(f"{site}: query {query!r} found nothing; pick a word the site contains")
    out["material"] = {
        "command": "Chromium: load /?q=QUERY, wait for .md-search-result__item",
        **_summary(material),
    }
    out["pagefind"] = {
        "command": "python -m pagefind --site DIR; test page: init, search, first data()",
        "index_s": round(indexing.wall_s, 2),
        "bundle_bytes": raw,
        "bundle_gzip_bytes": packed,
        **_summary(pagefind),
    }
    return out
