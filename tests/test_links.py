"""No broken link or anchor in the published editions, `latest` included.

linkinator (root node_modules, pinned) crawls every edition through nginx with deploy/nginx.conf
and checks every page, asset and redirect it finds; other hosts are skipped (the machine has no
internet, and the handbook's canonical URLs name the public host). linkinator 6.3 does not check
fragments, so the anchors are checked here: every `#id` a page links to must exist on the target
page as nginx serves it.
"""

from __future__ import annotations

import json
import subprocess
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
LINKINATOR = ROOT / "node_modules" / ".bin" / "linkinator"


class _Anchors(HTMLParser):
    """The ids a page defines and the hrefs it links to."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if found.get(name):
                self.ids.add(found[name])
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"])


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - loopback only
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


@pytest.fixture(scope="module")
def crawl(published_site) -> dict:
    """linkinator's JSON report over every edition and `latest`."""
    assert LINKINATOR.exists(), f"{LINKINATOR} is missing: run `make install`"
    base = published_site.direct_url
    # Not "/": nginx redirects it to latest/, and linkinator 6.3 resolves the links of a
    # redirected page against the address it asked for (test_root_leads_to_latest checks "/").
    starts = [f"{base}/{e}/" for e in [*published_site.editions, "latest"]]
    own = base.replace(".", r"\.")
    done = subprocess.run(
        [
            str(LINKINATOR),
            *starts,
            "--recurse",
            "--format",
            "JSON",
            "--concurrency",
            "8",
            "--timeout",
            "20000",
            "--skip",
            f"^(?!{own}/)",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.stdout.strip(), f"linkinator printed nothing:\n{done.stderr}"
    return json.loads(done.stdout)


def test_no_broken_link_in_any_edition(crawl, published_site):
    links = crawl["links"]
    checked = [link for link in links if link["state"] != "SKIPPED"]
    assert len(checked) > 300, f"linkinator checked only {len(checked)} links"
    pages = {link["url"] for link in checked if link["url"].endswith("/")}
    for edition in [*published_site.editions, "latest"]:
        assert f"{published_site.direct_url}/{edition}/" in pages, f"{edition} was not crawled"
    broken = [
        f"  {link['parent']} -> {link['url']} ({link['status']})"
        for link in links
        if link["state"] == "BROKEN"
    ]
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:50])


def test_no_broken_anchor_in_any_edition(crawl, published_site):
    base = published_site.direct_url
    pages = sorted(
        {
            link["url"]
            for link in crawl["links"]
            if link["state"] == "OK"
            and link["url"].startswith(base)
            and (link["url"].endswith("/") or link["url"].endswith(".html"))
        }
    )
    parsed: dict[str, _Anchors] = {}

    def anchors(url: str) -> _Anchors:
        if url not in parsed:
            _, body = _fetch(url)
            parsed[url] = _Anchors()
            parsed[url].feed(body)
        return parsed[url]

    broken = []
    for page in pages:
        for href in anchors(page).hrefs:
            target = urljoin(page, href)
            parts = urlsplit(target)
            if not parts.fragment or not target.startswith(base):
                continue
            where = target.split("#", 1)[0]
            fragment = unquote(parts.fragment)
            if fragment not in anchors(where).ids:
                broken.append(f"  {page} -> {href}")
    assert len(parsed) > 100, f"only {len(parsed)} pages were read"
    assert not broken, f"{len(broken)} links to missing anchors:\n" + "\n".join(broken[:50])


def test_root_leads_to_latest(published_site):
    with urllib.request.urlopen(published_site.direct_url + "/", timeout=20) as response:  # noqa: S310
        assert response.status == 200
        assert urlsplit(response.url).path == "/latest/"
