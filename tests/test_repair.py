"""The mojibake repair: round trips through both garblings, idempotence, and the real guides.

The repaired copies in sources/repaired/ must be exactly what the tool makes of sources/guides/.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from ftfy.badness import is_bad
from handbook.repair import repair_file, repair_text
from handbook.repair.bytes_gaps import DROPPED

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "repair"
GUIDES = ROOT / "sources" / "guides"
REPAIRED = ROOT / "sources" / "repaired"
GARBLED = ["implementation-guide.md", "bizcard-roadmap-v4.3.ru.md"]


def garble(text: str, codec: str) -> str:
    """What the original accident did: read UTF-8 as `codec`, drop what it cannot map, save."""
    out = []
    for byte in text.encode("utf-8"):
        if byte in DROPPED[codec]:
            continue
        out.append(bytes([byte]).decode(codec))
    return "".join(out)


@pytest.mark.parametrize(
    ("fixture", "codec"), [("en-clean.md", "cp1252"), ("ru-clean.md", "cp1254")]
)
def test_round_trip_recovers_the_text_exactly(fixture: str, codec: str) -> None:
    clean = (FIXTURES / fixture).read_text(encoding="utf-8")
    garbled = garble(clean, codec)
    assert garbled != clean
    result = repair_text(garbled, evidence=[(GUIDES / "production-guidelines.md").read_text()])
    assert result.codec == codec
    assert result.text == clean
    # Bytes really were lost, so some sequences had to be rebuilt, each reported with its line.
    rebuilt = [r for c in result.changes for r in c.reconstructions]
    assert rebuilt, "the fixture must exercise reconstruction"
    for r in rebuilt:
        assert clean.splitlines()[r.line - 1].count(r.after) >= 1


def test_russian_reconstruction_uses_whole_word_frequency() -> None:
    # "состояние" loses the byte of both "с" and "я"; "с" alone competes with "я".
    result = repair_text(garble("Текущее состояние, работа с тестами\n", "cp1254"))
    assert result.text == "Текущее состояние, работа с тестами\n"
    picks = {r.after for r in result.changes[0].reconstructions}
    assert picks == {"с", "я"}


def test_close_candidates_are_reported_as_uncertain() -> None:
    # "неделя" and "неделю" are both common words: the tool must say it was not sure.
    result = repair_text(garble("Срок: неделю или больше\n", "cp1254"))
    uncertain = result.uncertain
    assert [u.line for u in uncertain] == [1]
    words = [w for w, _ in uncertain[0].candidates]
    assert "неделю" in words and "неделя" in words


def test_count_of_one_takes_the_nominative() -> None:
    result = repair_text(garble("Phase 2 - 1 неделя\nPhase 3 - 2 недели\n", "cp1254"))
    assert result.text == "Phase 2 - 1 неделя\nPhase 3 - 2 недели\n"


@pytest.mark.parametrize(
    "text",
    [
        "plain ASCII only\n",
        "Café naïve — “quoted” … 10 €\n",
        "Чистый русский текст с буквами ё и я ✅ ⚠️ 🔐\n",
        "├── tree │ └── leaf ✓ ✗\n",
        (FIXTURES / "ru-clean.md").read_text(encoding="utf-8"),
        (FIXTURES / "en-clean.md").read_text(encoding="utf-8"),
    ],
)
def test_clean_utf8_is_never_changed(text: str) -> None:
    result = repair_text(text)
    assert result.text == text
    assert result.changes == []


@pytest.mark.parametrize("name", GARBLED)
def test_real_guides_repair_completely(name: str) -> None:
    original = (GUIDES / name).read_text(encoding="utf-8")
    result = repair_file(GUIDES / name)
    assert result.changes, f"{name} is mojibake and must change"
    assert "\ufffd" not in result.text
    assert original.count("\n") == result.text.count("\n")
    bad = [i for i, line in enumerate(result.text.splitlines(), 1) if is_bad(line)]
    assert bad == [], f"{name}: mojibake left on lines {bad}"
    # Markers of both garblings: UTF-8 lead bytes seen through the code page.
    for marker in ("ðŸ", "ğŸ", "â€", "âœ", "Ñ", "Ğ", "ï¸"):
        assert marker not in result.text, f"{name}: {marker!r} left"
    # Running it again on its own output changes nothing.
    assert repair_text(result.text).changes == []


@pytest.mark.parametrize("name", GARBLED)
def test_repaired_copies_match_the_tool(name: str) -> None:
    expected = repair_file(GUIDES / name).text
    assert (REPAIRED / name).read_text(encoding="utf-8") == expected, (
        f"sources/repaired/{name} drifted: run "
        f"handbook repair sources/guides/{name} -o sources/repaired/{name}"
    )


def test_clean_guides_report_no_changes() -> None:
    for name in ("production-guidelines.md", "cvd-guide.md", "backend-infrastructure.md"):
        assert repair_file(GUIDES / name).changes == []


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).with_name("handbook")), "repair", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_cli_writes_output_and_a_full_report(tmp_path: Path) -> None:
    out, report = tmp_path / "out.md", tmp_path / "report.json"
    proc = _cli(str(GUIDES / "bizcard-roadmap-v4.3.ru.md"), "-o", str(out), "--report", str(report))
    assert proc.returncode == 0, proc.stderr
    assert "lines changed" in proc.stderr and "uncertain" in proc.stderr
    assert out.read_text(encoding="utf-8") == (REPAIRED / "bizcard-roadmap-v4.3.ru.md").read_text(
        encoding="utf-8"
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["codec"] == "cp1254"
    first = data["changes"][0]
    assert set(first) >= {"line", "before", "after", "certain", "reconstructions"}
    uncertain = [r for c in data["changes"] for r in c["reconstructions"] if not r["certain"]]
    # Every uncertain pick is listed on stderr with its line and candidates.
    for r in uncertain:
        assert f":{r['line']}:{r['column']}:" in proc.stderr
        assert len(r["candidates"]) >= 2


def test_cli_on_its_own_output_says_no_changes(tmp_path: Path) -> None:
    out = tmp_path / "again.md"
    proc = _cli(str(REPAIRED / "implementation-guide.md"), "-o", str(out))
    assert proc.returncode == 0
    assert proc.stderr.strip().endswith("no changes")
    assert out.read_bytes() == (REPAIRED / "implementation-guide.md").read_bytes()


def test_cli_names_the_file_and_line_of_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"ok\nnot utf-8: caf\xe9\n")
    proc = _cli(str(bad))
    assert proc.returncode != 0
    assert f"{bad}:2:" in proc.stderr
