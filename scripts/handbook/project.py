"""The project core: where the handbook lives and how its pages, builds and browser are reached.

Every job receives a `Project` instead of computing paths at import time. What MkDocs already
knows comes from MkDocs: the configuration from `load_config` (so `docs_dir`, `site_dir`,
`site_url`, `use_directory_urls` and the excluded files are exactly the build's), and a page's
URL and output file from `File.url` / `File.dest_uri`. The loopback server, nginx with the shipped
deploy/nginx.conf and the Chromium launch live here too, so the tools and the tests see the
browser and the site the same way.
"""

from __future__ import annotations

import functools
import http.server
import logging
import os
import posixpath
import re
import shutil
import socket
import string
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from playwright.sync_api import Browser

CONFIG_NAME = "mkdocs.yml"
# Data fragments written by `handbook generate`: included by pages, never pages themselves
# (mkdocs.yml's `exclude_docs`).
GENERATED = "docs/about/generated"
# The alias every edition is published under; absolute links in PR templates point into it.
DEFAULT_ALIAS = "latest"
# MkDocs 1.6 and Material print a notice about MkDocs 2 on every run; it is noise in every tool.
QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}

CHROMIUM = "/usr/bin/chromium"
# Keep Chromium from reaching for Google's hosts on a machine with no network.
CHROMIUM_ARGS = (
    "--no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking"
    " --disable-component-update --disable-sync".split()
)


class ProjectError(Exception):
    """A project that cannot be used as it is; the message names the file (and line)."""


def tool_env() -> dict[str, str]:
    """The environment for mkdocs, mike and zensical: this interpreter's bin first on PATH."""
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, **QUIET_ENV, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}


def version_of(argv: list[str]) -> str | None:
    """The first line a program prints for `argv` (`tool --version`); None when it cannot run."""
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)  # noqa: S603
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (out.stdout or out.stderr).strip()
    return text.splitlines()[0] if text else None


@dataclass(frozen=True)
class Project:
    """One handbook checkout: its root and its MkDocs configuration file."""

    root: Path
    config_file: Path

    @classmethod
    def from_root(cls, root: Path | str, config_file: Path | str | None = None) -> Project:
        """The project at `root` (its `mkdocs.yml`, or `config_file` relative to it)."""
        base = Path(root).resolve()
        config = base / (config_file or CONFIG_NAME)
        if not config.is_file():
            raise ProjectError(f"{config}: no MkDocs configuration here")
        return cls(base, config.resolve())

    @classmethod
    def discover(cls, start: Path | str | None = None) -> Project:
        """The project around `start` (default: the working directory), found by its mkdocs.yml.

        `$HANDBOOK_ROOT` wins when set, so a job can be run from anywhere.
        """
        if os.environ.get("HANDBOOK_ROOT"):
            return cls.from_root(os.environ["HANDBOOK_ROOT"])
        here = Path(start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / CONFIG_NAME).is_file():
                return cls.from_root(folder)
        raise ProjectError(f"{here}: no {CONFIG_NAME} here or above; run inside the handbook")

    # --- configuration --------------------------------------------------------------------------

    @functools.cached_property
    def config(self) -> MkDocsConfig:
        """The validated MkDocs configuration, exactly as `mkdocs build` reads it."""
        os.environ.update(QUIET_ENV)
        from mkdocs.config import load_config
        from mkdocs.exceptions import Abort, ConfigurationError

        # MkDocs logs what is wrong and then aborts; keep its words for the error.
        errors: list[str] = []
        handler = logging.Handler(logging.ERROR)
        handler.emit = lambda record: errors.append(record.getMessage())  # type: ignore[method-assign]
        logging.getLogger("mkdocs").addHandler(handler)
        try:
            return load_config(config_file=str(self.config_file))
        except (Abort, ConfigurationError) as exc:
            raise ProjectError(f"{self.config_file}: {'; '.join(errors) or exc}") from exc
        finally:
            logging.getLogger("mkdocs").removeHandler(handler)

    @property
    def docs_dir(self) -> Path:
        return Path(self.config.docs_dir)

    @property
    def site_dir(self) -> Path:
        return Path(self.config.site_dir)

    @property
    def site_url(self) -> str:
        """`site_url` with a final slash; absolute links need it."""
        url = self.config.site_url or ""
        if not url:
            raise ProjectError(f"{self.config_file}: site_url is required for absolute links")
        return url if url.endswith("/") else url + "/"

    def path(self, *parts: str) -> Path:
        """A path inside the project."""
        return self.root.joinpath(*parts)

    def rel(self, path: Path) -> str:
        """A path as messages show it: relative to the root when inside the project."""
        path = Path(path).resolve()
        return (
            path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)
        )

    # --- pages and URLs -------------------------------------------------------------------------

    def file(self, page: str) -> Any:
        """MkDocs' `File` for a page under docs/ (e.g. "security/cors.md")."""
        from mkdocs.structure.files import File

        return File(page, str(self.docs_dir), str(self.site_dir), self.config.use_directory_urls)

    def page_url(self, page: str) -> str:
        """A page's URL relative to the site root, as MkDocs writes it ("security/cors/";
        the home page is "")."""
        url = str(self.file(page).url)
        return "" if url == "./" else url

    def page_html(self, site: Path, page: str) -> Path:
        """Where a page lands in a site built into `site`."""
        return Path(site) / str(self.file(page).dest_uri)

    def absolute_url(self, page: str, anchor: str = "", alias: str = DEFAULT_ALIAS) -> str:
        """A page's address in the published edition `alias` (site_url/alias/url#anchor)."""
        return f"{self.site_url}{alias}/{self.page_url(page)}" + (f"#{anchor}" if anchor else "")

    @staticmethod
    def is_external(href: str) -> bool:
        """A link with a scheme (https:, mailto:): not a page of the handbook."""
        return re.match(r"^[a-z][a-z0-9+.-]*:", href) is not None

    def resolve_link(self, source: str, href: str) -> tuple[str, str]:
        """A relative Markdown link of page `source` -> (target page under docs/, anchor)."""
        path, _, anchor = href.partition("#")
        if not path:
            return source, anchor
        return posixpath.normpath(posixpath.join(posixpath.dirname(source), path)), anchor

    def pages(self) -> dict[str, str]:
        """Every Markdown page the build renders, URL -> page (excluded files left out)."""
        from mkdocs.structure.files import get_files

        return {
            self.page_url(f.src_uri): f.src_uri
            for f in get_files(self.config)
            if f.is_documentation_page() and not f.inclusion.is_excluded()  # type: ignore[no-untyped-call]
        }

    # --- the strict build -----------------------------------------------------------------------

    def build(self, dest: Path, *, config_file: Path | None = None) -> Path:
        """`mkdocs build --strict` into `dest`; ProjectError with MkDocs' messages if it fails."""
        config = config_file or self.config_file
        argv = [sys.executable, *"-m mkdocs build --strict -q".split(), "-f", str(config)]
        result = subprocess.run(  # noqa: S603 - argv list, no shell
            [*argv, "-d", str(dest)],
            cwd=config.parent,
            capture_output=True,
            text=True,
            env=tool_env(),
            check=False,
        )
        if result.returncode != 0:
            raise ProjectError(f"{config}: strict build failed:\n{result.stderr.strip()}")
        return Path(dest)


# --- loopback server and Chromium -------------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


class NoStoreHandler(QuietHandler):
    """Static files that the browser may not cache: every visit measures a cold load."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


def start_server(
    directory: Path, *, no_store: bool = False
) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `directory` on an ephemeral 127.0.0.1 port; the server and its URL (no final /)."""
    handler_class = NoStoreHandler if no_store else QuietHandler
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@contextmanager
def serve(directory: Path, *, no_store: bool = False) -> Iterator[str]:
    """`start_server` as a context manager: yields the URL, stops the server on exit."""
    server, url = start_server(directory, no_store=no_store)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium(args: list[str] | None = None) -> Iterator[Browser]:
    """Headless Debian Chromium through Playwright (Playwright downloads no browser of its own)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, *(args or [])]
        )
        try:
            yield browser
        finally:
            browser.close()


# --- nginx with the shipped server block ---------------------------------------------------------

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SERVER_BLOCK = Path("deploy", "nginx.conf")  # the shipped server block, under the project root


def free_port() -> int:
    """A loopback port nothing listens on right now (the kernel picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def render_nginx(server_block: Path, work: Path, root: Path, port: int) -> Path:
    """A main nginx.conf around `server_block` (deploy/nginx.conf) with only its `listen` and
    `root` rendered, so what is tested and measured is the configuration readers get."""
    server = server_block.read_text(encoding="utf-8")
    server, listens = re.subn(
        r"^(\s*)listen\s+80;", rf"\1listen 127.0.0.1:{port};", server, flags=re.M
    )
    server, roots = re.subn(r"^(\s*)root\s+\S+;", rf"\1root {root};", server, flags=re.M)
    if listens != 1 or roots != 1:
        raise ProjectError(f"{server_block}: needs exactly one `listen 80;` and one `root`")
    (work / "server.conf").write_text(server, encoding="utf-8")
    # As root, workers would drop to `nobody`, who cannot read private temporary directories.
    user = "user root;" if os.geteuid() == 0 else ""
    dirs = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    temp = "\n".join(f"    {d}_temp_path {work}/{d};" for d in dirs)
    main = string.Template(Path(__file__).with_name("nginx-main.conf").read_text(encoding="utf-8"))
    conf = work / "nginx.conf"
    conf.write_text(main.substitute(user=user, work=work, temp=temp), encoding="utf-8")
    return conf


@dataclass
class Nginx:
    """Debian nginx in the foreground on a loopback port; `stop()` ends it."""

    process: subprocess.Popen[bytes]
    port: int
    work: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def start_nginx(server_block: Path, root: Path, work: Path) -> Nginx:
    """Check the rendered configuration with `nginx -t`, start nginx, wait until it listens."""
    port = free_port()
    conf = render_nginx(server_block, work, root, port)
    common = ["-p", str(work), "-e", str(work / "error.log"), "-c", str(conf)]
    test = subprocess.run([NGINX, "-t", *common], capture_output=True, text=True)  # noqa: S603
    if test.returncode != 0:
        raise ProjectError(f"nginx -t refused {server_block}:\n{test.stderr}")
    proc = subprocess.Popen([NGINX, *common, "-g", "daemon off;"], stderr=subprocess.PIPE)  # noqa: S603
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return Nginx(proc, port, work)
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.05)
    proc.kill()
    err = proc.stderr.read().decode() if proc.stderr else ""
    raise ProjectError(f"nginx did not listen on {port}: {err}")
