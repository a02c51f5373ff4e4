"""`handbook generate`: every generated file is current, and a stale one is named by `--check`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from handbook import generate
from handbook.project import Project


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from handbook.cli import main; sys.exit(main())",
            *args,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_committed_generated_files_are_current(project: Project) -> None:
    run = cli("generate", "--check", cwd=project.root)
    assert run.returncode == 0, run.stderr


def test_every_generator_writes_the_same_bytes_twice(project: Project) -> None:
    for name in generate.GENERATORS:
        make = generate.generator(name)
        assert make(project) == make(project), name


def test_check_names_each_stale_file_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Scratch\nsite_url: https://docs.example.net/\n", encoding="utf-8"
    )
    (tmp_path / "docs" / "checklists").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "docs" / "checklists" / "code-review.md").write_text(
        "# Review {#review data-hb-checklist}\n\n## Tests {#tests}\n\n- [ ] [Home](../index.md)\n",
        encoding="utf-8",
    )
    stale = cli(
        "--root", str(tmp_path), "generate", "--check", "--only", "pr-templates", cwd=tmp_path
    )
    assert stale.returncode == 1
    assert ".github/pull_request_template.md: out of date" in stale.stderr
    assert not (tmp_path / ".github").exists()
    wrote = cli("--root", str(tmp_path), "generate", "--only", "pr-templates", cwd=tmp_path)
    assert wrote.returncode == 0 and "wrote .github/pull_request_template.md" in wrote.stdout
    again = cli(
        "--root", str(tmp_path), "generate", "--check", "--only", "pr-templates", cwd=tmp_path
    )
    assert again.returncode == 0, again.stderr


def test_a_bad_input_is_named_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Scratch\n", encoding="utf-8")
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "results.json").write_text('{\n  "schema": \n}\n', encoding="utf-8")
    run = cli("--root", str(tmp_path), "generate", "--check", "--only", "performance", cwd=tmp_path)
    assert run.returncode == 2 and "bench/results.json:3: not JSON" in run.stderr
    gone = cli("--root", str(tmp_path), "generate", "--only", "search-quality", cwd=tmp_path)
    assert gone.returncode == 2 and "search-quality.json" in gone.stderr
