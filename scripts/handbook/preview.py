"""`handbook serve`: the writer's live preview, MkDocs re-rendering only the pages a save reaches.

MkDocs' own pieces do the work: `LiveReloadServer` (the server of `mkdocs serve`: watching,
serving `site_dir`, the live-reload script) and the page functions of `mkdocs.commands.build`.
What is written here is what `mkdocs serve` lacks, knowing which pages a save reaches (it
rebuilds every page on every save; `--dirty` only the saved file, leaving includes and the nav
stale):

- a saved page is re-rendered;
- a saved file under a `pymdownx.snippets` base path re-renders every page that names it,
  directly or through files that name it (nested includes); the pages open in a tab first;
- a change to `nav:` alone gives every page its new navigation, each re-rendered when served;
- any other change to `mkdocs.yml`, `overrides/`, a new or deleted page, a changed title or front
  matter, or a module mkdocstrings documents, rebuilds the whole site from a fresh configuration.

A page "names" a file when its text holds the file's path relative to a base path: an include in
any form does (section, lines, block); so may prose, which costs one needless re-render. Search
uses the index of the last whole build. `full_build` is `mkdocs.commands.build.build` written out
in its order, because that function does not hand back the files, nav and templates reused here.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.commands import build as mk
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url
from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.yaml import yaml_load
from watchdog import events
from watchdog.observers import Observer

log = logging.getLogger("mkdocs.handbook.preview")
IN_SERVE = InclusionLevel.is_in_serve
SAVES = [events.FileModifiedEvent, events.FileCreatedEvent, events.FileDeletedEvent,
         events.FileMovedEvent]  # fmt: skip
TEXT = {".md", ".py", ".sh", ".js", ".ts", ".tsx", ".sql", ".yml", ".yaml", ".toml", ".txt",
        ".json", ".html", ".css", ".ini", ".cfg", ".go", ".rs"}  # fmt: skip


class SaveObserver(Observer):  # type: ignore[misc,valid-type]
    """The operating system's change notices (inotify, FSEvents) instead of MkDocs' polling every
    half second: a save is seen at once, and a large tree is not re-read twice a second. Only
    writes count: these notices also report files being opened, which every build does."""

    def schedule(self, handler: Any, path: str, *, recursive: bool = False, **kw: Any) -> Any:
        recursive = recursive and Path(path).is_dir()  # a file (mkdocs.yml) is watched alone
        return super().schedule(handler, path, recursive=recursive, event_filter=SAVES)


class Server(LiveReloadServer):
    """MkDocs' live-reload server, which first renders a page whose navigation changed."""

    preview: Preview

    def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("PATH_INFO", "").startswith("/livereload/"):  # an open tab's question
            tab = urlsplit(environ.get("HTTP_REFERER", "")).path
            self.preview.open[tab.removesuffix("index.html")] = time.monotonic()
        self.preview.render_outdated(environ.get("PATH_INFO", ""))
        return super()._serve_request(environ, start_response)


def _set_titles(items: Any, files: Any) -> None:
    """The titles `nav:` gives pages (`- Title: page.md`), as MkDocs' Page(title, ...) sets them."""
    for item in items if isinstance(items, list) else [items]:
        title, value = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        if isinstance(value, list):
            _set_titles(value, files)
        elif title is not None and (file := files.get_file_from_path(str(value))) and file.page:
            file.page.title = title


class Preview:
    """The site in a scratch `site_dir`, and what the last full build left to re-render with."""

    def __init__(self, config_file: str, addr: str) -> None:
        self.config_file = str(Path(config_file).resolve())
        self.site_dir = tempfile.mkdtemp(prefix="handbook-preview-")
        self.addr = addr
        self.changed: set[Path] = set()
        self.lock = threading.Lock()
        self.state: tuple[Any, Any, Any, Any] | None = None  # config, files, nav, env
        self.raw: dict[str, Any] | None = None  # mkdocs.yml as the last full build read it
        self.outdated: dict[str, Any] = {}  # served path -> page whose navigation changed
        # Held while pages are rendered; a request for a page whose navigation changed waits for
        # it. A plain Lock: the thread that finishes a rebuild (render_rest) releases what the
        # builder took.
        self.render_lock = threading.Lock()
        self.open: dict[str, float] = {}  # served path -> when a tab last asked to be reloaded

    def load(self) -> Any:
        # Not strict: a broken link is reported and the preview goes on (`make build` stops).
        config = load_config(self.config_file, site_dir=self.site_dir, strict=False)
        host, port = self.addr.rsplit(":", 1)
        config.site_url = _serve_url(host, int(port), urlsplit(config.site_url or "/").path)
        return config

    def full_build(self) -> None:
        config = self.load()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        mk.utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        docs = files.documentation_pages(inclusion=IN_SERVE)
        for file in docs:
            mk._populate_page(file.page or Page(None, file, config), config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(inclusion=IN_SERVE)
        for template in config.theme.static_templates:
            mk._build_theme_template(template, env, files, config, nav)
        for file in docs:
            mk._build_page(file.page, config, docs, nav, env)
        for file in docs:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        self.state, self.raw, self.outdated = (config, files, nav, env), self.read_raw(), {}

    def read_raw(self) -> dict[str, Any] | None:
        try:
            with open(self.config_file, encoding="utf-8") as f:
                return yaml_load(f)
        except Exception:  # noqa: BLE001 - a half-saved file: the whole build reports it
            return None

    def renav(self) -> bool:
        """`mkdocs.yml` changed in `nav:` alone: the pages keep their rendered Markdown, get their
        new titles and links, and each is re-rendered when it is next served (render_outdated),
        so a nav edit costs one page, not the whole site. False: a full build is needed."""
        raw = self.read_raw()
        if raw is None or self.raw is None or self.state is None:
            return False
        # repr: `!!python/object/apply` makes objects (slugify partials) equal only by repr
        if repr({**raw, "nav": None}) != repr({**self.raw, "nav": None}):
            return False
        config, files, _, env = self.state
        docs = files.documentation_pages(inclusion=IN_SERVE)
        for file in docs:  # as a fresh Page: its own title, no place in the nav yet
            file.page.__dict__.pop("title", None)
            file.page.parent = file.page.previous_page = file.page.next_page = None
        config["nav"] = raw.get("nav")
        _set_titles(raw.get("nav") or [], files)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        for template in config.theme.static_templates:  # 404.html shows the nav too
            mk._build_theme_template(template, env, files, config, nav)
        self.state, self.raw = (config, files, nav, env), raw
        self.outdated = {"/" + f.page.url: f.page for f in docs}
        log.info("Navigation changed: each page is re-rendered when it is next served")
        return True

    def render_outdated(self, path: str) -> None:
        path = path.removesuffix("index.html")
        if path in self.outdated and self.state is not None:
            with self.render_lock:
                config, files, nav, env = self.state
                if page := self.outdated.pop(path, None):
                    docs = files.documentation_pages(inclusion=IN_SERVE)
                    mk._build_page(page, config, docs, nav, env)

    def affected(self, changed: set[Path]) -> list[Any] | None:
        """The pages `changed` reaches, or None when only a full build is right."""
        if self.state is None:
            return None
        config, files, _, _ = self.state
        pages = {
            Path(f.abs_src_path): f.page for f in files.documentation_pages(inclusion=IN_SERVE)
        }
        statics = {Path(f.abs_src_path): f for f in files.media_files() if f.abs_src_path}
        known = {Path(f.abs_src_path) for f in files if f.abs_src_path}
        docs = Path(config.docs_dir)
        opts = config.mdx_configs.get("pymdownx.snippets", {})
        bases = [Path(b).resolve() for b in opts.get("base_path", ["."])]
        reached: dict[str, Any] = {}
        names: set[str] = set()
        for path in changed:
            if path in pages:
                if not path.exists():
                    return None  # a deleted page: the nav changes
                reached[pages[path].file.src_uri] = pages[path]
            elif path in statics:
                statics[path].copy_file(dirty=False)  # a stylesheet, a script, an image
            elif path.suffix == ".md" and path.is_relative_to(docs) and path not in known:
                return None  # a new page (excluded fragments are known, not pages)
            else:
                within = [str(path.relative_to(b)) for b in bases if path.is_relative_to(b)]
                if not within and path.suffix in TEXT:
                    return None  # mkdocs.yml, overrides/, anything else the build reads
                names.update(within)
        texts = self.texts(bases, pages) if names else {}
        seen: set[str] = set()
        while names - seen:  # files naming a changed file, then files naming those (nesting)
            name = (names - seen).pop()
            seen.add(name)
            for path, text in texts.items():
                if name in text:
                    if path in pages:
                        reached[pages[path].file.src_uri] = pages[path]
                    else:
                        names.update(
                            str(path.relative_to(b)) for b in bases if path.is_relative_to(b)
                        )
        for name in seen:  # mkdocstrings caches the modules it read: reload everything
            module = name.removesuffix(".py").replace("/", ".")
            if name.endswith(".py") and any(f"::: {module}" in t for t in texts.values()):
                return None
        return [reached[uri] for uri in sorted(reached)]

    @staticmethod
    def texts(bases: list[Path], pages: dict[Path, Any]) -> dict[Path, str]:
        """Every page, and every text file under a base path that includes something."""
        out = {p: p.read_text(encoding="utf-8", errors="replace") for p in pages if p.exists()}
        for base in bases:
            for folder, subfolders, names in os.walk(base):
                subfolders[:] = [d for d in subfolders if d != "node_modules"]  # not walked
                for path in (Path(folder, n) for n in names):
                    if path.suffix in TEXT and path not in out:
                        text = path.read_text(encoding="utf-8", errors="replace")
                        if "8<-" in text:
                            out[path] = text
        return out

    def rebuild(self) -> None:
        """The builder LiveReloadServer calls after a save."""
        with self.lock:
            changed, self.changed = self.changed, set()
        self.render_lock.acquire()
        try:
            config_file = Path(self.config_file)
            if config_file in changed and self.renav():
                changed.discard(config_file)
            rest = self.rebuild_pages(changed) if changed else []
        except BaseException:
            self.render_lock.release()
            raise
        if not rest:
            return self.render_lock.release()
        # The pages no open tab shows are rendered after the tabs reload (0.3 s and their render
        # later); a page opened in that moment is served as it was before the save.
        threading.Thread(target=self.render_rest, args=(rest,), daemon=True).start()
        return None

    def render_rest(self, pages: list[Any]) -> None:
        try:
            time.sleep(0.3)  # the open tabs reload first, not sharing the interpreter with this
            if self.render_pages(pages) is None:
                self.full_build()
        except Exception:
            log.exception("Rendering %s failed", ", ".join(p.file.src_uri for p in pages))
        finally:
            self.render_lock.release()

    def rebuild_pages(self, changed: set[Path]) -> list[Any]:
        """Render what `changed` reaches that a tab shows; return the rest, to render next."""
        pages = self.affected(changed)
        if pages is not None and self.state is not None:
            recent = time.monotonic() - 90  # a tab asks again at least every minute
            shown = [p for p in pages if self.open.get("/" + p.url, 0) > recent] or pages
            if self.render_pages(shown) is not None:
                return [p for p in pages if p not in shown]
        log.info("Rebuilding the whole site")
        self.full_build()
        return []

    def render_pages(self, pages: list[Any]) -> list[Any] | None:
        """Re-render `pages`; None when a title or metadata changed (the nav, tags: all pages)."""
        assert self.state is not None
        config, files, nav, env = self.state
        for page in pages:
            before = (page.title, dict(page.meta))
            mk._populate_page(page, config, files)
            if (page.title, page.meta) != before:
                log.info("%s: title or metadata changed", page.file.src_uri)
                return None
        env = config.plugins.on_env(env, config=config, files=files)  # cross-references, tags
        docs = files.documentation_pages(inclusion=IN_SERVE)
        for page in pages:
            mk._build_page(page, config, docs, nav, env)
            self.outdated.pop("/" + page.url, None)
        log.info("Re-rendered %s", ", ".join(p.file.src_uri for p in pages) or "nothing")
        return pages

    def record(self, event: events.FileSystemEvent) -> None:
        if not event.is_directory:
            with self.lock:
                for p in (event.src_path, getattr(event, "dest_path", "")):
                    if p:
                        self.changed.add(Path(str(p)).resolve())

    def serve(self) -> None:
        log.info("Building the whole site")
        self.full_build()
        assert self.state is not None  # full_build() sets it or raises
        config = self.state[0]
        host, port = self.addr.rsplit(":", 1)
        server = Server(self.rebuild, host, int(port), self.site_dir)
        server.preview = self
        server.observer = SaveObserver()
        page_404 = Path(self.site_dir) / "404.html"  # Material's "not found" page, as mkdocs serve
        server.error_handler = lambda code: (
            page_404.read_bytes() if code == 404 and page_404.exists() else None
        )
        recorder = events.FileSystemEventHandler()
        recorder.on_any_event = self.record  # type: ignore[method-assign]
        custom = [config.theme.custom_dir] if config.theme.custom_dir else []
        for path in [config.docs_dir, self.config_file, *custom, *config.watch]:
            server.watch(path)  # MkDocs' handler: a change starts a rebuild, then a reload
            server.observer.schedule(recorder, path, recursive=True)  # a file: alone
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
            shutil.rmtree(self.site_dir, ignore_errors=True)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="live preview that re-renders only the pages a save reaches")
    p.add_argument("-f", "--config-file", default="mkdocs.yml")
    p.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    p.set_defaults(func=_main, needs_project=False)


def _main(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    Preview(args.config_file, args.dev_addr).serve()
    return 0
