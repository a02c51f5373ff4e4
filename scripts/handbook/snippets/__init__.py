"""`handbook snippets`: run every example the handbook shows with its real toolchain.

Pages include files from `snippets/`; this command proves each one still runs and is still used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from handbook.snippets import coverage, engine, report

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_REPORT = Path(".cache/snippets/report.json")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `snippets` sub-command to the `handbook` CLI."""
    p = subparsers.add_parser("snippets", help="run every snippet with its real toolchain",
                              description=__doc__)
    p.add_argument("--only", nargs="+", metavar="PATH", default=[],
                   help="run only these snippet files or folders, or the snippets of these pages")
    p.add_argument("--no-cache", action="store_true", help="run everything, ignoring the cache")
    p.add_argument("-j", "--jobs", type=int, default=None,
                   help="parallel snippets (default: all cores)")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds per snippet (default 60)")
    p.add_argument("--root", type=Path, default=ROOT, help="project root (docs/ and snippets/)")
    p.add_argument("--report", type=Path, default=None,
                   help="JSON report path (default: <root>/.cache/snippets/report.json)")
    p.add_argument("--write-coverage", action="store_true",
                   help="regenerate docs/about/snippet-coverage.md from the pages and exit")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    """Run (or with --write-coverage, regenerate the coverage page); 1 on any failure.

    Prints failures and the summary, and writes the JSON report.
    """
    root = args.root.resolve()
    if args.write_coverage:
        page = coverage.write(engine.discover(root), root)
        print(f"wrote {page.relative_to(root)}")
        return 0
    result = engine.run(root, toolchain_dir=ROOT / "snippets", only=args.only, jobs=args.jobs,
                        use_cache=not args.no_cache, timeout=args.timeout)
    if not args.only:
        result.problems += coverage.check(result.discovery, root)
    report.write_json(result, args.report or root / DEFAULT_REPORT)
    print(report.console(result))
    sys.stdout.flush()
    return 1 if result.failed else 0
