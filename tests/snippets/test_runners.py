"""The runner table: every runner satisfies the written interface, and the order picks the most
specific runner for a file (postgres before sqlite, since `*.pg.sql` also ends in `.sql`)."""

from __future__ import annotations

import inspect

import pytest
from handbook.snippets import runners
from handbook.snippets.runners import base, postgres, sqlite, typescript

from tests.snippets.conftest import TOOLCHAIN

# Sample files each runner must be the one to check.
SAMPLES = {
    "python": ["demo/app.py"],
    "postgresql": ["demo/upsert.pg.sql"],
    "sqlite": ["demo/totals.sql"],
    "bash": ["ops/deploy.sh"],
    "javascript": ["demo/sum.js", "demo/theme.dom.js"],
    "typescript": ["demo/middleware.ts"],
    "data": ["ci/workflow.yml", "demo/config.json"],
    "css": ["demo/theme.css"],
    "make": ["demo/Makefile"],
}


def test_every_runner_has_the_interface() -> None:
    for runner in runners.RUNNERS:
        for name in ("matches", "version", "implicit_deps", "run"):
            assert callable(getattr(runner, name)), (runner.NAME, name)
        assert list(inspect.signature(runner.run).parameters) == ["ctx", "file"], runner.NAME
        if getattr(runner, "BATCH", False):
            assert callable(runner.run_batch), runner.NAME
    assert {r.NAME for r in runners.RUNNERS} == set(SAMPLES)


@pytest.mark.parametrize(("name", "rel"), [(n, f) for n, fs in SAMPLES.items() for f in fs])
def test_each_file_goes_to_its_own_runner(name: str, rel: str) -> None:
    assert runners.for_file(rel).NAME == name


def test_a_general_runner_never_comes_before_a_specific_one() -> None:
    """A runner matching another's sample must come after it: the first match wins."""
    order = [r.NAME for r in runners.RUNNERS]
    for runner in runners.RUNNERS:
        for other, files in SAMPLES.items():
            if other != runner.NAME and any(runner.matches(f) for f in files):
                assert order.index(other) < order.index(runner.NAME), (other, runner.NAME)
    assert sqlite.matches("demo/upsert.pg.sql")  # the overlap the order resolves
    assert order.index(postgres.NAME) < order.index(sqlite.NAME)


def test_timeout_flag_not_the_message_decides(tmp_path) -> None:
    slow = base.run(["sleep", "5"], cwd=tmp_path, env=base.clean_env(tmp_path), timeout=0.5)
    assert base.failed(slow, tmp_path / "x", "sleep").timed_out
    said = base.run(
        ["sh", "-c", "echo 'timed out after 3s' >&2; exit 1"],
        cwd=tmp_path,
        env=base.clean_env(tmp_path),
        timeout=5,
    )
    outcome = base.failed(said, tmp_path / "x", "sh")
    assert "timed out after" in outcome.error and not outcome.timed_out


def test_a_tsc_timeout_is_marked_timed_out(tmp_path) -> None:
    """tsc cut off by the clock fails every file of the batch, as a timeout: never cached."""
    snippet = tmp_path / "snippets" / "demo" / "ok.ts"
    snippet.parent.mkdir(parents=True)
    snippet.write_text("export const answer: number = 42;\n")
    ctx = base.Context(tmp_path, tmp_path / "snippets", TOOLCHAIN, timeout=0.01)
    outcome = typescript.type_check(ctx, [snippet])[snippet]
    assert not outcome.ok and "tsc failed outside the snippets" in outcome.error
    assert outcome.timed_out


def test_output_is_decoded_from_bytes_so_carriage_returns_stay() -> None:
    """Text mode would turn a printed `\\r` into `\\n`, and a wrong `Output:` block would pass."""
    ran = base.run_clean(["printf", "a\\r\\nb"], timeout=10)
    assert (ran.returncode, ran.stdout) == (0, "a\r\nb")
