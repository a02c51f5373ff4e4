"""`handbook repair FILE`: undo mojibake (UTF-8 read as Windows-1252/1254) and report each change.

Sequences that lost a byte are rebuilt from evidence; every guess is listed with its candidates.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from .core import Result, evidence_for, repair_text

__all__ = ["register", "repair_file", "repair_text"]


def repair_file(path: Path) -> Result:
    """Repair one file, with the other files of its folder as evidence for rebuilt symbols."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise SystemExit(f"{path}:{line}: not UTF-8 ({exc.reason}); repair reads UTF-8") from exc
    except OSError as exc:
        raise SystemExit(f"{path}: cannot read: {exc.strerror}") from exc
    return repair_text(text, evidence_for(path))


def _summary(path: Path, result: Result) -> str:
    if not result.changes:
        return f"{path}: no changes"
    recs = [r for c in result.changes for r in c.reconstructions]
    lines = [
        f"{path}: read as {result.codec}; {len(result.changes)} lines changed, "
        f"{len(recs)} sequences rebuilt, {len(result.uncertain)} uncertain"
    ]
    for r in result.uncertain:
        cands = ", ".join(f"{t!r} {s:.2f}" for t, s in r.candidates)
        lines.append(
            f"  {path}:{r.line}:{r.column}: {r.before!r} -> {r.after!r} "
            f"({r.reason}; candidates: {cands})"
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    result = repair_file(path)
    if args.output:
        Path(args.output).write_text(result.text, encoding="utf-8")
    elif result.changes or not args.report:
        sys.stdout.write(result.text)
    if args.report:
        report = {
            "file": str(path),
            "codec": result.codec,
            "changes": [asdict(c) for c in result.changes],
        }
        Path(args.report).write_text(
            json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    print(_summary(path, result), file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "repair",
        help="repair mojibake in a text file and report every change",
        description="Repair UTF-8 text that was read as Windows-1252 or Windows-1254 and saved "
        "again, rebuilding characters that lost a byte. Clean UTF-8 is left unchanged. A summary "
        "goes to stderr; uncertain reconstructions are listed with line and candidates.",
    )
    p.add_argument("file", metavar="FILE", help="the text file to repair (UTF-8)")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write the repaired text here (default: standard output)",
    )
    p.add_argument(
        "--report",
        metavar="FILE.json",
        help="write every change (line, before, after, certain, candidates) as JSON",
    )
    p.set_defaults(func=run, needs_project=False)
