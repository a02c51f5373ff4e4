"""How well the rules do on tests/review/: recall on diffs that should link a section, false
links on clean ones; and the generated fragments the "Reviewing with the handbook" page shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .diff import parse_diff
from .match import Matcher
from .rules import Rule

CORPUS = Path("tests/review/corpus.yml")
EXAMPLE_DIFF = Path("tests/review/golden/example.diff")
FIGURES_FRAGMENT = Path("docs/about/generated/review-corpus.md")
EXAMPLE_FRAGMENT = Path("docs/about/generated/review-example.md")
# The bars `make test` holds the whole corpus to.
MIN_RECALL = 0.90
MAX_FALSE_PER_TEN = 1.0
SPLITS = ("tune", "holdout")


@dataclass
class Figures:
    triggers: int = 0
    linked: int = 0
    clean: int = 0
    false_links: int = 0
    missed: list[str] = field(default_factory=list)
    noisy: list[str] = field(default_factory=list)  # "case: page#anchor"

    @property
    def recall(self) -> float:
        return self.linked / self.triggers if self.triggers else 1.0

    @property
    def false_per_ten(self) -> float:
        return 10 * self.false_links / self.clean if self.clean else 0.0

    def meets_bars(self) -> bool:
        return self.recall >= MIN_RECALL and self.false_per_ten <= MAX_FALSE_PER_TEN


def evaluate(root: Path, rules: list[Rule]) -> dict[str, Figures]:
    """Figures per split and for "all"."""
    cases = yaml.safe_load((root / CORPUS).read_text(encoding="utf-8"))["cases"]
    figures = {name: Figures() for name in (*SPLITS, "all")}
    for case in cases:
        path = root / CORPUS.parent / "corpus" / f"{case['name']}.diff"
        files = parse_diff(path.read_text(encoding="utf-8"), path.relative_to(root).as_posix())
        linked = sorted({f"{f.rule.page}#{f.rule.section}" for f in Matcher(files).findings(rules)})
        for fig in (figures[case["split"]], figures["all"]):
            if case["expect"]:
                fig.triggers += 1
                if case["expect"] in linked:
                    fig.linked += 1
                else:
                    fig.missed.append(case["name"])
            else:
                fig.clean += 1
                fig.false_links += len(linked)
                fig.noisy += [f"{case['name']}: {link}" for link in linked]
    return figures


def _pct(value: float) -> str:
    return f"{100 * value:.0f} %"


def figures_markdown(figures: dict[str, Figures]) -> str:
    rows = [
        "| cases | diffs that should link a section | linked | recall | clean diffs "
        "| false links | per ten clean diffs |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    labels = {"tune": "tuned on", "holdout": "held out", "all": "**all**"}
    for name in (*SPLITS, "all"):
        f = figures[name]
        rows.append(
            f"| {labels[name]} | {f.triggers} | {f.linked} | {_pct(f.recall)} | {f.clean} "
            f"| {f.false_links} | {f.false_per_ten:.1f} |"
        )
    total = figures["all"]
    rows += [
        "",
        f"Bars held by `make test` on all cases: recall at least {_pct(MIN_RECALL)}, at most "
        f"{MAX_FALSE_PER_TEN:.0f} false link per ten clean diffs.",
        "",
        "Missed: " + (", ".join(f"`{m}`" for m in total.missed) or "none") + ".",
        "",
        "False links: " + (", ".join(f"`{n}`" for n in total.noisy) or "none") + ".",
    ]
    return "\n".join(rows) + "\n"


def example_markdown(diff_text: str, comment: str) -> str:
    def fence(lang: str, title: str, body: str) -> list[str]:
        return [f'````{lang} title="Illustrative: {title}"', body.rstrip("\n"), "````"]

    return "\n".join(
        fence("diff", f"the diff, {EXAMPLE_DIFF.as_posix()}", diff_text)
        + [""]
        + fence("markdown", "the comment `handbook review` writes for it", comment)
    ) + "\n"
