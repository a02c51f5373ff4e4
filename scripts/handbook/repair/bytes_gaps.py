"""Re-encode mojibake to the bytes that survived and find the UTF-8 sequences that lost a byte.

The garbling is exact except for the dropped bytes, so everything else is recovered with certainty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Bytes the single-byte code page does not define: the save that made the mojibake dropped them.
# 0xAD (soft hyphen) is defined, but it is invisible and was stripped too: the roadmap's "⭐"
# (E2 AD 90) survives as a bare E2 byte.
DROPPED = {
    "cp1252": bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xAD]),
    "cp1254": bytes([0x81, 0x8D, 0x8E, 0x8F, 0x90, 0x9D, 0x9E, 0xAD]),
}
CODECS = tuple(DROPPED)


@dataclass
class Gap:
    """A UTF-8 sequence that lost one or two bytes: the bytes left and what they could have been."""

    column: int  # 0-based index into the mojibake line where the sequence starts
    before: str  # the mojibake characters of the sequence
    survived: bytes
    candidates: list[str] = field(default_factory=list)


def _expected_length(lead: int) -> int:
    if lead < 0x80:
        return 1
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0  # a continuation byte or a byte UTF-8 never uses: not a sequence start


def _insertions(survived: bytes, missing: int, dropped: bytes) -> list[str]:
    """Every character formed by putting `missing` dropped bytes back into `survived`."""
    found: dict[str, None] = {}
    partial = [survived]
    for _ in range(missing):
        partial = [
            p[:i] + bytes([b]) + p[i:]
            for p in partial
            for i in range(1, len(p) + 1)
            for b in dropped
        ]
    for seq in partial:
        try:
            found[seq.decode("utf-8")] = None
        except UnicodeDecodeError:
            continue
    return list(found)


@dataclass
class Parsed:
    """A line re-encoded: plain text pieces and gaps, in order, or None when it is not mojibake."""

    pieces: list[str | Gap]
    certain_sequences: int  # multi-byte sequences that arrived whole


def parse_line(line: str, codec: str) -> Parsed | None:
    """Split `line`, read as mojibake of `codec`, into decoded text and gaps; None if it is not."""
    try:
        raw = line.encode(codec)
    except UnicodeEncodeError:
        return None  # holds a character the code page cannot produce: real text
    # Map byte offsets back to character columns (every character is one byte in the code page).
    pieces: list[str | Gap] = []
    certain = 0
    i = 0
    while i < len(raw):
        need = _expected_length(raw[i])
        if need == 0:
            return None  # stray continuation byte: "—" or "é" in real text
        if need == 1:
            pieces.append(chr(raw[i]))
            i += 1
            continue
        j = i + 1
        while j < len(raw) and j < i + need and 0x80 <= raw[j] <= 0xBF:
            j += 1
        chunk = raw[i:j]
        if j - i == need:
            try:
                pieces.append(chunk.decode("utf-8"))
            except UnicodeDecodeError:
                return None  # overlong or surrogate form: not UTF-8 at all
            certain += 1
        else:
            missing = need - (j - i)
            if missing > 2:
                return None
            gap = Gap(
                column=i,
                before=line[i:j],
                survived=chunk,
                candidates=_insertions(chunk, missing, DROPPED[codec]),
            )
            if not gap.candidates:
                return None
            pieces.append(gap)
        i = j
    return Parsed(pieces=pieces, certain_sequences=certain)
