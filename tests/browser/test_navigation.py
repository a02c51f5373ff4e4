"""The sidebar of a guide page: every section reachable, only the reader's own section expanded.

That shape is what keeps the build linear in the number of pages (about/performance.md): a page
renders its own section's pages and one link per other section, never the other sections' pages.
"""

from __future__ import annotations

from pathlib import Path

from handbook.project import Project

PROJECT = Project.from_root(Path(__file__).resolve().parents[2])


def _guide_sections() -> dict[str, list[str]]:
    """Section index URL -> page URLs of that section, read from the nav in mkdocs.yml."""
    nav = PROJECT.config["nav"]
    guides = next(item["Guides"] for item in nav if isinstance(item, dict) and "Guides" in item)

    def pages(entries: list) -> list[str]:
        out: list[str] = []
        for entry in entries:
            if isinstance(entry, str):
                out.append(entry)
            elif isinstance(entry, dict):
                value = next(iter(entry.values()))
                out.extend(pages(value) if isinstance(value, list) else [value])
        return out

    sections: dict[str, list[str]] = {}
    for section in guides:
        files = pages(next(iter(section.values())))
        urls = [PROJECT.page_url(f) for f in files]
        sections[urls[0]] = urls
    return sections


def _sidebar_links(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        ".md-sidebar--primary .md-nav--primary a.md-nav__link",
        "els => els.map(a => new URL(a.href).pathname)",
    )
    return [h.lstrip("/") for h in hrefs]


def test_guide_page_lists_every_section_and_only_its_own_pages(page, site_url):
    sections = _guide_sections()
    assert len(sections) >= 10, sections
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{site_url}/security/cors/")
    links = set(_sidebar_links(page))
    for index, urls in sections.items():
        assert index in links, f"section {index} is not reachable from the sidebar"
        if index == "security/":
            missing = [u for u in urls if u not in links]
            assert not missing, f"own section pages missing from the sidebar: {missing}"
        else:
            shown = [u for u in urls[1:] if u in links]
            assert not shown, f"section {index} is expanded on security/cors/: {shown}"


def test_section_link_opens_its_reading_list(page, site_url):
    sections = _guide_sections()
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{site_url}/security/cors/")
    before = page.locator("article h1").inner_text()
    page.locator(".md-sidebar--primary a.md-nav__link[href$='frontend/']").first.click()
    page.wait_for_url(f"{site_url}/frontend/")
    # Instant navigation changes the address before it swaps the page: wait for the new one.
    page.wait_for_function("t => document.querySelector('article h1')?.innerText !== t", arg=before)
    links = set(_sidebar_links(page))
    assert set(sections["frontend/"]) <= links
    assert "security/cors/" not in links
