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
RULE_EXAMPLE = Path("docs/security/cors.review.yml")
RULE_FRAGMENT = Path("docs/about/generated/review-rule-example.md")
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


def render(template: str, **context: object) -> str:
    from handbook.generate import templates

    env = templates(
        __file__,
        pct=lambda value: f"{100 * value:.0f} %",
        codes=lambda names: ", ".join(f"`{n}`" for n in names) or "none",
    )
    return env.get_template(template).render(context)


def figures_markdown(figures: dict[str, Figures]) -> str:
    labels = {"tune": "tuned on", "holdout": "held out", "all": "**all**"}
    return render(
        "review-corpus.md",
        rows=[(labels[name], figures[name]) for name in (*SPLITS, "all")],
        total=figures["all"],
        min_recall=MIN_RECALL,
        max_false=MAX_FALSE_PER_TEN,
    )
