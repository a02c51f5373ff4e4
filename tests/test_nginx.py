"""deploy/nginx.conf under Debian's nginx, serving a mike branch published in a throwaway repo.

The server block is used as shipped; only `listen` and `root` are rendered for the test
(tests/published.py, shared with the published-layout fixture), and nginx runs in the foreground
on a free loopback port.
"""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from handbook import versions
from handbook.project import NGINX
from mike_fixture import export_branch, init_repo, write_fixture
from published import start_nginx

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(NGINX).exists(), reason="Debian nginx is not installed"),
]


@pytest.fixture(scope="module")
def nginx_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Two editions of a small handbook published with mike, served with the shipped block."""
    repo = init_repo(tmp_path_factory.mktemp("nginx-editions"))
    config = write_fixture(repo, {"index.md": "Home", "guide/stays.md": "Stays"}, {})
    versions.publish(
        repo=repo,
        config_file=config,
        version="2026.10",
        branch="gh-pages",
        alias="latest",
        title=None,
    )
    versions.publish(
        repo=repo,
        config_file=config,
        version="2026.11",
        branch="gh-pages",
        alias="latest",
        title=None,
    )
    root = export_branch(repo, "gh-pages", tmp_path_factory.mktemp("nginx-root"))
    nginx = start_nginx(root, tmp_path_factory.mktemp("nginx-run"))
    yield nginx.url
    nginx.stop()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003 - stdlib signature
        return None


def fetch(url: str, *, gzip_ok: bool = False) -> tuple[int, dict[str, str], bytes]:
    """One GET without following redirects; headers lower-cased."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with opener.open(request, timeout=10) as response:
            headers = {k.lower(): v for k, v in response.headers.items()}
            return response.status, headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def test_root_redirects_to_latest(nginx_url):
    status, headers, _ = fetch(nginx_url + "/")
    assert status == 302
    # No host or port in it: the reader's browser keeps the address it used (a proxy, a port
    # mapping, a TLS terminator in front of nginx).
    assert headers["location"] == "/latest/"


def test_latest_and_old_edition_are_served_short_cached(nginx_url):
    for path in ("/latest/", "/latest/guide/stays/", "/2026.10/guide/stays/"):
        status, headers, body = fetch(nginx_url + path)
        assert status == 200, path
        assert b"Stays" in body or b"Home" in body
        assert headers["cache-control"] == "public, max-age=300"


def test_hashed_assets_are_cached_for_a_year(nginx_url):
    _, _, body = fetch(nginx_url + "/latest/")
    assets = re.findall(rb'(?:href|src)="([^"]*assets/[^"]+\.[0-9a-f]{8}\.min\.(?:js|css))"', body)
    assert assets, "the page links no hashed assets"
    for asset in assets:
        url = nginx_url + "/latest/" + asset.decode().lstrip("./")
        status, headers, _ = fetch(url)
        assert status == 200, url
        assert headers["cache-control"] == "public, max-age=31536000, immutable"


def test_versions_json_is_not_cached(nginx_url):
    status, headers, body = fetch(nginx_url + "/versions.json")
    assert status == 200
    assert headers["cache-control"] == "no-cache"
    assert b'"2026.11"' in body and b'"latest"' in body


def test_text_is_gzipped(nginx_url):
    # The page index Material's own search would read (search_index.json is a stub of a few
    # hundred bytes since the handbook searches a Pagefind index: below nginx's gzip_min_length).
    status, headers, body = fetch(nginx_url + "/latest/search/lunr_index.json", gzip_ok=True)
    assert status == 200
    assert headers.get("content-encoding") == "gzip"
    assert gzip.decompress(body).startswith(b"{")


def test_missing_page_gets_the_handbook_404(nginx_url):
    status, headers, body = fetch(nginx_url + "/latest/no/such/page/")
    assert status == 404
    assert b"data-hb-404-latest" in body  # the handbook's 404 page, not nginx's
    assert headers["cache-control"] == "no-cache"


def test_missing_page_of_an_old_edition_gets_that_editions_404(nginx_url):
    status, headers, body = fetch(nginx_url + "/2026.10/no/such/page/")
    assert status == 404
    assert b'"base": "/2026.10/"' in body  # the 404 page of 2026.10, its search in 2026.10
    assert headers["cache-control"] == "no-cache"
    status, _, body = fetch(nginx_url + "/no-edition-here/page/")
    assert status == 404 and b'"base": "/2026.11/"' in body  # latest's
    assert fetch(nginx_url + "/2026.10/404.html")[0] == 404  # served only as an error page


def test_a_root_without_a_404_page_answers_404_not_500(tmp_path: Path):
    """Before the first publish, or with `latest` missing, no 404 page exists: the error page
    named itself again until nginx gave up with 500 (seen by the search benchmark's root)."""
    root = tmp_path / "root"
    (root / "2026.12").mkdir(parents=True)
    (root / "2026.12" / "index.html").write_text("<p>edition</p>", encoding="utf-8")
    (tmp_path / "run").mkdir()
    nginx = start_nginx(root, tmp_path / "run")
    try:
        for path in ("/versions.json", "/2026.12/gone/", "/nothing"):
            assert fetch(nginx.url + path)[0] == 404, path
        assert fetch(nginx.url + "/2026.12/")[0] == 200
    finally:
        nginx.stop()
