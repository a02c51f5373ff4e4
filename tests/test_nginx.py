"""deploy/nginx.conf under Debian's nginx, serving a mike branch published in a throwaway repo.

The server block is used as shipped; only `listen` and `root` are rendered for the test, and
nginx runs in the foreground on a free loopback port.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from handbook import versions
from mike_fixture import export_branch, init_repo, write_fixture

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(NGINX).exists(), reason="Debian nginx is not installed"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def render_config(work: Path, root: Path, port: int) -> Path:
    """A main nginx.conf around deploy/nginx.conf with its `listen` and `root` rendered."""
    server = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    server, listens = re.subn(
        r"^(\s*)listen\s+80;", rf"\1listen 127.0.0.1:{port};", server, flags=re.M
    )
    server, roots = re.subn(r"^(\s*)root\s+\S+;", rf"\1root {root};", server, flags=re.M)
    assert listens == 1 and roots == 1, "deploy/nginx.conf must have one `listen 80;` and `root`"
    (work / "server.conf").write_text(server, encoding="utf-8")
    # As root, workers would drop to `nobody`, who cannot read pytest's private temp dirs.
    user = "user root;" if os.geteuid() == 0 else ""
    main = f"""
{user}
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/server.conf;
}}
"""
    conf = work / "nginx.conf"
    conf.write_text(main, encoding="utf-8")
    return conf


@pytest.fixture(scope="module")
def nginx_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Two editions published with mike, served by nginx with the shipped server block."""
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
    work = tmp_path_factory.mktemp("nginx-run")
    port = _free_port()
    conf = render_config(work, root, port)
    test = subprocess.run(
        [NGINX, "-t", "-p", str(work), "-e", str(work / "error.log"), "-c", str(conf)],
        capture_output=True,
        text=True,
    )
    assert test.returncode == 0, test.stderr
    proc = subprocess.Popen(
        [
            NGINX,
            "-p",
            str(work),
            "-e",
            str(work / "error.log"),
            "-c",
            str(conf),
            "-g",
            "daemon off;",
        ],
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail(f"nginx did not listen: {proc.stderr.read().decode()}")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


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
    assert headers["location"].endswith("/latest/")


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
    status, headers, body = fetch(nginx_url + "/latest/search/search_index.json", gzip_ok=True)
    assert status == 200
    assert headers.get("content-encoding") == "gzip"
    assert gzip.decompress(body).startswith(b"{")


def test_missing_page_gets_the_handbook_404(nginx_url):
    status, headers, body = fetch(nginx_url + "/latest/no/such/page/")
    assert status == 404
    assert b"data-hb-404-latest" in body  # the handbook's 404 page, not nginx's
    assert headers["cache-control"] == "no-cache"
