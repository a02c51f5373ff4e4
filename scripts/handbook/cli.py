"""The `handbook` command: parses arguments and dispatches to one module per job.

Each job module exposes `register(subparsers)`; it adds its own sub-command and sets `func`.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Order is the order `handbook --help` lists them in.
COMMANDS = [
    "repair",
    "provenance",
    "snippets",
    "checklists",
    "search",
    "versions",
    "bench",
    "review",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="handbook", description="Tooling of the engineering handbook."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f"handbook.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
