"""The review job of .github/workflows/handbook.yml and the script that keeps one comment."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from handbook.review.comment import MARKER

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github/workflows/handbook.yml"


def test_workflow_matches_the_github_workflow_schema() -> None:
    """check-jsonschema's vendored schema of GitHub workflow files (no network needed)."""
    tool = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run(
        [str(tool), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_review_job_runs_on_pull_requests_and_comments_once() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow.get("on", workflow.get(True))  # PyYAML reads the key `on` as True
    assert "pull_request" in triggers
    job = workflow["jobs"]["review"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    checkout = job["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["persist-credentials"] is False
    assert checkout["with"]["fetch-depth"] == 0  # the base commit, for `git diff BASE...HEAD`
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "pip install -q --require-hashes -r lock/docs.txt" in runs  # the base install
    assert 'git diff --no-color --no-ext-diff "$BASE_SHA...HEAD" > pr.diff' in runs
    assert "handbook review --diff pr.diff --checkout . > review-comment.md" in runs
    assert "--format json > review.json" in runs
    (comment,) = [s for s in job["steps"] if s.get("uses", "").startswith("actions/github-script@")]
    assert "scripts/handbook/review/upsert-comment.cjs" in comment["with"]["script"]
    assert comment["if"] == "github.event.pull_request.head.repo.full_name == github.repository"


@pytest.fixture(scope="module")
def scenarios() -> dict:
    node = shutil.which("node")
    assert node, "node is installed by `make install`"
    out = subprocess.run(
        [node, str(ROOT / "tests/review/upsert_scenarios.cjs")],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_script_and_tool_share_the_marker(scenarios: dict) -> None:
    assert scenarios["marker"] == MARKER


def test_nothing_matched_and_nothing_said_before_posts_nothing(scenarios: dict) -> None:
    run = scenarios["nothingToSay"]
    assert run["results"] == ["skipped"]
    assert run["comments"] == ["looks good 0", "looks good 1"]


def test_one_comment_created_then_updated_never_a_second(scenarios: dict) -> None:
    run = scenarios["createThenUpdate"]
    assert run["results"] == ["created", "updated", "unchanged", "updated"]
    assert run["comments"] == ["looks good 0", "looks good 1", f"{MARKER} nothing"]
    assert run["calls"].count("create") == 1


def test_the_comment_is_found_beyond_the_first_page(scenarios: dict) -> None:
    run = scenarios["ourCommentOnPageTwo"]
    assert run["results"] == ["updated"]
    assert sum(body.startswith(MARKER) for body in run["comments"]) == 1
    assert run["comments"][-1] == f"{MARKER} new"


def test_duplicates_left_by_a_race_are_removed(scenarios: dict) -> None:
    run = scenarios["duplicatesFromARace"]
    assert run["results"] == ["updated"]
    assert run["comments"] == [f"{MARKER} c", "other"]


def test_a_body_without_the_marker_is_refused(scenarios: dict) -> None:
    assert "must start with" in scenarios["unmarked"]
