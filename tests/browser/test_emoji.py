"""Emoji are inline Twemoji pictures: drawn without an emoji font, loaded from nowhere.

On a machine without an emoji font a raw ✅ is an empty box, so a page shows no raw emoji outside
code: each is an `<svg>` inside Material's `.twemoji` span, written into the page itself. Chromium
records every request; any to a host other than the loopback server fails the test. What counts
as an emoji is Chromium's own Unicode data (`\\p{Emoji_Presentation}`, or a pictograph followed by
U+FE0F), not a list of ours.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "case-studies/bizcard/roadmap-en/": "docs/case-studies/bizcard/roadmap-en.md",
    "case-studies/bizcard/roadmap-ru/": "docs/case-studies/bizcard/roadmap-ru.md",
    "about/sources/": "docs/about/generated/sources.md",
}

# Runs in the page: the raw emoji outside code, and the pictures (see the file).
PROBE = (Path(__file__).parent / "emoji-probe.js").read_text(encoding="utf-8").strip().rstrip(";")


@pytest.mark.parametrize("path", list(PAGES))
def test_emoji_are_inline_pictures_and_nothing_leaves_the_machine(page, site_url, path):
    requested: list[str] = []

    def guard(route):
        url = route.request.url
        requested.append(url)
        if urlsplit(url).hostname in ("127.0.0.1", "localhost") or url.startswith("data:"):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    page.context.route("**/*", guard)
    page.goto(f"{site_url}/{path}", wait_until="networkidle")
    article = page.locator("article.md-content__inner")

    found = article.evaluate(PROBE)
    assert found["raw"] == [], "raw emoji outside code: empty boxes without a font"
    pictures = found["pictures"]
    # One picture per shortcode in the page's Markdown, each an inline SVG that takes up room.
    source = (ROOT / PAGES[path]).read_text(encoding="utf-8")
    assert len(pictures) == source.count(":twemoji-") > 0
    assert all(p["svg"] and not p["img"] and p["width"] > 0 for p in pictures), pictures[:3]
    outside = [u for u in requested if urlsplit(u).hostname not in ("127.0.0.1", "localhost")]
    assert outside == [], outside


def test_words_beside_an_emoji_are_found_by_search(page, site_url):
    """`🎯 **Operational Excellence**` on the roadmap: the words still lead to it."""
    page.goto(f"{site_url}/", wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Operational Excellence", delay=30)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    hrefs = results.evaluate_all("links => links.map((a) => a.href)")
    assert any("/case-studies/bizcard/roadmap-en/" in h for h in hrefs), hrefs
