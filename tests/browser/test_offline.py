"""The handbook works with no internet: no page or search reaches past the loopback server.

Chromium fails every request to any other host and records it; the test expects none.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def _first_page(site: Path, section: str) -> str:
    """A content page of `section` in the built site (not its index), else the section index."""
    pages = sorted(
        p.parent.relative_to(site).as_posix() + "/" for p in (site / section).glob("*/index.html")
    )
    if pages:
        return pages[0]
    assert (site / section / "index.html").exists(), f"the build has no {section}/ section"
    return f"{section}/"


@pytest.fixture
def offline_page(page):
    """A page whose requests to anything but 127.0.0.1 fail, each one recorded."""
    outside: list[str] = []

    def guard(route):
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("internetdisconnected")

    page.context.route("**/*", guard)
    page.outside = outside
    return page


@pytest.mark.parametrize("which", ["home", "guide", "checklist"])
def test_pages_make_no_outside_requests(offline_page, site_url, built_site, which):
    path = {
        "home": "",
        "guide": _first_page(built_site, "security"),
        "checklist": _first_page(built_site, "checklists"),
    }[which]
    offline_page.goto(f"{site_url}/{path}", wait_until="networkidle")
    assert offline_page.locator("article.md-content__inner h1").count() == 1
    assert offline_page.outside == []


def test_search_makes_no_outside_requests(offline_page, site_url):
    offline_page.goto(f"{site_url}/", wait_until="networkidle")
    box = offline_page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("retry", delay=30)  # typed, as a reader does
    offline_page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert re.search(
        r"\d+ matching document", offline_page.locator(".md-search-result__meta").inner_text()
    )
    offline_page.wait_for_load_state("networkidle")
    assert offline_page.outside == []
