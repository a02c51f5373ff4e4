"""Generate a synthetic handbook of N realistic pages: build and search cost measured at scale.

Pages are deterministic (seeded): the same N always gives the same site, so runs compare.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from wordfreq import top_n_list

SECTIONS = 10
GROUP_SIZE = 10  # pages per sub-section, as a growing handbook groups them
CODE_BLOCKS = [
    (
        "python",
        'def handler(request):\n    """Return the envelope."""\n'
        '    return {{"id": {n}, "status": "ok"}}\n',
    ),
    ("bash", "set -euo pipefail\nmake build\necho 'page {n} built'\n"),
    ("yaml", "service: page-{n}\nreplicas: 2\nports: [8080]\n"),
]


@dataclass(frozen=True)
class SyntheticSite:
    """Where a generated handbook lives and the nav that lists its pages."""

    root: Path
    docs: Path
    nav: list


def _sentence(rng: random.Random, words: list[str]) -> str:
    chosen = [rng.choice(words) for _ in range(rng.randint(8, 18))]
    return " ".join(chosen).capitalize() + "."


def _paragraph(rng: random.Random, words: list[str], n_words: int) -> str:
    out: list[str] = []
    count = 0
    while count < n_words:
        s = _sentence(rng, words)
        out.append(s)
        count += len(s.split())
    return " ".join(out)


def page_text(n: int, rng: random.Random, words: list[str]) -> str:
    """One page: ~800 words of prose, 4-6 headings, 3 code blocks, an 8-item task list, a note."""
    title = f"Practice {n}: {' '.join(rng.choice(words) for _ in range(3))}"
    headings = rng.randint(4, 6)
    prose_per_heading = 800 // (headings + 1)
    parts = [
        f"---\ntags: [topic-{n % 7}]\n---\n",
        f"# {title}\n",
        _paragraph(rng, words, prose_per_heading),
    ]
    for h in range(headings):
        parts.append(f"\n## {rng.choice(words).capitalize()} {rng.choice(words)} {h + 1}\n")
        parts.append(_paragraph(rng, words, prose_per_heading))
        if h < len(CODE_BLOCKS):
            lang, body = CODE_BLOCKS[h]
            parts.append(
                f'\n```{lang} title="Illustrative: synthetic example {h + 1}"\n'
                f"{body.format(n=n)}```\n"
            )
        if h == 1:
            parts.append(f'\n!!! note "Where the guides disagree"\n    {_sentence(rng, words)}\n')
    parts.append("\n## Checklist\n")
    parts.extend(f"- [{'x' if i % 3 == 0 else ' '}] {_sentence(rng, words)}" for i in range(8))
    return "\n".join(parts) + "\n"


def generate(root: Path, pages: int, assets: Path | None = None, seed: int = 8) -> SyntheticSite:
    """Write `pages` pages (plus section indexes) under root/docs; returns the site and its nav."""
    if pages < SECTIONS:
        raise ValueError(f"--pages must be at least {SECTIONS}, got {pages}")
    root = root.resolve()
    docs = root / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    if assets is not None and assets.is_dir():
        shutil.copytree(assets, docs / "assets")
    rng = random.Random(seed)  # noqa: S311 - reproducible filler text, not secrets
    words = top_n_list("en", 3000)
    (docs / "index.md").write_text("# Synthetic handbook\n\n" + _paragraph(rng, words, 120) + "\n")
    guides: list = []
    for s in range(SECTIONS):
        section_pages = [n for n in range(pages) if n % SECTIONS == s]
        sdir = docs / f"section-{s:02d}"
        sdir.mkdir()
        (sdir / "index.md").write_text(f"# Section {s}\n\n{_paragraph(rng, words, 80)}\n")
        entries: list = [f"section-{s:02d}/index.md"]
        for g in range(0, len(section_pages), GROUP_SIZE):
            group = []
            for n in section_pages[g : g + GROUP_SIZE]:
                rel = f"section-{s:02d}/page-{n:05d}.md"
                (docs / rel).write_text(page_text(n, rng, words))
                group.append(rel)
            entries.append({f"Group {g // GROUP_SIZE + 1}": group})
        guides.append({f"Section {s}": entries})
    _commit(root)
    return SyntheticSite(root, docs, [{"Home": "index.md"}, {"Guides": guides}])


def _commit(root: Path) -> None:
    """The pages as one commit of their own repository, as a real handbook's pages are: the
    build reads each page's last-update date from git as the handbook's does (untracked pages
    in the project's tree made git walk its whole history for every page)."""
    shutil.rmtree(root / ".git", ignore_errors=True)
    date = "2026-01-01T00:00:00+00:00"  # fixed: the same pages give the same commit
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    who = ["-c", "user.name=Handbook", "-c", "user.email=handbook@handbook.test"]
    for args in (["init", "-q"], ["add", "docs"], [*who, "commit", "-qm", "Synthetic handbook"]):
        subprocess.run(["git", "-C", str(root), *args], env=env, check=True, capture_output=True)  # noqa: S603, S607
