"""Raw emoji in the pages become Twemoji shortcodes; code keeps its characters."""

from __future__ import annotations

import re
from pathlib import Path

from handbook import emoji
from handbook.project import Project


def test_prose_converts_code_stays() -> None:
    text = (
        "Ready ✅ and `✅ in code` ⭐⭐☆\n"
        "```text\n- SETUP.md ✅\n```\n"
        "    ~~~\n    🎯 fenced in an admonition\n    ~~~\n"
        "🗄️ cabinet, © 2026, ↔, ⚠ text, ⚠️ picture, 👩‍💻 coder\n"
    )
    new, found = emoji.convert_markdown(text)
    assert new.splitlines() == [
        "Ready :twemoji-white_check_mark: and `✅ in code` :twemoji-star::twemoji-star:☆",
        "```text",
        "- SETUP.md ✅",
        "```",
        "    ~~~",
        "    🎯 fenced in an admonition",
        "    ~~~",
        ":twemoji-file_cabinet: cabinet, © 2026, ↔, ⚠ text, :twemoji-warning: picture,"
        " :twemoji-woman_technologist: coder",
    ]
    assert [f.line for f in found] == [1, 1, 1, 8, 8, 8]


def test_names_and_files_come_from_the_twemoji_index() -> None:
    assert emoji.index()["🎯"] == ("dart", "1f3af")
    assert emoji.index()["👩\u200d💻"][1] == "1f469-200d-1f4bb"


def test_pages_have_no_raw_emoji_and_every_shortcode_has_its_picture(project: Project) -> None:
    found = [
        (p, f.line)
        for p in emoji.pages(project)
        for f in emoji.convert_markdown(p.read_text(encoding="utf-8"))[1]
    ]
    assert found == [], "run `handbook emoji --write --svg-dir DIR`"
    assert emoji.missing_icons(project) == {}


def test_built_pages_load_no_picture_from_outside(built_site: Path) -> None:
    """Stock shortcodes (`:star:`) would be `<img src="https://...">`; none is in the site."""
    outside = re.compile(r"<img[^>]+src=\"(?:https?:)?//", re.IGNORECASE)
    hits = [p for p in built_site.rglob("*.html") if outside.search(p.read_text(encoding="utf-8"))]
    assert hits == []
