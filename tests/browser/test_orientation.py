"""What a reader of a docs site expects to find: where they are, what a tag gathers, where the
sources live, and in which language a page speaks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

pytestmark = pytest.mark.browser


def _config() -> dict:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.UnsafeLoader)  # noqa: S506 - our own file with !!python tags


def test_guide_page_shows_breadcrumbs(page, site_url):
    page.goto(f"{site_url}/security/cors/")
    crumbs = page.locator("nav.md-path .md-path__link").all_inner_texts()
    assert crumbs[:2] == ["Home", "Guides"], crumbs
    assert "Security" in crumbs


def test_tags_lead_to_the_tags_index(page, site_url, built_site: Path):
    page.goto(f"{site_url}/case-studies/bizcard/roadmap-ru/")
    tag = page.locator("article .md-tags a.md-tag").first
    href = tag.get_attribute("href")
    assert href, "tags are not links"
    tag.click()
    # Instant navigation: the address changes first, the new content mounts after it.
    page.wait_for_url(re.compile(r"/tags/"))
    heading = "() => document.querySelector('article h1')?.textContent.trim().replace(/¶$/, '')"
    page.wait_for_function(f"({heading})() === 'Tags'")
    assert page.locator("article a[href*='roadmap-ru']").count() >= 1


def test_no_placeholder_repository(page, site_url, built_site: Path):
    config = _config()
    repo = config.get("repo_url")
    assert not repo or "example" not in repo, f"placeholder repo_url: {repo}"
    page.goto(f"{site_url}/security/cors/")
    sources = page.locator("a.md-source").count()
    edits = page.locator("a[rel=edit]").count()
    if repo:
        assert sources >= 1 and edits == 1
    else:
        assert sources == 0 and edits == 0, "repository links shown with no repo_url"
    assert "github.com/example" not in (built_site / "index.html").read_text(encoding="utf-8")


def test_russian_roadmap_content_is_marked_russian(page, site_url):
    page.goto(f"{site_url}/case-studies/bizcard/roadmap-ru/")
    assert page.evaluate("document.querySelector('article h2').closest('[lang]').lang") == "ru"
    page.goto(f"{site_url}/case-studies/bizcard/roadmap-en/")
    assert page.evaluate("document.querySelector('article h2').closest('[lang]').lang") == "en"


def test_page_shows_its_last_update_date(page, site_url):
    page.goto(f"{site_url}/security/cors/")
    date = page.locator(".md-source-file .git-revision-date-localized-plugin-date")
    assert date.count() == 1, "no last-updated date on the page"
    assert re.search(r"\b20\d\d\b", date.inner_text()), date.inner_text()
