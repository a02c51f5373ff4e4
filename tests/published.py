"""The handbook as readers get it: two editions published with mike, served by nginx, in Chromium.

Shape (session fixtures registered in tests/conftest.py; browser tests ask for them by name):

    published_site -> PublishedSite
        .base_url     "http://handbook.test" (no trailing slash; not a secure context)
        .host         "handbook.test"
        .port         the loopback port nginx listens on (127.0.0.1)
        .direct_url   "http://127.0.0.1:<port>": the same server without the host name (a secure
                      context, e.g. to read the clipboard back in a test)
        .editions     ["2026.01", "2026.02"], oldest first; `latest` is an alias of the last
        .latest       "2026.02"
        .site_dir     Path: the mike branch exported as nginx serves it (read only: a cache)
        .publish_seconds  what publishing both editions cost, 0.0 when the cache was reused
        .url(path="", edition="latest") -> "http://handbook.test/<edition>/<path>"
        .new_context(**kwargs) -> a Playwright BrowserContext of the mapped Chromium
        .new_page(**kwargs)    -> a Page in a new context (closed at the end of the session)
    published_browser -> the Chromium (Playwright Browser) that maps handbook.test to nginx
    published_page    -> a fresh context and page per test, closed after it

How it is made, once per session:
1. The working tree of this repository (tracked and new files, what `git ls-files -co
   --exclude-standard` lists) is copied into a throwaway git repository.
2. `handbook versions publish 2026.01` then `2026.02` run there, the command `make publish
   VERSION=...` runs, with the mike branch `gh-pages` of that throwaway repository.
3. The branch is exported with `git archive` (mike's `latest` symlink kept) and served by Debian
   nginx with deploy/nginx.conf, only `listen` and `root` rendered (`handbook.project`).
4. Chromium is launched with `--host-resolver-rules=MAP handbook.test:80 127.0.0.1:<port>`.

Publishing builds the handbook three times (mike builds each edition; the second publish also
builds once to check that no page of the first disappeared): 20 s on an idle 2-core machine,
84 s measured while other jobs shared its cores. The exported branch is cached in
.cache/published/<hash of the copied files>/, so a second session on unchanged sources starts
nginx at once; HB_PUBLISHED_CACHE=0 publishes afresh.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from handbook import project
from handbook.project import Nginx

ROOT = Path(__file__).resolve().parents[1]
HOST = "handbook.test"
EDITIONS = ["2026.01", "2026.02"]
ALIAS = "latest"
BRANCH = "gh-pages"
CACHE = ROOT / ".cache" / "published"


# --- nginx with the shipped server block --------------------------------------------------------


def start_nginx(root: Path, work: Path) -> Nginx:
    """Debian nginx serving `root` with deploy/nginx.conf (handbook.project.start_nginx)."""
    return project.start_nginx(ROOT / project.SERVER_BLOCK, root, work)


# --- two editions of the real handbook ----------------------------------------------------------


def source_files() -> list[str]:
    """The working tree as a clone with these changes would have it (tracked and new files)."""
    listed = (
        subprocess.run(
            ["git", "-C", str(ROOT), "ls-files", "-z", "-co", "--exclude-standard"],
            check=True,
            capture_output=True,
        )
        .stdout.decode()
        .split("\0")
    )
    return sorted(p for p in listed if p and (ROOT / p).is_file())


# Files that do not change what mike publishes: editing them keeps the cached editions.
NOT_PUBLISHED = ("tests/", "deploy/", "bench/", ".github/", ".ci/")


def sources_key(files: list[str]) -> str:
    digest = hashlib.sha256()
    for rel in files:
        if rel.startswith(NOT_PUBLISHED):
            continue
        digest.update(rel.encode() + b"\0" + (ROOT / rel).read_bytes() + b"\0")
    digest.update(" ".join(EDITIONS).encode())
    return digest.hexdigest()[:16]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def publish_editions(files: list[str], dest: Path) -> None:
    """Copy the sources into a throwaway repository, publish each edition, export the branch."""
    with tempfile.TemporaryDirectory(prefix="hb-published-") as tmp:
        repo = Path(tmp) / "handbook"
        for rel in files:
            target = repo / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, target)
        _git(repo, "init", "-q", "-b", "main")
        _git(repo, "config", "user.email", "editions@example.org")
        _git(repo, "config", "user.name", "Editions")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", "Handbook sources")
        handbook = Path(sys.executable).parent / "handbook"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
        for edition in EDITIONS:
            # What `make publish VERSION=<edition> PAGES_BRANCH=gh-pages` runs.
            done = subprocess.run(
                [str(handbook), "versions", "publish", edition, "--branch", BRANCH],
                cwd=repo,
                env=env,
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                raise RuntimeError(f"publishing {edition} failed:\n{done.stdout}\n{done.stderr}")
        archive = subprocess.run(
            ["git", "-C", str(repo), "archive", BRANCH], check=True, capture_output=True
        ).stdout
        dest.mkdir(parents=True)
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)


def published_tree() -> tuple[Path, float]:
    """The exported mike branch for the current sources, from the cache or published now."""
    files = source_files()
    key = sources_key(files)
    CACHE.mkdir(parents=True, exist_ok=True)
    site = CACHE / key
    with open(CACHE / ".lock", "w") as lock:  # parallel workers publish once
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.environ.get("HB_PUBLISHED_CACHE", "1") == "1" and (site / "versions.json").exists():
            return site, 0.0
        for old in CACHE.iterdir():  # keep one tree: the cache is not an archive
            if old.is_dir():
                shutil.rmtree(old)
        start = time.monotonic()
        partial = CACHE / f"{key}.partial"
        publish_editions(files, partial)
        partial.rename(site)
        seconds = time.monotonic() - start
        print(f"published editions {', '.join(EDITIONS)} in {seconds:.1f} s", file=sys.stderr)
        return site, seconds


# --- the site and the browser -------------------------------------------------------------------


@dataclass
class PublishedSite:
    site_dir: Path
    port: int
    publish_seconds: float
    playwright: object = None  # the session's Playwright; Chromium starts on first use
    editions: list[str] = field(default_factory=lambda: list(EDITIONS))
    host: str = HOST
    _browser: object = None
    _contexts: list = field(default_factory=list)

    @property
    def browser(self):
        """Debian Chromium with handbook.test mapped to nginx, launched when first needed."""
        if self._browser is None:
            from handbook.project import CHROMIUM, CHROMIUM_ARGS

            self._browser = self.playwright.chromium.launch(
                executable_path=CHROMIUM,
                headless=True,
                args=[*CHROMIUM_ARGS, host_resolver_rule(self.port)],
            )
        return self._browser

    @property
    def base_url(self) -> str:
        return f"http://{self.host}"

    @property
    def direct_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def latest(self) -> str:
        return self.editions[-1]

    def url(self, path: str = "", edition: str = ALIAS) -> str:
        return f"{self.base_url}/{edition}/{path.lstrip('/')}"

    def new_context(self, **kwargs: object):
        context = self.browser.new_context(**kwargs)
        self._contexts.append(context)
        return context

    def new_page(self, **kwargs: object):
        return self.new_context(**kwargs).new_page()

    def close(self) -> None:
        for context in self._contexts:
            try:
                context.close()
            except Exception:  # noqa: BLE001, S110 - already closed by its test
                pass
        if self._browser is not None:
            self._browser.close()


def host_resolver_rule(port: int) -> str:
    """Chromium's rule: handbook.test on port 80 is answered by nginx on loopback."""
    return f"--host-resolver-rules=MAP {HOST}:80 127.0.0.1:{port}"
