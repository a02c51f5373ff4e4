"""Debian Chromium through Playwright, a loopback server, and a network log per page visit.

Shared by the search and page-weight measurements so both see the browser the same way.
"""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

from handbook import project
from handbook.project import chromium

__all__ = ["NetworkLog", "chromium", "gzip_size", "published", "serve", "url_to_file"]


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """The project's loopback server with caching off: every visit measures a cold load."""
    with project.serve(directory, no_store=True) as url:
        yield url


@contextmanager
def published(project_root: Path, site: Path, work: Path) -> Iterator[tuple[str, Path]]:
    """`site` as mike publishes an edition: under /latest/ of a root that also holds the
    versions.json Material's version selector reads on every page, served by Debian nginx with
    the project's deploy/nginx.conf (its gzip, its cache headers, its 404 pages); nginx keeps
    its files in `work`. Yields latest's URL and the root."""
    root = work / "root"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / project.DEFAULT_ALIAS).symlink_to(site.resolve(), target_is_directory=True)
    edition = {"version": project.DEFAULT_ALIAS, "title": project.DEFAULT_ALIAS, "aliases": []}
    (root / "versions.json").write_text(json.dumps([edition]), encoding="utf-8")
    server = project.start_nginx(project_root / project.SERVER_BLOCK, root, work)
    try:
        yield f"{server.url}/{project.DEFAULT_ALIAS}", root
    finally:
        server.stop()


class NetworkLog:
    """Requests of one page (and its workers) from CDP: URL and bytes on the wire."""

    def __init__(self, context, page, *, pause_workers: bool = True) -> None:
        self.page = page
        self.cdp = context.new_cdp_session(page)
        self.urls: dict[str, str] = {}
        self.bytes: dict[str, int] = {}
        self.workers: list[str] = []
        self._replies: dict[str, dict] = {}
        self.cdp.on(
            "Network.requestWillBeSent",
            lambda e: self.urls.setdefault(e["requestId"], e["request"]["url"]),
        )
        self.cdp.on(
            "Network.loadingFinished",
            lambda e: self.bytes.__setitem__(e["requestId"], int(e["encodedDataLength"])),
        )
        self.cdp.on("Target.attachedToTarget", self._on_attached)
        self.cdp.on("Target.receivedMessageFromTarget", self._on_worker_message)
        self.cdp.send("Network.enable")
        # Non-flat auto-attach reaches dedicated workers (the search worker): their requests
        # (lunr, language files) and their heap. With `pause_workers` a worker waits until its
        # Network is enabled, so none of its requests is missed; the wait is a round trip through
        # this process, so a visit that is timed (and counts requests from Playwright's own
        # events) lets workers start as they would in a reader's browser.
        self.cdp.send(
            "Target.setAutoAttach",
            {"autoAttach": True, "waitForDebuggerOnStart": pause_workers, "flatten": False},
        )

    def _to_worker(self, sid: str, msg_id: int, method: str) -> None:
        self.cdp.send(
            "Target.sendMessageToTarget",
            {"sessionId": sid, "message": json.dumps({"id": msg_id, "method": method})},
        )

    def _on_attached(self, event: dict) -> None:
        sid = event["sessionId"]
        self.workers.append(sid)
        self._to_worker(sid, 2, "Network.enable")
        self._to_worker(sid, 3, "Runtime.runIfWaitingForDebugger")

    def _on_worker_message(self, event: dict) -> None:
        message = json.loads(event["message"])
        sid = event["sessionId"]
        if message.get("id") == 1:
            self._replies[sid] = message.get("result", {})
        params = message.get("params", {})
        if message.get("method") == "Network.requestWillBeSent":
            self.urls.setdefault(f"{sid}:{params['requestId']}", params["request"]["url"])
        elif message.get("method") == "Network.loadingFinished":
            self.bytes[f"{sid}:{params['requestId']}"] = int(params["encodedDataLength"])

    def transferred(self) -> int:
        """Bytes received so far (headers and bodies, as sent: this server does not compress)."""
        return sum(self.bytes.values())

    def finished_urls(self) -> list[str]:
        return [self.urls[r] for r in self.bytes if r in self.urls]

    def heap_bytes(self) -> dict[str, int | None]:
        """Used JS heap of the page and of its workers (the search index lives in a worker)."""
        main = self.cdp.send("Runtime.getHeapUsage").get("usedSize")
        for sid in self.workers:
            self._to_worker(sid, 1, "Runtime.getHeapUsage")
        for _ in range(50):
            if all(s in self._replies for s in self.workers):
                break
            self.page.wait_for_timeout(50)  # lets Playwright dispatch the CDP replies
        workers = (
            sum(r.get("usedSize", 0) for r in self._replies.values()) if self._replies else None
        )
        return {"main_bytes": main, "workers_bytes": workers}


def gzip_size(path: Path) -> int:
    """Size of a file gzipped at level 6 (nginx's and most CDNs' on-the-fly level range)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def url_to_file(site: Path, url: str) -> Path | None:
    """The file a loopback URL was served from, or None for data: or foreign URLs."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or parsed.hostname != "127.0.0.1":
        return None
    path = site / unquote(parsed.path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None
