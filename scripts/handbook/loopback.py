"""Debian Chromium and a static loopback server, defined once for the tools and the tests.

Search quality, the benchmarks and the browser tests must see the browser and the site the same
way; the flags keep Chromium from reaching for Google's hosts on a machine with no network.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


class NoStoreHandler(QuietHandler):
    """Static files that the browser may not cache: every visit measures a cold load."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


def start(
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
    """`start` as a context manager: yields the URL, stops the server on exit."""
    server, url = start(directory, no_store=no_store)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
