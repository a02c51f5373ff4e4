"""The console summary and the JSON report of a snippet run.

A failure names the page line that shows the snippet, the snippet line, and the tool's own words.
"""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from pathlib import Path

from handbook.snippets.engine import Run


def console(run: Run) -> str:
    """Failures first, then the summary block.

    Its first line is exactly `snippets: N passed, N failed`.
    """
    out = [f"FAIL {problem}" for problem in run.problems]  # `path:line: message`
    for result in run.results:
        if result.ok:
            continue
        where = f"snippets/{result.file}" + (f":{result.line}" if result.line else "")
        out.append(f"FAIL {where} ({result.language})")
        shown = [f"    shown at {loc}" for loc in result.shown_at]
        out += shown or ["    shown at: no page includes it"]
        out.append(textwrap.indent(result.error.rstrip(), "    "))
    blocks = run.discovery.blocks
    illustrative = [b for b in blocks if b.kind == "illustrative"]
    cached = sum(r.cached for r in run.results)
    out.append(f"snippets: {run.passed} passed, {run.failed} failed")
    out.append(
        f"illustrative: {len(illustrative)} blocks (tested blocks: "
        f"{sum(b.kind == 'tested' for b in blocks)}, text blocks: "
        f"{sum(b.kind == 'text' for b in blocks)})"
    )
    if run.problems:
        out.append(f"page and tree problems: {len(run.problems)}")
    per = Counter((result.language, result.ok) for result in run.results)
    for language in sorted({result.language for result in run.results}):
        out.append(f"  {language}: {per[language, True]} passed, {per[language, False]} failed")
    ran = len(run.results) - cached
    if run.results and ran == 0:
        reused = f"all {cached} results reused, nothing re-run ({run.seconds:.1f}s)"
        out.append(f"cache: nothing changed, {reused}")
    else:
        out.append(f"cache: {cached} reused, {ran} run ({run.seconds:.1f}s)")
    return "\n".join(out)


def as_json(run: Run) -> dict[str, object]:
    """The machine-readable report: every snippet, every problem, every illustrative block."""
    return {
        "summary": {
            "passed": run.passed,
            "failed": run.failed,
            "cached": sum(r.cached for r in run.results),
            "ran": sum(not r.cached for r in run.results),
            "seconds": round(run.seconds, 3),
            "illustrative": sum(b.kind == "illustrative" for b in run.discovery.blocks),
        },
        "snippets": [
            {
                "file": f"snippets/{r.file}",
                "language": r.language,
                "status": "passed" if r.ok else "failed",
                "cached": r.cached,
                "seconds": r.seconds,
                "line": r.line,
                "error": r.error,
                "shown_at": [str(loc) for loc in r.shown_at],
                "stub_calls": r.stub_calls,
            }
            for r in run.results
        ],
        "problems": [{"where": str(p.where), "message": p.message} for p in run.problems],
        "illustrative": [
            {"where": str(b.where), "language": b.language, "reason": b.reason}
            for b in run.discovery.blocks
            if b.kind == "illustrative"
        ],
    }


def write_json(run: Run, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(as_json(run), indent=2) + "\n", encoding="utf-8")
