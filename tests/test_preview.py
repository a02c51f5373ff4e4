"""`make serve` never shows a stale page: a snippet edit reaches every page that includes it, a nav
edit reaches every page.

The server is the one `make serve` starts (its command line is read from `make -n serve`), run
on a scratch copy of the handbook on a loopback port; the served HTML is polled until it holds
the edit. Not timed: the time goals are measured by `make bench`
(scripts/handbook/bench/preview.py).
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from handbook.bench import preview

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
TIMEOUT = 180.0  # generous: this machine is shared; `make bench` measures the real times


def serve_command(addr: str) -> list[str]:
    """The command `make serve` runs, with its tools made absolute (it runs in a scratch copy)."""
    out = subprocess.run(
        ["make", "-n", "--no-print-directory", "serve", f"ADDR={addr}"],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(ln for ln in reversed(out.splitlines()) if " serve" in ln)
    words = shlex.split(line)
    return [str(ROOT / w) if w.startswith(".venv/") else w for w in words]


def poll(base: str, paths: list[str], token: str, timeout: float = TIMEOUT) -> list[str]:
    """Paths whose served HTML still lacks `token` once `timeout` has passed (none: all fresh)."""
    return preview.stale_pages(base, paths, token, timeout)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[preview.Tree, str]]:
    """`make serve`'s server on a copy of the real handbook; yields the tree and its base URL."""
    tree = preview.real_tree(ROOT, tmp_path_factory.mktemp("preview") / "handbook")
    port = preview.free_port()
    log = (tree.root / "serve.log").open("w")
    proc = subprocess.Popen(
        serve_command(f"127.0.0.1:{port}"),
        cwd=tree.root,
        env=ENV,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600
        while "</html>" not in preview.fetch(base + "/"):
            assert proc.poll() is None, (tree.root / "serve.log").read_text()
            assert time.monotonic() < deadline, "make serve served nothing in 600 s"
            time.sleep(0.5)
        yield tree, base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the server's own process group, started above
        proc.wait(30)
        log.close()


@pytest.mark.slow
def test_a_snippet_edit_updates_every_page_that_includes_it(served) -> None:
    tree, base = served
    assert len(tree.including) >= 3, tree.including  # testing/cvd_api.py: three testing pages
    paths = [preview.url_of(p) for p in tree.including]
    token = f"hbpreviewsnippet{int(time.time())}"
    preview.edit_snippet(tree, token)
    stale = poll(base, paths, token)
    assert not stale, f"still showing the old {preview.REAL_SNIPPET}: {stale}"


@pytest.mark.slow
def test_a_nav_edit_updates_every_page(served) -> None:
    tree, base = served
    paths = [preview.url_of(p) for p in tree.all_pages]
    assert len(paths) > 100
    token = f"hbpreviewnav{int(time.time())}"
    preview.edit_nav(tree, token)
    stale = poll(base, paths, token)
    assert not stale, f"{len(stale)} of {len(paths)} pages show the old nav: {stale[:10]}"
