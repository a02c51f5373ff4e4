"""`make serve` never shows a stale page: a snippet edit reaches every page that includes it, a nav
edit reaches every page.

The server is the one `make serve` starts (its command line is read from `make -n serve`), run
on a scratch copy of the handbook on a loopback port; the served HTML is polled until it holds
the edit. Not timed: the time goals are measured by `make bench`
(scripts/handbook/bench/preview.py).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from handbook.bench import preview
from handbook.project import free_port

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


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[preview.Tree, str]]:
    """`make serve`'s server on a copy of the real handbook; yields the tree and its base URL."""
    tree = preview.real_tree(ROOT, tmp_path_factory.mktemp("preview") / "handbook")
    port = free_port()
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
    stale = preview.stale_pages(base, paths, token, TIMEOUT)
    assert not stale, f"still showing the old {preview.REAL_SNIPPET}: {stale}"


@pytest.mark.slow
def test_a_nav_edit_updates_every_page(served) -> None:
    tree, base = served
    paths = [preview.url_of(p) for p in tree.all_pages]
    assert len(paths) > 100
    token = f"hbpreviewnav{int(time.time())}"
    preview.edit_nav(tree, token)
    stale = preview.stale_pages(base, paths, token, TIMEOUT)
    assert not stale, f"{len(stale)} of {len(paths)} pages show the old nav: {stale[:10]}"


@pytest.mark.slow
def test_a_fragment_edit_updates_every_page_that_includes_it(served) -> None:
    tree, base = served  # docs/about/generated/perf-preview.md: Performance and Contributing
    fragment = tree.docs / preview.FRAGMENT.removeprefix("docs/")
    token = f"hbpreviewfragment{int(time.time())}"
    fragment.write_text(fragment.read_text(encoding="utf-8") + f"\n{token}\n", encoding="utf-8")
    stale = preview.stale_pages(base, ["/about/performance/", "/contributing/"], token, TIMEOUT)
    assert not stale, f"still showing the old {preview.FRAGMENT}: {stale}"


@pytest.mark.slow
def test_a_page_edit_keeps_every_title_in_its_navigation(served) -> None:
    tree, base = served
    url = preview.url_of(tree.page)
    titles = re.findall(r'md-ellipsis">\s*([^<]+?)\s*<', preview.fetch(base + url))
    token = f"hbpreviewpage{int(time.time())}"
    preview.edit_page(tree, token)
    assert not preview.stale_pages(base, [url], token, TIMEOUT)
    assert re.findall(r'md-ellipsis">\s*([^<]+?)\s*<', preview.fetch(base + url)) == titles


# --- What a save reaches (scripts/handbook/preview.py), on a small site, without a server --------

SMALL = {
    "mkdocs.yml": "site_name: Small\nnav: [index.md, a.md, b.md, c.md]\nmarkdown_extensions:\n"
    "  - pymdownx.snippets: {base_path: [snippets, docs], check_paths: true}\n"
    "exclude_docs: parts/\nwatch: [snippets]\n",
    "docs/index.md": "# Home\n\nNo include.\n",
    "docs/a.md": '# A\n\n```python\n--8<-- "demo/one.py"\n```\n',
    "docs/b.md": '# B\n\n```python\n--8<-- "demo/one.py:part"\n```\n',
    "docs/c.md": '# C\n\n--8<-- "parts/notice.md"\n',
    "docs/parts/notice.md": 'Notice:\n\n```python\n--8<-- "demo/two.py"\n```\n',
    "snippets/demo/one.py": "# --8<-- [start:part]\nONE = 1\n# --8<-- [end:part]\n",
    "snippets/demo/two.py": "TWO = 2\n",
}


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from handbook.preview import Preview

    for rel, text in SMALL.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # base_path is relative to the working directory, as in make serve
    site = Preview(str(tmp_path / "mkdocs.yml"), "127.0.0.1:8000")
    site.full_build()
    yield tmp_path, site
    shutil.rmtree(site.site_dir, ignore_errors=True)


def _reached(site, *paths: Path) -> list[str] | None:
    pages = site.affected({p.resolve() for p in paths})
    return None if pages is None else [p.file.src_uri for p in pages]


def test_a_save_reaches_the_page_and_every_page_including_the_file(small) -> None:
    root, site = small
    assert _reached(site, root / "docs/a.md") == ["a.md"]
    assert _reached(site, root / "snippets/demo/one.py") == ["a.md", "b.md"]  # whole and section
    assert _reached(site, root / "snippets/demo/two.py") == ["c.md"]  # through parts/notice.md
    assert _reached(site, root / "docs/parts/notice.md") == ["c.md"]
    assert _reached(site, root / "mkdocs.yml") is None  # the configuration: everything
    (root / "docs/d.md").write_text("# D\n", encoding="utf-8")
    assert _reached(site, root / "docs/d.md") is None  # a new page: the nav changes


def test_a_nested_snippet_edit_re_renders_only_the_pages_it_reaches(small) -> None:
    root, site = small
    out = Path(site.site_dir)
    written = {p: (out / p / "index.html").stat().st_mtime_ns for p in ("a", "b")}
    (root / "snippets/demo/two.py").write_text("TWO = 'hbpreviewnested'\n", encoding="utf-8")
    site.changed = {(root / "snippets/demo/two.py").resolve()}
    site.rebuild()
    assert "hbpreviewnested" in (out / "c" / "index.html").read_text(encoding="utf-8")
    assert {p: (out / p / "index.html").stat().st_mtime_ns for p in ("a", "b")} == written


def test_a_changed_title_rebuilds_every_page_navigation(small) -> None:
    root, site = small
    (root / "docs/a.md").write_text("# Renamed hbpreviewtitle\n\nText.\n", encoding="utf-8")
    site.changed = {(root / "docs/a.md").resolve()}
    site.rebuild()
    for page in ("index.html", "b/index.html", "c/index.html"):
        assert "hbpreviewtitle" in (Path(site.site_dir) / page).read_text(encoding="utf-8"), page


def test_a_nav_edit_renders_each_page_as_a_whole_build_does(small) -> None:
    from handbook.preview import Preview

    root, site = small
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("a.md, b.md", "Renamed hbpreviewnav: a.md, b.md"), "utf-8")
    site.changed = {config.resolve()}
    site.rebuild()
    assert site.outdated, "a nav edit should not rebuild the whole site"
    whole = Preview(str(config), "127.0.0.1:8000")
    whole.full_build()
    clock = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+")  # the build time stamp
    for page in ("", "a/", "b/", "c/"):
        site.render_outdated("/" + page)
        served = (Path(site.site_dir) / page / "index.html").read_text(encoding="utf-8")
        built = (Path(whole.site_dir) / page / "index.html").read_text(encoding="utf-8")
        assert "hbpreviewnav" in served, page
        assert clock.sub("", served) == clock.sub("", built), page
    assert not site.outdated
    shutil.rmtree(whole.site_dir, ignore_errors=True)
