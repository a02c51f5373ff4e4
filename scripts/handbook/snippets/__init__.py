"""`handbook snippets`: run every example the handbook shows with its real toolchain.

Pages include files from `snippets/`; this command proves each one still runs and is still used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from handbook.project import Project

DEFAULT_REPORT = Path(".cache/snippets/report.json")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "snippets", help="run every snippet with its real toolchain", description=__doc__
    )
    p.add_argument("--no-cache", action="store_true", help="run everything, ignoring the cache")
    p.add_argument(
        "--only",
        nargs="+",
        metavar="PATH",
        default=[],
        help="run only these snippet files or folders, or the snippets of these pages",
    )
    p.add_argument(
        "-j", "--jobs", type=int, default=None, help="parallel snippets (default: all cores)"
    )
    p.add_argument("--timeout", type=float, default=60.0, help="seconds per snippet (default 60)")
    p.add_argument(
        "--root",
        type=Path,
        default=None,
        help="tree to check (docs/ and snippets/; default: the handbook)",
    )
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    """Run every snippet (or those of --only); 1 on any failure.

    Prints failures and the summary, and writes the JSON report (.cache/snippets/report.json).
    The toolchain (node modules, the patterns package) is always the handbook's own `snippets/`,
    whatever tree is checked.
    """
    # Imported here: the runners need the `snippets` extra (tinycss2, …), `--help` does not.
    from handbook.snippets import engine, report

    project: Project = args.project
    root = (args.root or project.root).resolve()
    result = engine.run(
        root,
        toolchain_dir=project.path("snippets"),
        only=args.only,
        jobs=args.jobs,
        use_cache=not args.no_cache,
        timeout=args.timeout,
    )
    report.write_json(result, root / DEFAULT_REPORT)
    print(report.console(result))
    sys.stdout.flush()
    return 1 if result.failed else 0
