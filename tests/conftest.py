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
