"""`handbook bench`: measure build, snippets, search and page weight into bench/results.json.

Figures are only ever written by this command; `handbook generate` turns the results file into
the Performance page's fragments and plots.
"""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_OUT = Path("bench/results.json")
QUICK_OUT = Path("bench/work/quick/results.json")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "bench", help="measure build, snippets, search and page weight", description=__doc__
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help="a small version of everything (N=30, one run each), well under 2 minutes",
    )
    p.add_argument(
        "--pages",
        type=int,
        nargs="+",
        metavar="N",
        help="synthetic handbook sizes (default 100 1000 3000; --quick: 30)",
    )
    p.add_argument("--runs", type=int, help="runs per measurement (default 3; --quick: 1)")
    p.add_argument(
        "--out", type=Path, help=f"results file (default {DEFAULT_OUT}; --quick: {QUICK_OUT})"
    )
    p.add_argument(
        "--only",
        nargs="+",
        choices=["build", "profile", "snippets", "search", "weight", "preview", "lighthouse"],
        help="measure only these parts",
    )
    p.add_argument(
        "--timeout", type=float, default=1200.0, help="seconds per single build (default 1200)"
    )
    p.add_argument(
        "--work",
        type=Path,
        help="where synthetic sites and builds go (default bench/work/quick or full)",
    )
    p.add_argument(
        "--budget",
        type=float,
        metavar="SECONDS",
        help="time budget of the build part: once spent, sizes get no further rounds (min. one)",
    )
    p.add_argument(
        "--merge",
        type=Path,
        metavar="OTHER",
        help="only fill the parts the results file (--out) lacks from another results file",
    )
    p.set_defaults(func=_main)


def _main(args: argparse.Namespace) -> int:
    from .runner import main  # imported late: `handbook --help` stays fast

    return main(args)
