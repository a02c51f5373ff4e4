"""Reading `git diff` output: files, statuses, added lines; errors name the line."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from handbook.review.diff import DiffError, parse_diff, synthesize

from .helpers import git_diff

ROOT = Path(__file__).resolve().parents[2]


def test_statuses_and_added_line_numbers(tmp_path: Path) -> None:
    text = git_diff(
        tmp_path,
        {"app.py": "a = 1\nb = 2\nc = 3\n", "old.txt": "bye\n"},
        {"app.py": "a = 1\nb = 20\nc = 3\nd = 4\n", "old.txt": None, "new.py": "x = 1\n"},
    )
    files = {f.path: f for f in parse_diff(text)}
    assert files["app.py"].status == "modified"
    added = [(line.number, line.text) for line in files["app.py"].added]
    assert added == [(2, "b = 20"), (4, "d = 4")]
    assert files["old.txt"].status == "deleted" and files["old.txt"].added == []
    assert files["new.py"].status == "added" and files["new.py"].first_line == 1


def test_empty_diff_changes_nothing() -> None:
    assert parse_diff("") == []


def test_text_that_is_not_a_diff_names_its_first_line() -> None:
    with pytest.raises(DiffError, match=r"^pr\.diff:2: not a unified diff: no `diff --git`"):
        parse_diff("\nhello\n", "pr.diff")


def test_a_broken_hunk_line_is_named() -> None:
    text = (ROOT / "tests/review/corpus/cors-wildcard.diff").read_text().splitlines(keepends=True)
    bad = next(i for i, line in enumerate(text) if line.startswith("+    allow_origins"))
    text[bad] = "*" + text[bad][1:]
    with pytest.raises(DiffError) as err:
        parse_diff("".join(text), "pr.diff")
    assert str(err.value).startswith(f"pr.diff:{bad + 1}: not a unified diff")
    assert "allow_origins" in str(err.value)


def test_a_hunk_cut_short_is_named() -> None:
    text = "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1,3 @@\n a\n+b\n"
    with pytest.raises(DiffError, match=r"^<diff>:6: not a unified diff \(Hunk is shorter"):
        parse_diff(text)


def test_synthesized_cases_read_like_git_output() -> None:
    text = synthesize("app/x.py", "@@ async def handler():\n     a = 1\n+    time.sleep(1)\n")
    (change,) = parse_diff(text)
    assert change.hunks[0].section == "async def handler():"
    assert [(line.number, line.added) for line in change.hunks[0].lines] == [(1, False), (2, True)]


def test_renames_binaries_and_mode_changes(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    lines = "".join(f"{i}\n" for i in range(1, 31))
    git_diff(tmp_path, {"a.txt": lines, "same.txt": "same\n"}, {})

    def run(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)
        return done.stdout.decode()

    run("mv", "a.txt", "moved.txt")
    run("mv", "same.txt", "renamed.txt")
    (repo / "moved.txt").write_text(lines + "31\n")
    (repo / "b.bin").write_bytes(b"\x00\x01bin")
    run("add", "-A")
    files = {f.path: f for f in parse_diff(run("diff", "--cached", "-M", "--no-color"))}
    assert files["moved.txt"].status == "renamed"
    assert [(line.number, line.text) for line in files["moved.txt"].added] == [(31, "31")]
    assert files["renamed.txt"].status == "renamed" and files["renamed.txt"].added == []
    assert files["b.bin"].binary
