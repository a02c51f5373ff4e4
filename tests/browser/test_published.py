"""The published-layout fixture itself: the editions reached through nginx as http://handbook.test/."""

from __future__ import annotations

import json

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_root_latest_and_an_older_edition_load_through_nginx(published_site, published_page):
    page = published_page
    response = page.goto(published_site.base_url + "/")
    assert response.ok
    assert page.url == published_site.url()  # nginx sends / to /latest/
    assert page.evaluate("location.host") == "handbook.test"
    assert page.evaluate("window.isSecureContext") is False
    assert page.evaluate("typeof navigator.clipboard") == "undefined"

    for edition, current in (
        (published_site.latest, False),
        ("latest", True),
        (published_site.editions[0], False),
    ):
        response = page.goto(published_site.url(edition=edition))
        assert response.status == 200, edition
        assert page.title().startswith("Engineering Handbook"), edition
        page.wait_for_selector(".md-version__current", timeout=10_000)
        assert (
            page.locator(".md-version__current")
            .inner_text()
            .startswith(published_site.latest if edition == "latest" else edition)
        )
        outdated = page.locator("[data-md-component=outdated]")
        if edition == published_site.editions[0]:
            outdated.wait_for(state="visible", timeout=10_000)
        elif current:
            assert outdated.is_hidden()


def test_versions_json_lists_both_editions_and_latest(published_site):
    data = json.loads((published_site.site_dir / "versions.json").read_text())
    assert {e["version"]: e["aliases"] for e in data} == {
        published_site.editions[1]: ["latest"],
        published_site.editions[0]: [],
    }
    assert (published_site.site_dir / "latest").is_symlink()
