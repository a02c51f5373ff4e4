"""A reader of a dead link lands on the handbook's 404 page, which sends them to search."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest


def test_dead_link_offers_a_search_for_its_last_path_segment(page, site_url, built_site: Path):
    body = (built_site / "404.html").read_text(encoding="utf-8")
    dead = f"{site_url}/security/cors-allow-old/"
    # The loopback test server has no 404 page of its own: answer the dead address the way
    # deploy/nginx.conf does, with the handbook's 404.html and status 404.
    page.route(dead, lambda route: route.fulfill(status=404, body=body, content_type="text/html"))
    page.goto(dead)
    link = page.locator("[data-hb-404-search]")
    assert link.text_content() == "search for \u201ccors allow old\u201d"
    href = link.get_attribute("href")
    assert href.endswith("?q=cors%20allow%20old"), href
    link.click()
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    assert page.input_value("[data-md-component=search-query]") == "cors allow old"
    first = page.locator(".md-search-result__item a").first.get_attribute("href")
    assert "security/cors" in first, first


def test_tampered_dead_address_is_shown_as_text_only(page, site_url, built_site: Path):
    body = (built_site / "404.html").read_text(encoding="utf-8")
    dead = f"{site_url}/%3Cimg%20src=x%20onerror=alert(1)%3E/"
    page.route(dead, lambda route: route.fulfill(status=404, body=body, content_type="text/html"))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(dead)
    assert page.locator("article img").count() == 0
    assert "<img" in page.locator("[data-hb-404-search]").text_content()
    assert dialogs == []


# --- Where the handbook is published: each edition behind nginx (tests/published.py) ----------


@pytest.mark.slow
@pytest.mark.parametrize("edition", ["2026.01", "2026.02", "latest"])
def test_published_404_searches_and_names_the_edition_of_the_dead_address(
    published_site, published_page, edition
):
    page = published_page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    indexes: list[str] = []
    page.on(
        "request",
        lambda r: (
            indexes.append(urlsplit(r.url).path) if r.url.endswith("search_index.json") else None
        ),
    )
    named = published_site.latest if edition == "latest" else edition

    response = page.goto(published_site.url("security/cors-allow-old/", edition))
    assert response.status == 404
    home = page.locator("[data-hb-404-home]")
    assert home.evaluate("a => new URL(a.href).pathname") in (f"/{named}/", f"/{edition}/")
    assert named in home.inner_text() or edition in home.inner_text()

    # Search initialises on this edition's index.
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "!document.querySelector('.md-search-result__meta').textContent.includes('Initializing')",
        timeout=30_000,
    )
    assert indexes and all(p.startswith(f"/{named}/") for p in indexes), indexes
    assert "Initializing" not in meta.text_content()
    page.locator("[data-hb-404-search]").click()
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    first = page.locator(".md-search-result__item a").first.evaluate("a => a.href")
    assert f"/{named}/security/cors/" in first or f"/{edition}/security/cors/" in first, first
    assert errors == []


@pytest.mark.slow
def test_published_404_for_an_address_outside_any_edition(published_site, published_page):
    page = published_page
    response = page.goto(published_site.base_url + "/no-such-edition/page/")
    assert response.status == 404
    assert page.locator("[data-hb-404-latest]").count() == 1
    assert published_site.latest in page.locator("[data-hb-404-home]").inner_text()
