"""Repair a whole text: pick the code page, decode what survived, reconstruct what was lost.

Clean UTF-8 is never touched: a file is only repaired when ftfy calls some of it mojibake.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ftfy.badness import is_bad

from .bytes_gaps import CODECS, Gap, Parsed, parse_line
from .evidence import SymbolEvidence, choose_word, is_letter_gap, letter_candidates


@dataclass
class Reconstruction:
    """One sequence that lost bytes: where, what was left, what was chosen and how sure."""

    line: int
    column: int
    before: str
    after: str
    certain: bool
    reason: str
    candidates: list[tuple[str, float]]


@dataclass
class LineChange:
    """One changed line, before and after; certain when no reconstruction in it was a guess."""

    line: int
    before: str
    after: str
    certain: bool
    reconstructions: list[Reconstruction] = field(default_factory=list)


@dataclass
class Result:
    """The repaired text, the code page it was read as, and every change."""

    text: str
    codec: str | None
    changes: list[LineChange]

    @property
    def uncertain(self) -> list[Reconstruction]:
        return [r for c in self.changes for r in c.reconstructions if not r.certain]


def _split(text: str) -> list[tuple[str, str]]:
    out = []
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        out.append((body, raw[len(body) :]))
    return out


def detect_codec(text: str) -> str | None:
    """The code page the text was mis-read as, or None when it is not mojibake."""
    if not any(is_bad(line) for line, _ in _split(text)):
        return None
    best, best_count = None, 0
    for codec in CODECS:
        count = 0
        for line, _ in _split(text):
            parsed = parse_line(line, codec)
            if parsed:
                count += parsed.certain_sequences
        if count > best_count:
            best, best_count = codec, count
    return best


def certain_text(text: str) -> str:
    """The text with its mojibake decoded where no byte is missing: evidence for the gaps."""
    codec = detect_codec(text)
    if codec is None:
        return text
    lines = []
    for line, _ in _split(text):
        parsed = parse_line(line, codec)
        lines.append(
            line if parsed is None else "".join(p for p in parsed.pieces if isinstance(p, str))
        )
    return "\n".join(lines)


def _letterish(piece: str | Gap) -> bool:
    return piece.isalpha() if isinstance(piece, str) else is_letter_gap(piece.candidates)


def _resolve(
    parsed: Parsed, line: str, lineno: int, symbols: SymbolEvidence
) -> tuple[str, list[Reconstruction]]:
    pieces = parsed.pieces
    chosen: dict[int, tuple[str, bool, str, list[tuple[str, float]]]] = {}
    # Letters: group each run of letters and letter gaps into a word, decided as a whole.
    i = 0
    while i < len(pieces):
        if not _letterish(pieces[i]):
            i += 1
            continue
        j = i
        while j < len(pieces) and _letterish(pieces[j]):
            j += 1
        idx = [k for k in range(i, j) if isinstance(pieces[k], Gap)]
        if idx:
            parts = [
                letter_candidates(p.candidates) if isinstance(p, Gap) else p for p in pieces[i:j]
            ]
            preceding = "".join(q if isinstance(q, str) else "?" for q in pieces[:i])
            picks, scored, certain = choose_word(parts, preceding)
            reason = "whole-word frequency (wordfreq)"
            if not certain:
                reason += ": best words are close or unknown"
            for k, pick in zip(idx, picks, strict=True):
                chosen[k] = (pick, certain, reason, scored)
        i = j
    # Symbols, left to right, so a variation selector sees the emoji chosen before it.
    out: list[str] = []
    for k, p in enumerate(pieces):
        if isinstance(p, str):
            out.append(p)
            continue
        if k not in chosen:
            nxt = pieces[k + 1] if k + 1 < len(pieces) else ""
            if isinstance(nxt, Gap):
                nxt = "\ufe0f" if "\ufe0f" in nxt.candidates else ""
            after = nxt + "".join(q for q in pieces[k + 2 :] if isinstance(q, str))
            c = symbols.choose(p.candidates, "".join(out), after, line)
            chosen[k] = (c.text, c.certain, c.reason, c.scored)
        out.append(chosen[k][0])
    recs = []
    for k, (text, certain, reason, scored) in sorted(chosen.items()):
        gap = pieces[k]
        assert isinstance(gap, Gap)
        recs.append(
            Reconstruction(lineno, gap.column + 1, gap.before, text, certain, reason, scored)
        )
    return "".join(out), recs


def repair_text(text: str, evidence: list[str] | None = None) -> Result:
    """Repair `text`; `evidence` is other text (other guides) whose symbols count as usage."""
    codec = detect_codec(text)
    if codec is None:
        return Result(text, None, [])
    symbols = SymbolEvidence("\n".join([certain_text(text), *(evidence or [])]))
    out: list[str] = []
    changes: list[LineChange] = []
    for lineno, (line, end) in enumerate(_split(text), start=1):
        parsed = parse_line(line, codec)
        if parsed is None or line.isascii():
            out.append(line + end)
            continue
        fixed, recs = _resolve(parsed, line, lineno, symbols)
        if fixed != line:
            changes.append(LineChange(lineno, line, fixed, all(r.certain for r in recs), recs))
        out.append(fixed + end)
    return Result("".join(out), codec, changes)


def evidence_for(path: Path) -> list[str]:
    """The other text files beside `path`, decoded where certain: where its emoji may recur."""
    texts = []
    for other in sorted(path.parent.iterdir()):
        if other.name == path.name or not other.is_file():
            continue
        try:
            texts.append(certain_text(other.read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            continue
    return texts
