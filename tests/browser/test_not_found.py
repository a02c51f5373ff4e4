"""A reader of a dead link lands on the handbook's 404 page, which sends them to search."""

from __future__ import annotations

from pathlib import Path


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
