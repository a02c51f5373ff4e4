"""`handbook review --diff`: the comment for a pull request's diff, as CI posts it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from handbook.generate import stale
from handbook.project import Project
from handbook.review import default_site_url, fragments, review
from handbook.review.comment import MARKER

from .helpers import git_diff

ROOT = Path(__file__).resolve().parents[2]
PROJECT = Project.from_root(ROOT)
HANDBOOK = [sys.executable, "-m", "handbook.cli", "review"]
LATEST = "https://handbook.example.org/latest/"

APP = """from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()


@app.get("/health")
def health():
    return {"status": "ok"}
"""
ROUTE = """import time

from fastapi import APIRouter

router = APIRouter()


@router.get("/slow")
async def slow():
    return {"status": "done"}
"""


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*HANDBOOK, *args], input=stdin, capture_output=True, text=True, cwd=ROOT, check=False
    )


def test_default_links_point_at_latest_of_the_configured_site() -> None:
    assert default_site_url(PROJECT) == LATEST


def test_wildcard_cors_links_the_allow_list_section(tmp_path: Path) -> None:
    cors = 'app.add_middleware(CORSMiddleware, allow_origins=["*"])\n'
    after = APP.replace("app = FastAPI()\n", "app = FastAPI()\n" + cors)
    diff = tmp_path / "pr.diff"
    diff.write_text(git_diff(tmp_path, {"app/main.py": APP}, {"app/main.py": after}))
    result = run("--diff", str(diff))
    assert result.returncode == 0, result.stderr
    assert f"({LATEST}security/cors/#allow-list)" in result.stdout
    assert "`app/main.py` line 5:" in result.stdout
    # the checklist item that links the CORS page applies too
    assert f"[CORS is configured]({LATEST}security/cors/#allow-list)" in result.stdout


def test_time_sleep_in_async_def_links_the_blocking_calls_section(tmp_path: Path) -> None:
    after = ROUTE.replace("async def slow():\n", "async def slow():\n    time.sleep(1)\n")
    text = git_diff(tmp_path, {"app/routes.py": ROUTE}, {"app/routes.py": after})
    result = run("--diff", "-", stdin=text)
    assert result.returncode == 0, result.stderr
    assert f"({LATEST}backend/async/#blocking-in-async)" in result.stdout
    assert "`app/routes.py` line 10:" in result.stdout


def test_the_same_sleep_in_a_plain_def_links_nothing(tmp_path: Path) -> None:
    plain = ROUTE.replace("async def slow():\n", "def slow():\n    time.sleep(1)\n")
    text = git_diff(tmp_path, {"app/routes.py": ROUTE}, {"app/routes.py": plain})
    assert review(text, "pr.diff", PROJECT, LATEST) == (
        f"{MARKER} No section of the handbook matches what this change touches.\n"
    )


def test_a_readme_only_diff_links_nothing_in_one_line(tmp_path: Path) -> None:
    text = git_diff(
        tmp_path,
        {"README.md": "# Service\n"},
        {"README.md": '# Service\n\nSet `allow_origins=["*"]` never.\n'},
    )
    result = run("--diff", "-", stdin=text)
    assert result.returncode == 0
    assert result.stdout.count("\n") == 1
    assert "No section of the handbook matches" in result.stdout
    assert json.loads(run("--diff", "-", "--format", "json", stdin=text).stdout)["matched"] is False


def test_a_malformed_diff_is_an_error_naming_the_line(tmp_path: Path) -> None:
    text = (ROOT / "tests/review/golden/example.diff").read_text()
    text = text.replace("\n+    allow_origins", "\n#    allow_origins")
    bad = tmp_path / "pr.diff"
    bad.write_text(text)
    line = text.splitlines().index('#    allow_origins=["*"],') + 1
    result = run("--diff", str(bad))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"error: {bad}:{line}: not a unified diff")


def test_a_missing_diff_file_is_an_error() -> None:
    result = run("--diff", "no-such.diff")
    assert result.returncode == 2 and "no-such.diff" in result.stderr


def test_json_carries_sections_findings_and_items() -> None:
    result = run(
        "--diff",
        "tests/review/golden/example.diff",
        "--format",
        "json",
        "--site-url",
        "https://handbook.test/2026.12",
    )
    data = json.loads(result.stdout)
    assert set(data) == {"site_url", "matched", "sections", "checklist_items"}
    assert {"page", "anchor", "title", "url", "findings"} <= set(data["sections"][0])
    assert data["matched"] is True
    assert data["site_url"] == "https://handbook.test/2026.12/"
    urls = [s["url"] for s in data["sections"]]
    assert urls[:2] == [
        "https://handbook.test/2026.12/security/cors/#allow-list",
        "https://handbook.test/2026.12/backend/async/#blocking-in-async",
    ]
    finding = data["sections"][0]["findings"][0]
    where = (finding["rule"], finding["file"], finding["line"])
    assert where == ("cors-wildcard-origin", "app/main.py", 10)
    assert {i["checklist"] for i in data["checklist_items"]} >= {"production-readiness"}


def test_golden_comment_for_the_example_diff() -> None:
    """The exact Markdown CI posts for tests/review/golden/example.diff."""
    result = run("--diff", "tests/review/golden/example.diff")
    assert result.returncode == 0
    assert result.stdout == (ROOT / "tests/review/golden/example.md").read_text(encoding="utf-8")


METHOD = """import time


class Reports:
    def __init__(self, store):
        self.store = store

    async def get(self, report_id):
        report = await self.store.load(report_id)
        first = report.pages[0]
        last = report.pages[-1]
        count = len(report.pages)
        return {"first": first, "last": last, "count": count}
"""


@pytest.mark.parametrize("with_checkout", [False, True])
def test_what_the_structural_matcher_sees(tmp_path: Path, with_checkout: bool) -> None:
    """A hunk deep in a method shows `class Reports:` in its header, not the `async def`: only
    the whole file from the checkout (`--checkout`) shows that the call is inside one."""
    after = METHOD.replace("        count = len", "        time.sleep(1)\n        count = len")
    text = git_diff(tmp_path, {"svc/reports.py": METHOD}, {"svc/reports.py": after})
    assert "@@ class Reports:" in text
    checkout = tmp_path / "repo" if with_checkout else None
    comment = review(text, "pr.diff", PROJECT, LATEST, checkout=checkout)
    assert ("backend/async/#blocking-in-async" in comment) is with_checkout


def test_a_checkout_that_is_not_the_diffs_new_side_is_not_used(tmp_path: Path) -> None:
    after = METHOD.replace("        count = len", "        time.sleep(1)\n        count = len")
    text = git_diff(tmp_path, {"svc/reports.py": METHOD}, {"svc/reports.py": after})
    (tmp_path / "repo/svc/reports.py").write_text(METHOD)  # the old file: lines differ
    assert "blocking-in-async" not in review(
        text, "pr.diff", PROJECT, LATEST, checkout=tmp_path / "repo"
    )


def test_generated_fragments_are_current_and_the_bars_are_met() -> None:
    assert stale(PROJECT, fragments(PROJECT)) == [], "run `handbook generate`"
    result = run("--corpus")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "| **all** |" in result.stdout


def test_checkout_option_of_the_command(tmp_path: Path) -> None:
    after = METHOD.replace("        count = len", "        time.sleep(1)\n        count = len")
    text = git_diff(tmp_path, {"svc/reports.py": METHOD}, {"svc/reports.py": after})
    result = run("--diff", "-", "--checkout", str(tmp_path / "repo"), stdin=text)
    assert result.returncode == 0 and "`svc/reports.py` line 12:" in result.stdout


def test_a_huge_diff_gives_a_comment_github_accepts(tmp_path: Path) -> None:
    files = {
        f"web/m{i}.js": "".join(f'console.log("{i}-{n}");\n' for n in range(30)) for i in range(400)
    }
    text = git_diff(tmp_path, {}, files)
    comment = review(text, "pr.diff", PROJECT, LATEST)
    assert len(comment) < 65_536
    assert "lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 18 more" in comment


def test_bytes_that_are_not_utf8_are_read(tmp_path: Path) -> None:
    text = git_diff(tmp_path, {"app.py": "x = 1\n"}, {"app.py": "x = 1\nverify=False  # caf\xe9\n"})
    result = subprocess.run(
        [*HANDBOOK, "--diff", "-"],
        input=text.encode("latin-1"),
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0 and b"security/https-hsts/#why" in result.stdout


def test_a_huge_diff_gets_a_comment_github_accepts_with_the_rest_counted() -> None:
    cors = 'app.add_middleware(CORSMiddleware, allow_origins=["*"])'
    text = "".join(
        f"diff --git a/app/m{i}.py b/app/m{i}.py\nnew file mode 100644\n--- /dev/null\n"
        f"+++ b/app/m{i}.py\n@@ -0,0 +1,1 @@\n+{cors}\n"
        for i in range(1500)
    )
    comment = review(text, "pr.diff", PROJECT, LATEST)
    listed = comment.count("<sub>rule `cors-wildcard-origin`</sub>")
    assert len(comment) < 65_536  # GitHub refuses longer comments
    assert f"… and {1500 - listed} more: run `handbook review --diff`" in comment
    assert comment.rstrip().endswith("#allow-list)")  # the checklist items still follow
