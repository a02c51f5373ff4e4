"""What a snippet's process sees: a temp cwd and HOME, a short PATH, no proxies, no network."""

from __future__ import annotations

import pytest
from handbook.snippets.runners.base import can_unshare_network

from tests.snippets.conftest import run_tree

ENV_CHECK = """import os
import socket
from pathlib import Path

assert Path.cwd() == Path(os.environ["HOME"]), (Path.cwd(), os.environ["HOME"])
assert str(Path.cwd()).startswith(os.environ["TMPDIR"])
assert not any(k.lower().endswith("_proxy") for k in os.environ), sorted(os.environ)
assert os.environ["PATH"].split(":")[-3:] == ["/usr/local/bin", "/usr/bin", "/bin"]
print(sorted(name for _, name in socket.if_nameindex()))

# Output:
# ['lo']
"""


def add_snippet(root, name: str, text: str) -> None:
    (root / "snippets" / "demo" / name).write_text(text)
    with (root / "docs" / "index.md").open("a") as page:
        page.write(f'\n```python\n--8<-- "demo/{name}"\n```\n')


@pytest.mark.skipif(not can_unshare_network(), reason="needs network namespaces (unshare --net)")
def test_clean_environment_and_only_loopback(tree, monkeypatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.invalid:3128")
    root = tree("small")
    add_snippet(root, "env_check.py", ENV_CHECK)
    result = run_tree(root, only=["snippets/demo/env_check.py"])
    assert [(r.file, r.ok, r.error) for r in result.results] == [("demo/env_check.py", True, "")]


def test_timeout_is_a_failure_naming_the_limit(tree) -> None:
    root = tree("small")
    add_snippet(root, "forever.py", "import time\n\nwhile True:\n    time.sleep(0.1)\n")
    result = run_tree(root, only=["snippets/demo/forever.py"], timeout=3)
    got = result.results[0]
    assert not got.ok and "timed out after 3s" in got.error
    again = run_tree(root, only=["snippets/demo/forever.py"], timeout=3)
    assert not again.results[0].cached  # a timeout is not cached: the machine may have been busy


def test_a_snippet_that_prints_timed_out_is_cached_like_any_failure(tree) -> None:
    """Only the clock's verdict is kept out of the cache, not a message that looks like it."""
    root = tree("small")
    add_snippet(root, "says.py", "import sys\n\nsys.exit('timed out after 3s')\n")
    first = run_tree(root, only=["snippets/demo/says.py"])
    assert not first.results[0].ok and "timed out after 3s" in first.results[0].error
    again = run_tree(root, only=["snippets/demo/says.py"])
    assert again.results[0].cached
