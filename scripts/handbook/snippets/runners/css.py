"""CSS snippets: parsed by tinycss2, rules and declarations; any parse error fails.

A stylesheet a page shows must at least be one a browser can read.
"""

from __future__ import annotations

from pathlib import Path

import tinycss2
from tinycss2.ast import ParseError

from handbook.snippets.runners import base

NAME = "css"
implicit_deps = base.no_implicit_deps
matches = base.suffix_matcher(".css")
SKIP = {"skip_whitespace": True, "skip_comments": True}


def version() -> str:
    return f"tinycss2 {tinycss2.__version__}"


def _errors(nodes: list) -> list:
    found = []
    for node in nodes:
        if node.type == "error":
            found.append(node)
        # CSS error recovery swallows these silently; a browser would drop the rule, so we fail.
        elif node.type == "declaration" and all(
            t.type in ("whitespace", "comment") for t in node.value
        ):
            empty = f"declaration {node.name!r} has no value"
            found.append(ParseError(node.source_line, node.source_column, "empty-value", empty))
        if node.type in ("qualified-rule", "at-rule"):
            found += [t for t in node.prelude if t.type == "error"]
            if node.content is not None:  # a block: its rules and declarations
                found += _errors(tinycss2.parse_blocks_contents(node.content, **SKIP))
    return found


def run(ctx: base.Context, file: Path) -> base.Outcome:
    rules = tinycss2.parse_stylesheet(file.read_text(encoding="utf-8"), **SKIP)
    errors = _errors(rules)
    if errors:
        lines = "\n".join(
            f"{file.name}:{e.source_line}:{e.source_column}: {e.message}" for e in errors
        )
        return base.Outcome(False, f"tinycss2:\n{lines}", errors[0].source_line)
    return base.Outcome(True)
