"""The fixture tree with one snippet per language passes, with real toolchains."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from handbook.snippets import report

from tests.snippets.conftest import ROOT, copy_tree, line_of, run_tree

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory):
    root = copy_tree("good", tmp_path_factory.mktemp("good"))
    return root, run_tree(root)


def test_every_language_runs_and_passes(good) -> None:
    root, result = good
    failures = [(r.file, r.error) for r in result.results if not r.ok]
    assert failures == [] and result.problems == []
    languages = {r.language for r in result.results}
    assert languages == {
        "python",
        "sqlite",
        "postgresql",
        "bash",
        "javascript",
        "typescript",
        "data",
        "css",
        "make",
    }
    assert not any(r.cached for r in result.results)


def test_blocks_inside_admonitions_tabs_and_lists_are_found(good) -> None:
    root, result = good
    page = root / "docs" / "index.md"
    where = {inc.file: inc.where.line for inc in result.discovery.includes}
    assert where["demo/totals.sql"] == line_of(page, '"demo/totals.sql"')  # admonition
    assert where["demo/upsert.pg.sql"] == line_of(page, '"demo/upsert.pg.sql"')  # tab
    assert where["demo/theme.dom.js"] == line_of(page, '"demo/theme.dom.js"')  # list item
    kinds = [b.kind for b in result.discovery.blocks]
    assert kinds.count("illustrative") == 2 and kinds.count("text") == 1
    # the escaped include inside the four-backtick example is not an include
    assert all(inc.where.line != line_of(page, ";--8<--") for inc in result.discovery.includes)


def test_stubs_record_outward_calls_and_the_script_still_runs(good) -> None:
    _, result = good
    deploy = next(r for r in result.results if r.file == "demo/deploy.sh")
    assert deploy.ok
    assert deploy.stub_calls == [
        "git push origin v1.2.3",
        "docker build -t app:1.2.3 .",
        "curl -fsS https://example.org/deploy-hook",
    ]


def test_summary_lines(good) -> None:
    _, result = good
    lines = report.console(result).split("\n")
    assert lines[0] == f"snippets: {len(result.results)} passed, 0 failed"
    assert lines[1].startswith("illustrative: 2 blocks")
    assert "  postgresql: 1 passed, 0 failed" in lines


def test_cli_exit_code_and_json_report(tmp_path: Path) -> None:
    root = copy_tree("good", tmp_path)
    (root / "snippets" / "demo" / "unused.sh").write_text("#!/bin/sh\necho hi\n")
    proc = subprocess.run(
        [
            str(Path(sys.executable).with_name("handbook")),
            "snippets",
            "--root",
            str(root),
            "--only",
            "snippets/demo/sum.js",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "FAIL snippets/demo/unused.sh:1: snippet file is not included by any page" in proc.stdout
    assert re.search(r"^snippets: 1 passed, 1 failed$", proc.stdout, re.M)
    assert (root / ".cache" / "snippets" / "report.json").is_file()
