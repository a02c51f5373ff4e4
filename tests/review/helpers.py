"""Real `git diff` output for review tests: a scratch repository, one commit, then the change."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git_diff(tmp: Path, before: dict[str, str | None], after: dict[str, str | None]) -> str:
    """The `git diff` of a scratch repository from `before` to `after` (None: file absent)."""
    repo = tmp / "repo"
    repo.mkdir(exist_ok=True)

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
        ).stdout

    git("init", "-q")
    git("config", "user.email", "review@example.org")
    git("config", "user.name", "review")
    (repo / ".keep").write_text("")
    for files in (before, after):
        for name, text in files.items():
            path = repo / name
            if text is None:
                path.unlink(missing_ok=True)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text)
        git("add", "-A")
        if files is before:
            git("commit", "-qm", "before")
    return git("diff", "--cached", "--no-color")
