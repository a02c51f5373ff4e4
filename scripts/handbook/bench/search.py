"""Time search in Chromium: Material's lunr search against the handbook's, same site, same box.

Both are the search box of the built site opened with `?q=` (Material's way of sharing a search):
"old" is the site as MkDocs builds it, where the handbook's worker hands the query to Material's
own lunr worker (the whole index downloaded and built in the browser); "new" is the same site after
`handbook search index`, answered from the Pagefind chunks of the typed words. The time runs from
navigation start until the first result is in the page; it is also given from DOMContentLoaded
(negative when the result came first). The site is served as an edition by Debian nginx with
deploy/nginx.conf (its gzip, its headers), each visit in a fresh browser context with the cache
disabled; each engine's visits in a browser of their own.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from handbook import search as hb_search
from handbook.project import chromium

from .browser import Heaps, gzip_size, published, url_to_file

FIRST_RESULT = (Path(hb_search.__file__).with_name("js") / "first-result.js").read_text("utf-8")
DCL = "performance.getEntriesByType('navigation')[0].domContentLoadedEventStart"
FRAGMENT = "about/generated/search-engine.md"
PLOT = "about/generated/search-engine.svg"
# Goals (docs/about/performance.md#search-engine).
REAL_MS_AFTER_DCL = 300
SYNTHETIC_MS, SYNTHETIC_BYTES, WORKER_HEAP_MB = 600, 300 * 1024, 50


def finished_before(page, finished: list) -> list:
    """Requests (the page's and its workers', as Playwright reports them) that had finished when
    the first result was in the page; read a second later, as worker events arrive relayed."""
    first_at = page.evaluate("performance.timeOrigin + window.__hbFirst")
    page.wait_for_timeout(1000)
    return [
        r
        for r in finished
        if 0 <= r.timing["responseEnd"]
        and r.timing["startTime"] + r.timing["responseEnd"] <= first_at
    ]


def _visit(browser, url: str, timeout_ms: float, root: Path) -> dict:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(FIRST_RESULT)
        heaps = Heaps(context, page)
        heaps.cdp.send("Network.enable")  # for the cache switch below
        heaps.cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        finished: list = []
        page.on("requestfinished", lambda r: finished.append(r))
        page.goto(url)
        page.wait_for_function("window.__hbFirst !== null", timeout=timeout_ms)
        done = finished_before(page, finished)
        # On the wire (nginx gzips what it does), and the same files uncompressed.
        gzipped = sum(
            max(0, z["responseBodySize"]) + z["responseHeadersSize"]
            for z in (r.sizes() for r in done)
        )
        files = [url_to_file(root, r.url) for r in done]
        transferred = sum(f.stat().st_size for f in files if f is not None)
        first = page.evaluate("window.__hbFirst")
        page.wait_for_function(f"({DCL}) > 0", timeout=timeout_ms)
        dcl = page.evaluate(DCL)  # may follow the first result: "after" is then negative
        count = page.evaluate("window.__hbCount")
        heap = heaps.heap_bytes()
    finally:
        context.close()
    return {
        "ms": first,
        "after_dcl_ms": first - dcl,
        "results": count,
        "transferred": transferred,
        "gzipped": gzipped,
        **heap,
    }


def _summary(visits: list[dict]) -> dict:
    return {
        "runs": len(visits),
        "first_result_ms": [round(v["ms"], 1) for v in visits],
        "median_ms": round(statistics.median(v["ms"] for v in visits), 1),
        "median_after_dcl_ms": round(statistics.median(v["after_dcl_ms"] for v in visits), 1),
        "results": visits[0]["results"],
        "bytes_before_first_result": int(statistics.median(v["transferred"] for v in visits)),
        "gzip_bytes_before_first_result": int(statistics.median(v["gzipped"] for v in visits)),
        "js_heap_main_mb": round(statistics.median(v["main_bytes"] for v in visits) / 2**20, 1),
        "js_heap_workers_mb": (
            round(statistics.median(v["workers_bytes"] for v in visits) / 2**20, 1)
            if all(v["workers_bytes"] is not None for v in visits)
            else None
        ),
    }


def _dir_size(paths: list[Path]) -> tuple[int, int]:
    files = [p for d in paths if d.is_dir() for p in d.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), sum(gzip_size(p) for p in files)


def _unindexed(site: Path) -> None:
    """The site as MkDocs built it (a site indexed by an earlier run gets its index back)."""
    lunr = site / hb_search.LUNR_INDEX
    if lunr.is_file():
        shutil.copy(lunr, site / "search" / "search_index.json")
        lunr.unlink()
    for bundle in hb_search.PAGEFIND_BUNDLES.values():
        shutil.rmtree(site / bundle, ignore_errors=True)


def measure_site(
    project_root: Path,
    name: str,
    site: Path,
    pages: int | None,
    query: str,
    runs: int,
    timeout_s: float = 180,
) -> dict:
    """Old (Material's lunr) and new (the handbook's index) search on a site, `runs` loads each."""
    site = site.resolve()
    index = site / "search" / "search_index.json"
    if not index.is_file():
        raise SystemExit(f"{index}: no search index; was {site} built by MkDocs with search?")
    _unindexed(site)
    out: dict = {
        "site": name,
        "pages": pages,
        "query": query,
        "index_bytes": index.stat().st_size,
        "index_gzip_bytes": gzip_size(index),
    }
    with (
        tempfile.TemporaryDirectory(prefix="hb-search-nginx-") as tmp,
        published(project_root, site, Path(tmp)) as (base, root),  # the `latest` edition
    ):
        url, limit = f"{base}/?q={query}", timeout_s * 1000
        with chromium() as browser:
            material = [_visit(browser, url, limit, root) for _ in range(runs)]
        started = time.perf_counter()
        indexed = hb_search.index_site(site)
        index_s = time.perf_counter() - started
        # Each engine gets a browser of its own, started once the disk is quiet: the old search's
        # renderers (up to 900 MB of heap at 3,000 pages) are gone, and the index just written
        # (and the builds before this part) are not being flushed during the timed visits.
        os.sync()
        with chromium() as browser:
            new = [_visit(browser, url, limit, root) for _ in range(runs)]
    if not material[0]["results"] or not new[0]["results"]:
        raise SystemExit(f"{site}: query {query!r} found nothing; pick a word the site contains")
    raw, packed = _dir_size([site / d for d in hb_search.PAGEFIND_BUNDLES.values()])
    out["material"] = {
        "command": "Chromium: load /?q=QUERY on the site as built (Material's lunr worker), "
        "wait for .md-search-result__item",
        **_summary(material),
    }
    # Kept under "pagefind": the Performance page's search table and plot read that key.
    out["pagefind"] = {
        "command": "handbook search index SITE; Chromium: load /?q=QUERY, wait for "
        ".md-search-result__item (the handbook's worker over the Pagefind index)",
        "index_s": round(index_s, 2),
        "pages_indexed": indexed["pages"],
        "bundle_bytes": raw,
        "bundle_gzip_bytes": packed,
        **_summary(new),
    }
    return out


def goals(sites: list[dict]) -> dict:
    """The speed goals of the handbook's search, measured: True/False per site measured."""
    out = {}
    for s in sites:
        new = s["pagefind"]
        if "index_s" not in new or "median_after_dcl_ms" not in new:
            continue  # a results file from before this measurement
        if s["pages"] is None:
            after = new.get("median_after_dcl_ms")
            out["real_first_result_le_300ms_after_dcl"] = (
                after is not None and after <= REAL_MS_AFTER_DCL
            )
        else:
            heap = new.get("js_heap_workers_mb")
            out[f"{s['pages']}_pages_first_result_le_600ms"] = new["median_ms"] <= SYNTHETIC_MS
            # As the published site sends them: deploy/nginx.conf compresses text files.
            sent = new.get("gzip_bytes_before_first_result")
            out[f"{s['pages']}_pages_le_300kb_before_first_result"] = (
                sent is not None and sent <= SYNTHETIC_BYTES
            )
            out[f"{s['pages']}_pages_worker_heap_le_50mb"] = (
                heap is not None and heap <= WORKER_HEAP_MB
            )
    return out


def render_fragment(sites: list[dict]) -> str:
    """The table of the Performance page's search-engine section (no date: results.json has it)."""
    from .page import ENV

    return ENV.get_template("search-engine.md").render(sites=sites, goals=goals(sites))


def files(sites: list[dict] | dict) -> dict[str, str | bytes]:
    """The fragment and its plot (path under the root -> content), for `handbook generate`."""
    if (
        not isinstance(sites, list)
        or not sites
        or not all("gzip_bytes_before_first_result" in s["pagefind"] for s in sites)
    ):
        why = sites.get("skipped") if isinstance(sites, dict) else None
        return {
            f"docs/{FRAGMENT}": (
                "<!-- Written by `handbook generate` from bench/results.json; do not edit. -->\n"
                f"Not measured by this results file: {why or 'it predates the handbook search'}; "
                "run `make bench`.\n"
            )
        }
    from .plots import line_chart  # the Performance page's one plot style

    sized = sorted((s for s in sites if s.get("pages")), key=lambda s: s["pages"])
    xs = [s["pages"] for s in sized]
    series = {
        "old": (xs, [s["material"]["median_ms"] for s in sized]),
        "new": (xs, [s["pagefind"]["median_ms"] for s in sized]),
    }
    plot = line_chart(
        series,
        "Time to first search result (median)",
        "ms from navigation start (log)",
        SYNTHETIC_MS,
        log=True,
    )
    return {f"docs/{FRAGMENT}": render_fragment(sites), f"docs/{PLOT}": plot}
