"""What makes the first search result fast, and what the benchmarks build on, checked in place."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from handbook.bench import synth
from handbook.bench.search import FIRST_RESULT, finished_before


def test_synthetic_pages_are_committed_so_the_build_reads_their_dates(tmp_path: Path) -> None:
    """A synthetic handbook is built as the real one is, its pages in git: untracked pages in
    the project's tree made the last-update plugin walk the whole history for each page."""
    site = synth.generate(tmp_path / "synthetic", 20)
    listed = subprocess.run(
        ["git", "-C", str(site.root), "ls-files", "docs"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert sorted(listed) == sorted(
        p.relative_to(site.root).as_posix() for p in site.docs.rglob("*.md")
    )
    stamp = subprocess.run(
        ["git", "-C", str(site.root), "log", "-1", "--format=%aI"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert stamp.startswith("2026-01-01")  # fixed: the same pages give the same commit


@pytest.mark.browser
def test_an_opened_search_fetches_only_what_its_first_results_need(page, site_url):
    """`?q=` (the link search.share copies): the worker gets the query with its address, and
    before the first result only the fragments of the first results the reader sees arrive."""
    page.add_init_script(FIRST_RESULT)
    finished: list = []
    page.on("requestfinished", lambda r: finished.append(r))
    page.goto(f"{site_url}/?q=review")
    page.wait_for_function("window.__hbFirst !== null", timeout=20_000)
    paths = [urlsplit(r.url).path for r in finished_before(page, finished)]
    fragments = [p for p in paths if p.startswith("/pagefind/fragment/")]
    assert 0 < len(fragments) <= 5, fragments
    assert sum(p.endswith(".pf_meta") for p in paths) == 1  # asked for once, not twice
    worker = page.evaluate("JSON.parse(document.getElementById('__config').textContent).search")
    assert parse_qs(urlsplit(worker).query)["q"] == ["review"]
    # The rest of the list follows: Material shows its first 10 of the full count.
    page.wait_for_function(
        "document.querySelectorAll('.md-search-result__item').length >= 10", timeout=20_000
    )


# Records each worker the page constructs (the native constructor, under any wrapper of the
# page's own scripts): its address, and whether the page had been parsed up to Material's
# configuration (written just before Material's bundle) by then.
WORKERS_STARTED = """
window.__hbWorkers = [];
(() => {
  const Native = window.Worker;
  function Recorded(url, options) {
    window.__hbWorkers.push({ url: String(url), parsed: !!document.getElementById("__config") });
    return new Native(url, options);
  }
  Recorded.prototype = Native.prototype;
  window.Worker = Recorded;
})();
"""


@pytest.mark.browser
def test_an_opened_search_starts_its_worker_before_the_page_is_parsed(page, site_url):
    """With `?q=` the search worker starts from the page head (hb-search-early.js), not once
    Material's bundle has run; Material gets that same worker (one search worker in all), and
    the results are its answers."""
    page.add_init_script(WORKERS_STARTED)
    page.add_init_script(FIRST_RESULT)
    page.goto(f"{site_url}/?q=allow_origins")
    page.wait_for_function("window.__hbFirst !== null", timeout=20_000)
    started = page.evaluate("window.__hbWorkers")
    assert [w["url"].split("?")[0].rsplit("/", 1)[-1] for w in started] == [
        "hb-search-worker.js"
    ], started
    assert not started[0]["parsed"], started
    assert len(page.workers) == 1
    first = page.locator(".md-search-result__item a").first.get_attribute("href")
    assert "backend/cors" in first or "security/cors" in first, first


@pytest.mark.browser
def test_without_a_query_the_worker_starts_with_material(page, site_url):
    """A page opened without `?q=` starts the search worker when Material mounts its search,
    as before: the head script does nothing there."""
    page.add_init_script(WORKERS_STARTED)
    page.goto(f"{site_url}/security/cors/")
    page.wait_for_function("window.__hbWorkers.length > 0", timeout=20_000)
    page.wait_for_timeout(300)
    started = page.evaluate("window.__hbWorkers")
    assert len(started) == 1 and started[0]["parsed"], started
    page.locator("[data-md-component=search-query]").click()
    page.keyboard.type("get_db")
    page.wait_for_selector(".md-search-result__item", timeout=20_000)


@pytest.mark.browser
def test_an_opened_search_shows_its_first_results_before_material_asks(page, site_url):
    """The worker sends the first results of `?q=` right after READY, when Material has put the
    query in its box: they are in the list even if Material's own QUERY never reaches it."""
    page.add_init_script(
        """
        const send = Worker.prototype.postMessage;
        Worker.prototype.postMessage = function (message) {
          if (message && message.type === 2) return;  // Material's QUERY, withheld
          return send.apply(this, arguments);
        };
        """
    )
    page.goto(f"{site_url}/?q=allow_origins")
    page.wait_for_selector(".md-search-result__item", timeout=20_000)
    first = page.locator(".md-search-result__item a").first.get_attribute("href")
    assert "cors" in first, first


@pytest.mark.browser
def test_the_bench_times_a_result_that_comes_before_domcontentloaded(browser, tmp_path: Path):
    """A first result can be in the page before DOMContentLoaded (a search opened from its
    address, answered while deferred scripts still load). The navigation entry then still says 0,
    and "after DOMContentLoaded" read at that moment was the whole time from navigation."""
    from conftest import serve_directory
    from handbook.bench.search import _visit

    (tmp_path / "slow.js").write_text("/* deferred */", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head><script src="slow.js" defer></script></head><body>'
        '<ol><li class="md-search-result__item">first</li></ol>'
        + "<p>text</p>" * 20000
        + "</body></html>",
        encoding="utf-8",
    )
    server, url = serve_directory(tmp_path)
    try:
        visit = _visit(browser, f"{url}/index.html", 20_000, tmp_path)
    finally:
        server.shutdown()
    assert visit["results"] == 1
    assert visit["after_dcl_ms"] < 0 < visit["ms"], visit
