"""Search on the published site: each edition answers from its own index, through nginx, and the
404 page searches the edition that serves it."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _first_result(page) -> str:
    page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
    href = page.locator(".md-search-result__item a").first.get_attribute("href")
    return urlsplit(page.evaluate("(h) => new URL(h, location.href).href", href)).path


@pytest.mark.parametrize("edition", ["latest", "2026.01", "2026.02"])
def test_each_edition_searches_its_own_index(published_site, published_page, edition):
    assert (published_site.site_dir / edition / "pagefind" / "pagefind.js").is_file()
    fetched: list[str] = []
    published_page.on("request", lambda r: fetched.append(urlsplit(r.url).path))
    published_page.goto(published_site.url("?q=allow_origins", edition=edition))
    assert _first_result(published_page) == f"/{edition}/security/cors/"
    index = [p for p in fetched if "/pagefind/" in p]
    assert index and all(p.startswith(f"/{edition}/pagefind/") for p in index), index


def test_russian_word_forms_on_an_edition(published_site, published_page):
    published_page.goto(published_site.url("?q=надежность"))
    assert _first_result(published_page) == "/latest/case-studies/bizcard/roadmap-ru/"


def test_the_404_page_searches(published_site, published_page):
    page = published_page
    response = page.goto(published_site.url("security/no-such-page/"))
    assert response.status == 404
    page.locator("input.md-search__input").click()
    page.keyboard.insert_text("get_db")  # pasted
    path = _first_result(page)
    assert path.endswith("/backend/fastapi/"), path
    assert page.goto(path if path.startswith("http") else published_site.base_url + path).ok
