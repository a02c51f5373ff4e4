"""Editions published with mike into a throwaway git repository, read back over loopback HTTP.

A fixture handbook with the project's own theme overrides is published as three editions; the
tests check versions.json, the `latest` alias, the outdated banner, redirects and path checks.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from conftest import serve_directory
from handbook import versions
from handbook.project import tool_env
from mike_fixture import export_branch, git, init_repo, write_fixture

pytestmark = pytest.mark.slow
BRANCH = "gh-pages"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Three editions: 2026.10, then 2026.11 (a page moved, with redirect) as latest,
    then a late fix of 2026.09 deployed without alias. Also records the refused publish."""
    repo = tmp_path_factory.mktemp("editions")
    init_repo(repo)
    env_repo = {"repo": repo, "config_file": repo / "mkdocs.yml", "branch": BRANCH}

    write_fixture(
        repo, {"index.md": "Home", "guide/stays.md": "Stays", "guide/moves.md": "Moves"}, {}
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "fixture")
    first = versions.publish(**env_repo, version="2026.10", alias="latest", title=None)

    # The page moves without a redirect: both the check and the publish must refuse.
    pages_v2 = {"index.md": "Home", "guide/stays.md": "Stays", "guide/moved-here.md": "Moves"}
    write_fixture(repo, pages_v2, {})
    label, lost = versions.check_paths(**env_repo, previous=None)
    refused = None
    try:
        versions.publish(**env_repo, version="2026.11", alias="latest", title=None)
    except versions.VersionsError as exc:
        refused = str(exc)
    editions_after_refusal = versions.read_editions(repo, BRANCH)

    write_fixture(repo, pages_v2, {"guide/moves.md": "guide/moved-here.md"})
    _, lost_with_redirect = versions.check_paths(**env_repo, previous=None)
    second = versions.publish(**env_repo, version="2026.11", alias="latest", title=None)

    # A late fix to an older edition, deployed with mike directly and no alias.
    write_fixture(
        repo,
        {"index.md": "Home", "guide/stays.md": "Stays", "guide/backport-only.md": "Backport"},
        {},
    )
    subprocess.run(
        [str(Path(sys.executable).parent / "mike"), "deploy", "-b", BRANCH, "2026.09"],
        cwd=repo,
        check=True,
        capture_output=True,
        env=tool_env(),
    )

    served = export_branch(repo, BRANCH, tmp_path_factory.mktemp("served"))
    server, url = serve_directory(served)
    yield {
        "repo": repo,
        "first": first,
        "second": second,
        "label": label,
        "lost": lost,
        "refused": refused,
        "after_refusal": editions_after_refusal,
        "lost_with_redirect": lost_with_redirect,
        "served": served,
        "url": url,
    }
    server.shutdown()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # loopback only
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def test_versions_json_lists_editions_and_moves_the_alias(published):
    first = published["first"]
    assert [(e.version, e.aliases) for e in first] == [("2026.10", ("latest",))]
    data = json.loads(git(published["repo"], "show", f"{BRANCH}:versions.json"))
    by_version = {e["version"]: e["aliases"] for e in data}
    assert by_version == {"2026.11": ["latest"], "2026.10": [], "2026.09": []}


def test_mike_deletes_no_edition_it_was_not_asked_to(published):
    listed = git(published["repo"], "ls-tree", "--name-only", BRANCH)
    for edition in ("2026.09", "2026.10", "2026.11", "latest"):
        assert edition in listed.split()
    old_pages = git(published["repo"], "ls-tree", "-r", "--name-only", BRANCH, "2026.10/")
    assert "2026.10/guide/moves/index.html" in old_pages


def test_default_is_latest_and_root_redirects_there(published):
    status, body = _get(published["url"] + "/")
    assert status == 200
    assert 'content="0; url=latest/"' in body or "latest/" in body


@pytest.mark.parametrize("edition", ["2026.10", "2026.11", "latest", "2026.09"])
def test_every_edition_is_served(published, edition):
    status, body = _get(f"{published['url']}/{edition}/guide/stays/")
    assert status == 200
    assert "Stays" in body


def test_latest_serves_the_newest_edition(published):
    assert _get(published["url"] + "/latest/guide/moved-here/")[0] == 200
    assert _get(published["url"] + "/2026.10/guide/moved-here/")[0] == 404


def test_moved_page_keeps_a_redirect_in_the_new_edition(published):
    status, body = _get(published["url"] + "/latest/guide/moves/")
    assert status == 200
    assert "../moved-here/" in body  # mkdocs-redirects' meta refresh + JS to the new path


def test_check_paths_names_a_path_lost_without_redirect(published):
    assert published["lost"] == ["guide/moves/"]
    assert "2026.10" in published["label"]
    assert published["lost_with_redirect"] == []


def test_publish_refuses_and_leaves_the_branch_alone(published):
    assert published["refused"] and "redirect" in published["refused"]
    assert [e.version for e in published["after_refusal"]] == ["2026.10"]


def test_check_paths_reads_a_sitemap_and_a_directory(published, tmp_path):
    served: Path = published["served"]
    previous = versions.pages_in_sitemap(served / "2026.10" / "sitemap.xml")
    assert {"", "guide/stays/", "guide/moves/"} <= previous
    current = versions.pages_in_directory(served / "2026.11")
    assert previous <= current  # the moved page left a redirect in the directory
    bad = tmp_path / "sitemap.xml"
    bad.write_text("<urlset>\n<url><loc>x</loc>\n</urlset>")
    with pytest.raises(versions.VersionsError, match=r"sitemap.xml:3"):
        versions.pages_in_sitemap(bad)


def test_check_paths_command_exit_codes(published, capsys):
    repo: Path = published["repo"]
    parser = argparse.ArgumentParser()
    versions.register(parser.add_subparsers())
    common = ["--repo", str(repo), "-f", str(repo / "mkdocs.yml")]
    ok = parser.parse_args(["versions", "check-paths", *common, "--previous", "2026.09"])
    assert ok.func(ok) == 0
    # The working tree holds the 2026.09 fix: guide/moved-here and the redirect are gone.
    bad = parser.parse_args(["versions", "check-paths", *common, "--previous", "2026.11"])
    assert bad.func(bad) == 1
    err = capsys.readouterr().err
    assert "/guide/moved-here/ of edition 2026.11" in err and "/guide/moves/" in err
    assert "2 path(s)" in err


def test_publish_rejects_a_non_calendar_version(published):
    with pytest.raises(versions.VersionsError, match="YYYY.MM"):
        versions.publish(
            repo=published["repo"],
            config_file=published["repo"] / "mkdocs.yml",
            version="v2",
            branch=BRANCH,
            alias="latest",
            title=None,
        )


@pytest.mark.browser
def test_old_edition_shows_banner_linking_same_page_in_latest(published, page):
    page.goto(f"{published['url']}/2026.10/guide/stays/")
    banner = page.locator("[data-md-component=outdated]")
    banner.wait_for(state="visible", timeout=10_000)
    link = page.locator("[data-hb-outdated-link]")
    page.wait_for_function(
        "document.querySelector('[data-hb-outdated-link]').dataset.hbOutdatedState === 'same-page'"
    )
    assert link.get_attribute("href") == f"{published['url']}/latest/guide/stays/"
    assert link.inner_text() == "Read this page in the latest edition."
    link.click()
    page.wait_for_url(f"{published['url']}/latest/guide/stays/")
    assert page.locator("[data-md-component=outdated]").is_hidden()


@pytest.mark.browser
def test_banner_links_latest_home_when_the_page_is_gone(published, page):
    page.goto(f"{published['url']}/2026.09/guide/backport-only/")
    page.locator("[data-md-component=outdated]").wait_for(state="visible", timeout=10_000)
    page.wait_for_function(
        "document.querySelector('[data-hb-outdated-link]').dataset.hbOutdatedState === 'home'"
    )
    assert page.locator("[data-hb-outdated-link]").get_attribute("href") == (
        f"{published['url']}/latest/"
    )
    assert "not in the latest edition" in page.locator("[data-hb-outdated-link]").inner_text()


@pytest.mark.browser
def test_latest_edition_shows_no_banner(published, page):
    page.goto(f"{published['url']}/latest/guide/stays/")
    page.wait_for_selector(".md-version__current", timeout=10_000)  # the selector rendered
    assert page.locator(".md-version__current").inner_text().startswith("2026.11")
    assert page.locator("[data-md-component=outdated]").is_hidden()


@pytest.mark.browser
def test_banner_follows_instant_navigation(published, page):
    page.goto(f"{published['url']}/2026.10/")
    page.locator("[data-md-component=outdated]").wait_for(state="visible", timeout=10_000)
    page.wait_for_function(
        "document.querySelector('[data-hb-outdated-link]').dataset.hbOutdatedState === 'same-page'"
    )
    assert page.locator("[data-hb-outdated-link]").get_attribute("href") == (
        f"{published['url']}/latest/"
    )
    page.locator("article a[href$='guide/stays/']").click()  # instant navigation
    page.wait_for_url(f"{published['url']}/2026.10/guide/stays/")
    page.wait_for_function(
        "document.querySelector('[data-hb-outdated-link]').href.endsWith('/latest/guide/stays/')"
    )
    assert page.locator("[data-md-component=outdated]").is_visible()


@pytest.mark.browser
def test_current_edition_makes_no_check_request(published, page):
    heads: list[str] = []
    page.on("request", lambda r: heads.append(r.url) if r.method == "HEAD" else None)
    page.goto(f"{published['url']}/2026.11/guide/stays/", wait_until="networkidle")
    assert page.locator("[data-md-component=outdated]").is_hidden()
    assert page.locator("[data-hb-outdated-link]").get_attribute("data-hb-outdated-state") is None
    assert heads == []
