"""The corpus in tests/review/: its shape, and the bars the rules are held to on it."""

from __future__ import annotations

from pathlib import Path

import yaml
from handbook.review.comment import headings
from handbook.review.corpus import (
    MAX_FALSE_PER_TEN,
    MIN_RECALL,
    evaluate,
    figures_markdown,
)
from handbook.review.rules import load_rules

ROOT = Path(__file__).resolve().parents[2]
CASES = yaml.safe_load((ROOT / "tests/review/corpus.yml").read_text())["cases"]


def test_corpus_shape() -> None:
    assert len(CASES) >= 40
    triggers = [c for c in CASES if c["expect"]]
    clean = [c for c in CASES if not c["expect"]]
    assert len(triggers) >= len(CASES) * 0.4 and len(clean) >= len(CASES) * 0.4
    for kind in (triggers, clean):
        held = sum(c["split"] == "holdout" for c in kind) / len(kind)
        assert 0.25 <= held <= 0.45, "about a third of each kind is held out"
    assert {c["split"] for c in CASES} == {"tune", "holdout"}
    names = [c["name"] for c in CASES]
    assert len(set(names)) == len(names)
    files = {p.stem for p in (ROOT / "tests/review/corpus").glob("*.diff")}
    assert files == set(names), "one diff file per case, no stray files"


def test_every_expected_section_exists() -> None:
    for case in CASES:
        if case["expect"]:
            page, anchor = case["expect"].split("#")
            assert anchor in headings(ROOT / "docs" / page)[1], case["name"]


def test_recall_and_false_links_meet_the_bars() -> None:
    figures = evaluate(ROOT, load_rules(ROOT))
    report = figures_markdown(figures)
    total = figures["all"]
    assert total.recall >= MIN_RECALL, report
    assert total.false_per_ten <= MAX_FALSE_PER_TEN, report


def test_the_page_shows_the_current_figures() -> None:
    figures = evaluate(ROOT, load_rules(ROOT))
    fragment = ROOT / "docs/about/generated/review-corpus.md"
    assert fragment.read_text(encoding="utf-8") == figures_markdown(figures), (
        "run `handbook generate --only review`"
    )


def test_the_bars_fail_when_the_rules_do() -> None:
    """The gate can fail: no rules miss every section; a rule on every line links clean diffs."""
    import re

    from handbook.review.rules import Rule

    assert not evaluate(ROOT, [])["all"].meets_bars()
    noisy = Rule(
        id="every-line",
        page="index.md",
        section="handbook",
        why="Every line.",
        source="test",
        line=1,
        added=re.compile("."),
    )
    figures = evaluate(ROOT, [*load_rules(ROOT), noisy])["all"]
    assert figures.recall >= MIN_RECALL and figures.false_per_ten > MAX_FALSE_PER_TEN
    assert not figures.meets_bars()
