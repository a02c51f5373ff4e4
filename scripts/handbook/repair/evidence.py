"""Choose among the candidates of a gap: word frequency for letters, emoji data for symbols.

Each choice carries its scores, so the report can show why it was picked and how close it was.
"""

from __future__ import annotations

import itertools
import math
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
    """True when the gap lost a byte of a letter (so the word around it is the evidence).

    Only two-byte sequences count: alphabets (Latin, Cyrillic, Greek) live there, while three- and
    four-byte ones are symbols, emoji and ideographs, which are judged as symbols.
    """
    return any(c.isalpha() and len(c.encode("utf-8")) == 2 for c in candidates)


def letter_candidates(candidates: list[str]) -> list[str]:
    """Letters only; Russian letters first-class: Ѝ, Ў, Џ are not in the Russian alphabet."""
    letters = [c for c in candidates if c.isalpha() and len(c.encode("utf-8")) == 2]
    russian = [c for c in letters if c.lower() in RUSSIAN]
    return russian or letters


def _language(text: str) -> str:
    return "ru" if re.search("[\u0400-\u04ff]", text) else "en"


# After a bare count of one ("1 неделя"), a Russian noun stands in the nominative singular, not
# the accusative that word frequency alone prefers ("неделю"): a grammar rule, not a word list.
COUNT_OF_ONE = re.compile(r"(?<![\d.,])1\s*$")
NOMINATIVE_ENDINGS = ("я", "а")  # preferred over the accusative "ю", "у"


def _agreement_bonus(word: str, preceding: str) -> float:
    if not COUNT_OF_ONE.search(preceding) or _language(word) != "ru":
        return 0.0
    return CLOSE_ZIPF if word[-1:].lower() in NOMINATIVE_ENDINGS else 0.0


def choose_word(
    parts: list[str | list[str]], preceding: str = ""
) -> tuple[list[str], list[tuple[str, float]], bool]:
    """Pick the letters of every gap in one word by the frequency of the whole word.

    `parts` is the word as known letters (str) and gaps (their candidate letters); `preceding` is
    the text before it on the line. Returns the chosen letter per gap, the top words with their
    score (Zipf frequency, plus numeral agreement), and whether the pick is clear.
    """
    gaps = [p for p in parts if isinstance(p, list)]

    def score(pick: tuple[str, ...]) -> tuple[str, float]:
        it = iter(pick)
        word = "".join(p if isinstance(p, str) else next(it) for p in parts)
        zipf = wordfreq.zipf_frequency(word, _language(word))
        return word, zipf + (_agreement_bonus(word, preceding) if zipf else 0.0)

    if math.prod(len(g) for g in gaps) > MAX_COMBINATIONS:
        # Too many gaps to try every combination: fix them left to right, later ones provisional.
        pick = [g[0] for g in gaps]
        for i, g in enumerate(gaps):
            pick[i] = max(g, key=lambda c, i=i: score((*pick[:i], c, *pick[i + 1 :]))[1])
        word, zipf = score(tuple(pick))
        return pick, [(word, zipf)], False
    scored: list[tuple[tuple[str, ...], str, float]] = []
    for pick in itertools.product(*gaps):
        scored.append((pick, *score(pick)))
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
        # Symbols elsewhere on the line: a "”" pairs with a "“", a "⭐" sits beside a "☆".
        neighbours = {
            w for ch in before + after if ord(ch) > 0x2000 for w in unicodedata.name(ch, "").split()
        }

        def features(c: str) -> tuple[float, ...]:
            if c in ("\ufe0f", "\ufe0e"):
                qualified = before[-1:] and emoji.is_emoji(before[-1] + c)
            elif after.startswith("\ufe0f"):
                # A following U+FE0F asks for emoji presentation: only text-default emoji take it.
                qualified = emoji.is_emoji(c + "\ufe0f")
            else:
                qualified = emoji.is_emoji(c)
            hint = any(k in words for k in TOPIC_HINTS.get(c, ()))
            # Invisible format, space and unassigned characters are never what a guide shows.
            visible = unicodedata.category(c)[0] not in "CZ"
            shared = len(neighbours & set(unicodedata.name(c, "").split()))
            popularity = wordfreq.zipf_frequency(c, "en")
            return (
                float(bool(qualified)),
                float(hint),
                float(visible),
                float(self.counts[c] > 0),
                float(shared),
                float(self.counts[c]),
                popularity,
            )

        ranked = sorted(candidates, key=features, reverse=True)
        best, second = features(ranked[0]), features(ranked[1]) if len(ranked) > 1 else None
        scored = [(c, features(c)[5] + features(c)[6]) for c in ranked[:4]]
        if second is None or (best[0] and not second[0]):
            return Choice(ranked[0], scored, True, "the only candidate that forms an emoji")
        if best[1] and not second[1]:
            return Choice(ranked[0], scored, False, "topic hint of the line")
        if best[3] and not second[3]:
            return Choice(ranked[0], scored, True, f"used {int(best[5])} times in the guides")
        if best[2] and not second[2]:
            return Choice(ranked[0], scored, False, "the only visible candidate")
        if best[4] > second[4]:
            return Choice(ranked[0], scored, False, "name shared with a neighbouring symbol")
        return Choice(ranked[0], scored, False, "most common of close candidates")
