"""The two editions of the BizCard roadmap stay in step: same anchors, same tested snippets.

A link to roadmap-ru.md#x must land on the same advice as roadmap-en.md#x, and both show one code.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "docs" / "case-studies" / "bizcard"
ANCHOR = re.compile(r"^#{1,6} .*\{#([a-z0-9-]+)\}\s*$", re.MULTILINE)
INCLUDE = re.compile(r'^\s*--8<-- "([^"]+)"', re.MULTILINE)


def _read(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def test_both_editions_have_the_same_anchors_in_the_same_order() -> None:
    ru, en = ANCHOR.findall(_read("roadmap-ru.md")), ANCHOR.findall(_read("roadmap-en.md"))
    assert len(ru) > 30
    assert ru == en


def test_both_editions_include_the_same_snippets() -> None:
    ru, en = INCLUDE.findall(_read("roadmap-ru.md")), INCLUDE.findall(_read("roadmap-en.md"))
    # A `.ru.sh` twin keeps the original's Russian comments; its commands are the same.
    assert [inc.replace(".ru.sh", ".sh") for inc in ru] == en
    files = {inc.split(":")[0] for inc in ru + en}
    on_disk = {
        str(p.relative_to(ROOT / "snippets"))
        for p in (ROOT / "snippets" / "bizcard").rglob("*")
        if p.is_file()
    }
    assert files == on_disk, f"not shown on the roadmap pages: {sorted(on_disk - files)}"


def test_russian_edition_is_russian_and_english_edition_is_not() -> None:
    cyrillic = re.compile("[\u0400-\u04ff]")
    ru, en = _read("roadmap-ru.md"), _read("roadmap-en.md")
    assert len(cyrillic.findall(ru)) > 1000
    prose_en = re.sub(r"```.*?```", "", en, flags=re.DOTALL)
    prose_en = re.sub(r"\[[^\]]*\]\(roadmap-ru\.md[^)]*\)", "", prose_en)  # the link to it
    assert cyrillic.findall(prose_en) == [], "untranslated Russian on the English page"


def test_every_mapped_anchor_exists_on_both_editions() -> None:
    entries = yaml.safe_load(
        (ROOT / "sources" / "provenance" / "bizcard-roadmap.yml").read_text(encoding="utf-8")
    )
    anchors = set(ANCHOR.findall(_read("roadmap-ru.md")))
    for entry in entries:
        page, _, anchor = entry["to"].partition("#")
        assert page == "case-studies/bizcard/roadmap-ru.md"
        assert anchor in anchors, f"{entry['from']}: no #{anchor}"
