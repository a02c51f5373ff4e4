"""A small handbook for mike to publish in throwaway repositories (versions and nginx tests).

It uses the project's own theme overrides and outdated-banner script, so what the tests see is
what readers of an old edition see.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tarfile
import textwrap
from pathlib import Path

from conftest import ROOT


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout


def write_fixture(repo: Path, pages: dict[str, str], redirects: dict[str, str]) -> Path:
    """A small handbook: Material with the project's overrides, search, redirects, mike."""
    docs = repo / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    for rel, title in pages.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        links = "".join(f"- [{t}]({r})\n" for r, t in pages.items() if r != rel)
        body = f"# {title}\n\nText of {title}.\n\n## Details {{#details}}\n\nMore.\n"
        path.write_text(body + ("\n" + links if rel == "index.md" else ""))
    (docs / "assets").mkdir(parents=True, exist_ok=True)
    for script in (ROOT / "docs" / "assets").glob("hb-*.js"):  # what overrides/main.html loads
        shutil.copy(script, docs / "assets" / script.name)
    config = repo / "mkdocs.yml"
    config.write_text(
        textwrap.dedent(f"""\
        site_name: Fixture handbook
        site_url: https://handbook.example.org/
        strict: true
        theme:
          name: material
          custom_dir: {ROOT / "overrides"}
          font: false
          features: [navigation.instant]
        plugins:
          - search
          - redirects:
              redirect_maps: {json.dumps(redirects)}
        extra:
          version:
            provider: mike
            alias: true
            default: latest
        """)
    )
    return config


def export_branch(repo: Path, branch: str, dest: Path) -> Path:
    """The files of the mike branch, as a web server would serve them (symlinked aliases kept)."""
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", branch], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="tar")
    return dest


def init_repo(repo: Path) -> Path:
    """An empty git repository with an identity, for mike to commit editions into."""
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "editions@example.org")
    git(repo, "config", "user.name", "Editions test")
    return repo
