"""Choose among the candidates of a gap: word frequency for letters, emoji data for symbols.

Each choice carries its scores, so the report can show why it was picked and how close it was.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import emoji
import wordfreq

RUSSIAN = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
# Zipf scores closer than this are reported as uncertain (1.0 = a tenfold frequency difference).
CLOSE_ZIPF = 1.0
MAX_COMBINATIONS = 4096

# The only hand-written evidence. No installed data set links an emoji to the topic it marks, and
# the guides never use these four whole (their bytes are always among the dropped ones), so these
# keyword hints decide them; every choice made by a hint is reported as uncertain.
TOPIC_HINTS: dict[str, tuple[str, ...]] = {
    "🔐": ("secur", "auth", "jwt", "2fa", "password", "login"),
    "🔍": ("detect", "search", "find", "lookup"),
    "🏷": ("tag", "label"),
    "📝": ("checklist", "notes", "todo"),
}


@dataclass
class Choice:
    """The pick for one gap: the character, the scored alternatives and whether it was clear."""

    text: str
    scored: list[tuple[str, float]]
    certain: bool
    reason: str


def is_letter_gap(candidates: list[str]) -> bool:
    """True when the gap lost a byte of a letter (so the word around it is the evidence)."""
    return any(c.isalpha() for c in candidates)


def letter_candidates(candidates: list[str]) -> list[str]:
    """Letters only; Russian letters first-class: Ѝ, Ў, Џ are not in the Russian alphabet."""
    letters = [c for c in candidates if c.isalpha()]
    russian = [c for c in letters if c.lower() in RUSSIAN]
    return russian or letters


def _language(text: str) -> str:
    return "ru" if re.search("[\u0400-\u04ff]", text) else "en"


def choose_word(parts: list[str | list[str]]) -> tuple[list[str], list[tuple[str, float]], bool]:
    """Pick the letters of every gap in one word by the frequency of the whole word.

    `parts` is the word as known letters (str) and gaps (their candidate letters). Returns the
    chosen letter per gap, the top words with their Zipf frequency, and whether the pick is clear.
    """
    gaps = [p for p in parts if isinstance(p, list)]
    combos = 1
    for g in gaps:
        combos *= len(g)
    if combos > MAX_COMBINATIONS:  # fall back to one gap at a time, left to right
        chosen: list[str] = []
        for g in gaps:
            chosen.append(g[0])
        return chosen, [], False
    scored: list[tuple[tuple[str, ...], str, float]] = []
    for pick in itertools.product(*gaps):
        it = iter(pick)
        word = "".join(p if isinstance(p, str) else next(it) for p in parts)
        scored.append((pick, word, wordfreq.zipf_frequency(word, _language(word))))
    scored.sort(key=lambda s: -s[2])
    best = scored[0]
    runner = scored[1][2] if len(scored) > 1 else 0.0
    certain = best[2] > 0 and best[2] - runner >= CLOSE_ZIPF
    return list(best[0]), [(w, z) for _, w, z in scored[:4]], certain


class SymbolEvidence:
    """Scores symbol candidates: emoji data, use elsewhere in the guides, context, popularity."""

    def __init__(self, corpus: str) -> None:
        self.counts = Counter(ch for ch in corpus if ord(ch) > 0x2000)

    def choose(self, candidates: list[str], before: str, after: str, context: str) -> Choice:
        """Pick one candidate given the characters around it and the words of its line."""
        words = context.lower()
        neighbours = {w for ch in before[-3:] + after[:3] if ord(ch) > 0x2000
                      for w in unicodedata.name(ch, "").split()}

        def features(c: str) -> tuple[float, ...]:
            if c in ("\ufe0f", "\ufe0e"):
                qualified = before[-1:] and emoji.is_emoji(before[-1] + c)
            elif after.startswith("\ufe0f"):
                # A following U+FE0F asks for emoji presentation: only text-default emoji take it.
                qualified = emoji.is_emoji(c + "\ufe0f")
            else:
                qualified = emoji.is_emoji(c)
            hint = any(k in words for k in TOPIC_HINTS.get(c, ()))
            shared = len(neighbours & set(unicodedata.name(c, "").split()))
            popularity = wordfreq.zipf_frequency(c, "en")
            return (float(bool(qualified)), float(hint), float(self.counts[c] > 0),
                    float(shared), float(self.counts[c]), popularity)

        ranked = sorted(candidates, key=features, reverse=True)
        best, second = features(ranked[0]), features(ranked[1]) if len(ranked) > 1 else None
        scored = [(c, features(c)[4] + features(c)[5]) for c in ranked[:4]]
        if second is None or (best[0] and not second[0]):
            return Choice(ranked[0], scored, True, "the only candidate that forms an emoji")
        if best[1] and not second[1]:
            return Choice(ranked[0], scored, False, "topic hint of the line")
        if best[2] and not second[2] and best[4] >= 2:
            return Choice(ranked[0], scored, True, f"used {int(best[4])} times in the guides")
        if best[3] > second[3]:
            return Choice(ranked[0], scored, False, "name shared with a neighbouring symbol")
        return Choice(ranked[0], scored, False, "most common of close candidates")
