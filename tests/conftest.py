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
        out = site
    else:
        out = project.build(tmp_path_factory.mktemp("site"))
    # The site as published has its search index (`make build`, `make test` write it too).
    if not (out / "pagefind").is_dir():
        from handbook import search

        search.index_site(out)
    return out


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
def playwright_session() -> Iterator[object]:
    """One Playwright per session: its sync API cannot run twice at once in a thread."""
    playwright_sync = pytest.importorskip("playwright.sync_api")
    with playwright_sync.sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_session) -> Iterator[object]:
    """Debian Chromium driven by Playwright (no downloaded browsers)."""
    b = playwright_session.chromium.launch(
        executable_path=core.CHROMIUM, headless=True, args=core.CHROMIUM_ARGS
    )
    yield b
    b.close()


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
def published_site(playwright_session, tmp_path_factory: pytest.TempPathFactory):
    """Two editions of the handbook published with mike, served by nginx; see tests/published.py."""
    import published

    if not Path(core.NGINX).exists():
        pytest.skip("Debian nginx is not installed")
    site_dir, seconds = published.published_tree()
    nginx = published.start_nginx(site_dir, tmp_path_factory.mktemp("published-nginx"))
    site = published.PublishedSite(site_dir, nginx.port, seconds, playwright_session)
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
