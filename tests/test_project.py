"""The project core: pages and URLs as MkDocs makes them, found from any folder of the checkout."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from handbook.project import Project, ProjectError


def make(tmp_path: Path, extra: str = "") -> Project:
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: T\nsite_url: https://docs.example.net/hb\nexclude_docs: 'gen/*.md'\n{extra}",
        encoding="utf-8",
    )
    for page in ("index.md", "security/index.md", "security/cors.md", "gen/table.md"):
        (tmp_path / "docs" / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / page).write_text("# P\n", encoding="utf-8")
    return Project.from_root(tmp_path)


def test_page_urls_and_files_are_mkdocs_own(tmp_path: Path) -> None:
    project = make(tmp_path)
    assert [project.page_url(p) for p in ("index.md", "security/index.md", "security/cors.md")] == [
        "",
        "security/",
        "security/cors/",
    ]
    assert project.page_html(Path("/s"), "security/cors.md") == Path("/s/security/cors/index.html")
    assert project.absolute_url("security/cors.md", "allow-list") == (
        "https://docs.example.net/hb/latest/security/cors/#allow-list"
    )
    assert project.resolve_link("security/cors.md", "../index.md#top") == ("index.md", "top")
    assert project.pages() == {
        "": "index.md",
        "security/": "security/index.md",
        "security/cors/": "security/cors.md",
    }


def test_plain_urls_follow_the_configuration(tmp_path: Path) -> None:
    project = make(tmp_path, "use_directory_urls: false\n")
    assert project.page_url("security/cors.md") == "security/cors.html"
    assert project.page_html(Path("/s"), "index.md") == Path("/s/index.html")


def test_discover_walks_up_and_names_a_missing_configuration(tmp_path: Path) -> None:
    project = make(tmp_path)
    assert Project.discover(tmp_path / "docs" / "security") == project
    with pytest.raises(ProjectError, match="no mkdocs.yml"):
        Project.discover(Path("/"))
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nnav: 3\n", encoding="utf-8")
    with pytest.raises(ProjectError, match="mkdocs.yml: .*nav"):
        Project.from_root(tmp_path).config  # noqa: B018 - loading is the point


def test_help_imports_no_job(tmp_path: Path) -> None:
    code = (
        "import sys; from handbook.cli import main; main(['--help']); "
        "print(sorted(m for m in sys.modules if m.startswith('handbook.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "['handbook.cli', 'handbook.project']"
