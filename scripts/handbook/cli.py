"""The `handbook` command: a table of jobs, each imported only when it runs.

`handbook --help` lists the table without importing any job, so a job whose dependencies are
missing (an extra not installed) breaks only itself. A job module exposes
`register(subparsers)`, which adds its sub-command and sets `func(args) -> int`; the job gets
the project (`args.project`, a `handbook.project.Project`) from here, never from a module global.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from handbook.project import Project, ProjectError

# name -> (module, summary); the order is the order `handbook --help` lists them in.
COMMANDS: dict[str, tuple[str, str]] = {
    "repair": ("handbook.repair", "repair mojibake in a text file and report every change"),
    "provenance": ("handbook.provenance", "map of the original guides into the handbook"),
    "snippets": ("handbook.snippets", "run every snippet with its real toolchain"),
    "checklists": ("handbook.checklists", "check that every checklist item links to a section"),
    "search": ("handbook.search", "measure search quality in Chromium"),
    "versions": ("handbook.versions", "publish editions with mike; check moved paths"),
    "bench": ("handbook.bench", "measure build, snippets, search and page weight"),
    "emoji": ("handbook.emoji", "list raw emoji in the pages; --write makes them Twemoji icons"),
    "generate": ("handbook.generate", "write every generated file; --check names stale ones"),
    "review": ("handbook.review", "link the handbook sections a pull request's diff touches"),
    "serve": ("handbook.preview", "live preview that re-renders only the pages a save reaches"),
}


def _usage() -> str:
    width = max(map(len, COMMANDS))
    rows = "\n".join(f"  {name:<{width}}  {summary}" for name, (_, summary) in COMMANDS.items())
    return (
        "usage: handbook [--root DIR] COMMAND ...\n\nTooling of the engineering handbook.\n\n"
        f"commands:\n{rows}\n\noptions:\n  -h, --help  show this help and exit\n"
        "  --root DIR  the handbook checkout (default: found from the working directory)\n\n"
        "`handbook COMMAND --help` describes one command.\n"
    )


def build_parser(name: str) -> argparse.ArgumentParser:
    """The parser of one job (its module is imported here, and only its module)."""
    parser = argparse.ArgumentParser(
        prog="handbook", description="Tooling of the engineering handbook."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    importlib.import_module(COMMANDS[name][0]).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    root = None
    if args_in[:1] == ["--root"] and len(args_in) >= 2:
        root, args_in = args_in[1], args_in[2:]
    if not args_in or args_in[0] in ("-h", "--help"):
        print(_usage(), end="")
        return 0 if args_in else 2
    if args_in[0] not in COMMANDS:
        print(_usage(), end="", file=sys.stderr)
        print(f"handbook: unknown command {args_in[0]!r}", file=sys.stderr)
        return 2
    args = build_parser(args_in[0]).parse_args(args_in)
    try:
        args.project = Project.from_root(root) if root else Project.discover()
    except ProjectError as exc:
        if getattr(args, "needs_project", True):
            print(f"handbook: {exc}", file=sys.stderr)
            return 2
        args.project = None
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
