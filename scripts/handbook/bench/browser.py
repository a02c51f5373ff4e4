"""The published layout behind Debian nginx, the JS heap of a page and its workers, and file
weights.

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


class Heaps:
    """The used JS heap of a page and of its dedicated workers (the search index lives in a
    worker), through a CDP session that attaches to every worker the page starts."""

    def __init__(self, context, page) -> None:
        self.page = page
        self.cdp = context.new_cdp_session(page)
        self.workers: list[str] = []
        self._replies: dict[str, dict] = {}
        self.cdp.on("Target.attachedToTarget", lambda e: self.workers.append(e["sessionId"]))
        self.cdp.on("Target.receivedMessageFromTarget", self._on_worker_message)
        # Non-flat auto-attach reaches dedicated workers; they are not paused on start, so a
        # timed visit lets them start as they would in a reader's browser.
        self.cdp.send(
            "Target.setAutoAttach",
            {"autoAttach": True, "waitForDebuggerOnStart": False, "flatten": False},
        )

    def _on_worker_message(self, event: dict) -> None:
        message = json.loads(event["message"])
        if message.get("id") == 1:
            self._replies[event["sessionId"]] = message.get("result", {})

    def heap_bytes(self) -> dict[str, int | None]:
        """Used JS heap of the page and of its workers."""
        main = self.cdp.send("Runtime.getHeapUsage").get("usedSize")
        for sid in self.workers:
            message = json.dumps({"id": 1, "method": "Runtime.getHeapUsage"})
            self.cdp.send("Target.sendMessageToTarget", {"sessionId": sid, "message": message})
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
