"""Parse and validate the info string of a fenced code block.

Pages may only use the attributes the site's highlighter understands, so a typo fails early.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

# What pymdownx.highlight/superfences and Material act on; anything else is a typo.
KNOWN_ATTRIBUTES = frozenset({"title", "hl_lines", "linenums"})
KNOWN_CLASSES = frozenset({"annotate"})
ILLUSTRATIVE_PREFIX = "Illustrative:"

# Hand-written: superfences' own parser is private API; this mirrors its `key="value"` syntax.
_TOKEN = re.compile(
    r"""\s*(?:
        (?P<key>[A-Za-z_][\w-]*)=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s}]+))
      | \.(?P<cls>[\w+#-]+)
      | \#(?P<id>[\w-]+)
      | (?P<word>[^\s{}="']+)
      | (?P<other>\S)
    )""",
    re.VERBOSE,
)


class FenceError(ValueError):
    """An info string that the handbook's rules reject."""


@dataclass
class FenceInfo:
    """The language and attributes of one fence."""

    language: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    classes: list[str] = field(default_factory=list)

    @property
    def illustrative_reason(self) -> str | None:
        """The reason after `Illustrative:` in the title, or None when the title has none."""
        title = self.attributes.get("title")
        if title is None or not title.startswith(ILLUSTRATIVE_PREFIX):
            return None
        return title[len(ILLUSTRATIVE_PREFIX) :].strip()


@cache
def _aliases() -> dict[str, str]:
    """Every Pygments alias mapped to its lexer's first alias, from Pygments' built-in table.

    Reading the table avoids `get_lexer_by_name`, which imports lexers and scans plugin entry
    points: most of a warm run's time otherwise.
    """
    from pygments.lexers._mapping import LEXERS

    return {alias: entry[2][0] for entry in LEXERS.values() for alias in entry[2] if entry[2]}


def canonical_alias(name: str) -> str:
    """The first Pygments alias of `name` (`py` -> `python`); `name` itself when unknown."""
    return _aliases().get(name.lower(), name)


def parse_info(info: str) -> FenceInfo:
    """Parse `python title="x"` or `{ .python title="x" }`; raise FenceError on a bad attribute."""
    text = info.strip()
    braced = text.startswith("{")
    if braced:
        if not text.endswith("}"):
            raise FenceError(f"unclosed brace in fence attributes: {info!r}")
        text = text[1:-1]
    result = FenceInfo()
    first = True
    for match in _TOKEN.finditer(text):
        if match.group("key"):
            key = match.group("key")
            value = next(v for v in match.group("dq", "sq", "bare") if v is not None)
            if key not in KNOWN_ATTRIBUTES:
                known = ", ".join(sorted(KNOWN_ATTRIBUTES))
                raise FenceError(f"unknown fence attribute {key!r} (known: {known})")
            result.attributes[key] = value
        elif match.group("cls"):
            cls = match.group("cls")
            if first and braced:
                result.language = cls
            elif cls in KNOWN_CLASSES:
                result.classes.append(cls)
            else:
                raise FenceError(f"unknown fence class '.{cls}'")
        elif match.group("word") and first and not braced:
            result.language = match.group("word")
        elif match.group("id"):
            raise FenceError(f"fence ids are not used in the handbook: '#{match.group('id')}'")
        else:
            token = match.group(0).strip()
            raise FenceError(f"unknown fence attribute {token!r}")
        first = False
    if result.language and result.language.lower() not in _aliases():  # Pygments has no lexer
        raise FenceError(f"unknown language {result.language!r}")
    return result
