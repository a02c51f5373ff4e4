"""The strict build is the first line of defence: broken links, anchors and includes fail it,
naming the page; and the same mkdocs.yml builds with Zensical, the successor engine."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def build_fixture(tmp_path: Path, pages: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Build `pages` with the handbook's own configuration (inherited), in a scratch project."""
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "there.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "overrides").symlink_to(ROOT / "overrides")
    for name, text in pages.items():
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    nav = "\n".join(f"  - {name}" for name in pages)
    (tmp_path / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: docs\nsite_dir: site\n"
        f"extra_javascript: []\nextra_css: []\nnav:\n{nav}\n",
        encoding="utf-8",
    )
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=tmp_path,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )


GOOD = "# Good {#good}\n\n## Here {#here}\n\nText.\n"


def test_fixture_builds_when_everything_resolves(tmp_path: Path) -> None:
    result = build_fixture(
        tmp_path,
        {
            "index.md": GOOD,
            "a.md": '# A\n\n[ok](index.md#here)\n\n```python\n--8<-- "there.py"\n```\n',
        },
    )
    assert result.returncode == 0, result.stderr


def test_broken_relative_link_fails_naming_the_page(tmp_path: Path) -> None:
    result = build_fixture(tmp_path, {"index.md": GOOD, "a.md": "# A\n\n[x](missing.md)\n"})
    assert result.returncode != 0
    assert "a.md" in result.stderr and "missing.md" in result.stderr


def test_broken_anchor_fails_naming_the_page(tmp_path: Path) -> None:
    result = build_fixture(tmp_path, {"index.md": GOOD, "a.md": "# A\n\n[x](index.md#nope)\n"})
    assert result.returncode != 0
    assert "a.md" in result.stderr and "nope" in result.stderr


def test_missing_include_fails_naming_the_page(tmp_path: Path) -> None:
    result = build_fixture(
        tmp_path,
        {
            "index.md": GOOD,
            "a.md": '# A\n\n```python\n--8<-- "gone.py"\n```\n',
        },
    )
    assert result.returncode != 0
    assert "'a.md'" in result.stderr and "gone.py" in result.stderr


def test_zensical_builds_the_same_config(tmp_path: Path) -> None:
    zensical = Path(sys.executable).with_name("zensical")
    if not zensical.exists():
        pytest.fail("zensical is not installed: run `make install`")
    for name in ("mkdocs.yml", "docs", "overrides", "snippets", "scripts"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, tmp_path / name, ignore=shutil.ignore_patterns("node_modules"))
        else:
            shutil.copy(src, tmp_path / name)
    result = subprocess.run(
        [str(zensical), "build", "--strict", "--clean", "-f", "mkdocs.yml"],
        cwd=tmp_path,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "index.html").exists()
    assert (tmp_path / "site" / "checklists" / "index.html").exists()
    # `make serve` previews with Zensical while MkDocs publishes: both must make the same pages,
    # with the same title and the same linkable headings (what reviewers paste into comments).
    mkdocs = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site-mkdocs")],
        cwd=tmp_path,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert mkdocs.returncode == 0, mkdocs.stderr
    published, previewed = outline(tmp_path / "site-mkdocs"), outline(tmp_path / "site")
    assert sorted(previewed) == sorted(published), (
        f"only in the preview: {sorted(set(previewed) - set(published))}; "
        f"only published: {sorted(set(published) - set(previewed))}"
    )
    differ = [page for page in published if previewed[page] != published[page]]
    assert not differ, "\n".join(
        f"{page}: published {published[page]} != previewed {previewed[page]}" for page in differ
    )


class _Outline(HTMLParser):
    """The first <h1>'s text and the ids of the <h2>-<h6> of one page. The stdlib parser is
    enough for markup both engines write, and needs no dependency."""

    def __init__(self) -> None:
        super().__init__()
        self.h1: list[str] = []
        self.ids: list[str] = []
        self._in_h1 = False
        self._done_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1" and not self._done_h1:
            self._in_h1 = True
        elif tag in ("h2", "h3", "h4", "h5", "h6") and dict(attrs).get("id"):
            self.ids.append(dict(attrs)["id"] or "")
        elif tag == "a" and self._in_h1 and "headerlink" in (dict(attrs).get("class") or ""):
            self._in_h1 = False  # the permalink sign is not part of the title

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and (self._in_h1 or self.h1):
            self._in_h1, self._done_h1 = False, True

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1.append(data)


def outline(site: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Page path -> (title, heading ids), for every page a site holds."""
    out = {}
    for html in site.rglob("index.html"):
        parser = _Outline()
        parser.feed(html.read_text(encoding="utf-8"))
        title = " ".join("".join(parser.h1).split())
        out[str(html.parent.relative_to(site))] = (title, tuple(parser.ids))
    return out


def test_every_member_an_api_page_names_exists():
    """mkdocstrings leaves a listed member that does not exist out of the page without a word;
    a renamed function must fail here instead of vanishing from Reference › Tooling."""
    import importlib
    import re

    found = re.compile(r"^::: ([\w.]+)\n(?:[ \t]+.*\n)*?[ \t]+members: \[([^\]]*)\]", re.M)
    checked = 0
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for module, members in found.findall(page.read_text(encoding="utf-8")):
            for member in filter(None, (m.strip() for m in members.split(","))):
                assert hasattr(importlib.import_module(module), member), (
                    f"{page.relative_to(ROOT)}: {module} has no member {member!r}"
                )
                checked += 1
    assert checked > 20
