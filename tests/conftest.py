"""Shared fixtures: the built site, a loopback server over it, Debian Chromium via Playwright."""

from __future__ import annotations

import http.server
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from handbook import project as core
from handbook.project import Project

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def project() -> Project:
    """The handbook checkout under test."""
    return Project.from_root(ROOT)


@pytest.fixture(scope="session")
def built_site(project: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The strict build of the handbook: `site/` when `make test` built it, else a fresh build."""
    site = project.site_dir
    if os.environ.get("HB_REUSE_SITE", "1") == "1" and (site / "index.html").exists():
        return site
    return project.build(tmp_path_factory.mktemp("site"))


def serve_directory(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `directory` on an ephemeral loopback port; returns the server and its base URL."""
    return core.start_server(directory)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL (no trailing slash) of the built site served on loopback."""
    server, url = serve_directory(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian Chromium driven by Playwright (no downloaded browsers)."""
    pytest.importorskip("playwright.sync_api")
    with core.chromium() as b:
        yield b


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser context and page per test: empty localStorage, clipboard allowed."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where tests leave files for a human to look at (screenshots, reports)."""
    path = ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


# --- The published layout: two editions, nginx, Chromium on http://handbook.test (published.py) ---


@pytest.fixture(scope="session")
def published_site(browser, tmp_path_factory: pytest.TempPathFactory):
    """Two editions of the handbook published with mike, served by nginx; see tests/published.py."""
    import published

    if not Path(published.NGINX).exists():
        pytest.skip("Debian nginx is not installed")
    site_dir, seconds = published.published_tree()
    nginx = published.start_nginx(site_dir, tmp_path_factory.mktemp("published-nginx"))
    # Its Chromium comes from the session's Playwright: two cannot run at once in a thread.
    site = published.PublishedSite(site_dir, nginx.port, seconds, browser.browser_type)
    yield site
    site.close()
    nginx.stop()


@pytest.fixture(scope="session")
def published_browser(published_site):
    """Chromium that reaches the published site as http://handbook.test/."""
    return published_site.browser


@pytest.fixture
def published_page(published_site) -> Iterator[object]:
    """A fresh context and page on the published site per test."""
    context = published_site.new_context()
    yield context.new_page()
    context.close()
