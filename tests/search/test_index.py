"""The search index command: languages, ё, where a page sits, and an edition on a mike branch."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from handbook import search


def test_a_page_of_russian_prose_is_indexed_as_russian():
    ru = (
        '<html lang="en"><article class="md-content__inner md-typeset"><p>Фокус: тестирование, '
        "надёжность</p><pre>pytest --cov</pre><p>CI/CD</p></article></html>"
    )
    en = (
        '<html lang="en"><article class="md-content__inner md-typeset"><p>The BizCard '
        "roadmap as written, repaired from a garbled copy, and its English translation: "
        "<a>Русский оригинал</a>.</p></article></html>"
    )
    assert search.page_language(ru) == "ru"
    assert search.page_language(en) == "en"


def test_yo_is_folded_as_the_worker_folds_it(project):
    assert search.fold("Надёжность, ЁЖ") == "Надежность, ЕЖ"
    worker = project.path("docs", "assets", "hb-search-worker.js").read_text(encoding="utf-8")
    assert 'replace(/ё/g, "е").replace(/Ё/g, "Е")' in worker


def test_a_site_without_search_index_is_named(tmp_path):
    with pytest.raises(search.SearchQualityError, match=str(tmp_path)):
        search.index_site(tmp_path)


@pytest.fixture
def edition_repo(built_site: Path, tmp_path: Path) -> Path:
    """A pages branch with one edition as mike commits it: the built site, without its index."""
    repo = tmp_path / "repo"
    edition = repo / "2026.11"
    shutil.copytree(
        built_site,
        edition,
        ignore=shutil.ignore_patterns("pagefind", "pagefind-ru", "lunr_index.json"),
    )
    shutil.copy(built_site / search.LUNR_INDEX, edition / "search" / "search_index.json")
    (repo / "latest").symlink_to("2026.11")

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
        ).stdout

    git("init", "-q", "-b", "gh-pages")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "edition")
    return repo


def test_an_edition_on_the_pages_branch_gets_its_own_index(edition_repo: Path):
    done = search.index_edition(edition_repo, "gh-pages", "2026.11")
    assert done["pages"]["en"] > 100 and done["pages"]["ru"] == 1
    files = subprocess.run(
        ["git", "-C", str(edition_repo), "ls-tree", "-r", "--name-only", "gh-pages"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert "2026.11/pagefind/pagefind.js" in files
    assert "2026.11/pagefind-ru/pagefind-entry.json" in files
    stub = json.loads(
        subprocess.run(
            ["git", "-C", str(edition_repo), "show", "gh-pages:2026.11/search/search_index.json"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    assert stub["docs"] == [] and stub["config"]["pagefind"] == ["pagefind/", "pagefind-ru/"]
    # Indexing again replaces the index and keeps the pages' documents.
    search.index_edition(edition_repo, "gh-pages", "2026.11")
    log = subprocess.run(
        ["git", "-C", str(edition_repo), "log", "--format=%s", "gh-pages"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    assert log[:2] == ["Search index of edition 2026.11"] * 2
