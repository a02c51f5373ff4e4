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
