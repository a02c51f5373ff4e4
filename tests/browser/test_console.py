"""Every page of every published edition loads with no page error and no console error.

The editions are the published layout (tests/published.py): nginx with deploy/nginx.conf, Chromium
on http://handbook.test/. Four pages load side by side; each waits until Material has shown its
version selector, which is the last thing a page fetches (versions.json) on its own.
"""

from __future__ import annotations

import time

import pytest
from crawl import batches, edition_pages, load_side_by_side, process_tree_cpu_seconds

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORKERS = 4
MISSING_PAGE = "no-such-page/"


def _listen(page, problems: list[str]) -> None:
    def console(msg) -> None:
        if msg.type != "error":
            return
        where = msg.location.get("url", "")
        # Chromium logs the 404 status of a missing page itself; the page is meant to be a 404.
        if where.endswith(MISSING_PAGE) and "status of 404" in msg.text:
            return
        problems.append(f"console error: {msg.text} ({where})")

    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", console)


def test_every_page_of_every_edition_is_free_of_errors(published_site):
    site = published_site
    urls = []
    for edition in site.editions:
        urls += [site.url(p, edition=edition) for p in edition_pages(site.site_dir / edition)]
        urls.append(site.url(MISSING_PAGE, edition=edition))
    # `latest` is the newest edition under another name (mike's symlink): the same files, so a
    # few of its addresses are enough to show that the alias itself loads cleanly.
    urls += [site.url(p) for p in ("", "security/cors/", MISSING_PAGE)]
    workers, problems = [], []  # pages in use; problems of no single page
    for _ in range(WORKERS):
        page = site.new_page()
        page.problems = []
        _listen(page, page.problems)
        workers.append(page)

    found: dict[str, list[str]] = {}
    cpu0, start = process_tree_cpu_seconds(), time.monotonic()
    for batch in batches(urls, WORKERS):
        pages = workers[: len(batch)]
        for page in pages:
            page.problems.clear()
        responses = load_side_by_side(pages, batch)
        for page, url, response in zip(pages, batch, responses, strict=True):
            expected = 404 if url.endswith(MISSING_PAGE) else 200
            if response is None or response.status != expected:
                problems.append(f"{url}: HTTP {response and response.status}, not {expected}")
            try:
                page.wait_for_selector(".md-version__current", state="attached", timeout=15_000)
            except Exception:  # noqa: BLE001 - reported as a finding with the URL
                page.problems.append("Material's version selector never appeared")
            if page.problems:
                found[url.removeprefix(site.base_url)] = list(page.problems)
    seconds, cpu = time.monotonic() - start, process_tree_cpu_seconds() - cpu0
    print(f"\n{len(urls)} pages in {seconds:.1f} s ({cpu:.1f} s of CPU)")
    lines = [f"  {where}: {msg}" for where, msgs in found.items() for msg in msgs]
    assert not problems and not found, (
        f"{len(found)} of {len(urls)} pages with errors:\n" + "\n".join(problems + lines[:60])
    )


def test_outdated_banner_shows_at_once_from_the_session(published_site):
    """Material's quick check: once this tab found the edition outdated, the next page shows the
    banner while it is still loading, before (and without) versions.json."""
    page = published_site.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    old = published_site.editions[0]
    page.goto(published_site.url("", edition=old))
    page.locator("[data-md-component=outdated]").wait_for(state="visible", timeout=15_000)
    page.route("**/versions.json", lambda route: route.abort())
    page.goto(published_site.url("security/cors/", edition=old), wait_until="domcontentloaded")
    assert page.evaluate("document.querySelector('[data-md-component=outdated]').hidden") is False
    assert errors == []
    page.context.close()
