"""Profile one MkDocs build with pyinstrument and say where its time goes.

Run as `python -m handbook.bench.profiling CONFIG OUT.json` so the profile sees a clean process.
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

# Groups of the build's work, keyed by a substring of the frame's file or function.
PHASES = {
    "navigation (nav-item.html, nav.html, tabs)": ("nav-item.html", "nav.html", "tabs"),
    "markdown to HTML (Python-Markdown, pymdownx)": ("/markdown/", "/pymdownx/"),
    "search index (search plugin)": ("plugins/search",),
    "all templates (Jinja, navigation included)": (".html",),
    "tags plugin": ("plugins/tags",),
    "writing files": ("write_file",),
}


def _key(frame) -> str:
    path = frame.file_path_short or frame.file_path or ""
    return f"{frame.function} ({path}:{frame.line_no})"


def _phase(frame) -> str | None:
    text = f"{frame.file_path or ''} {frame.function}"
    for phase, needles in PHASES.items():
        if any(n in text for n in needles):
            return phase
    return None


def summarize(root_frame, total: float, top: int = 12) -> dict:
    """Self time per function (top), and inclusive time per phase (each stack counted once)."""
    self_time: dict[str, float] = defaultdict(float)
    phases: dict[str, float] = defaultdict(float)
    stack: list[tuple[Any, frozenset[str]]] = [(root_frame, frozenset())]
    while stack:
        frame, seen = stack.pop()
        if not frame.function.startswith("["):  # "[self]"/"[await]" are folded into the parent
            self_time[_key(frame)] += frame.total_self_time
        phase = _phase(frame)
        if phase and phase not in seen:
            phases[phase] += frame.time
            seen = seen | {phase}
        stack.extend((child, seen) for child in frame.children)
    ranked = sorted(self_time.items(), key=lambda kv: -kv[1])[:top]
    return {
        "total_s": round(total, 3),
        "phases": {
            k: {"seconds": round(v, 3), "share": round(v / total, 3)}
            for k, v in sorted(phases.items(), key=lambda kv: -kv[1])
        },
        "top_self": [
            {"function": k, "seconds": round(v, 3), "share": round(v / total, 3)} for k, v in ranked
        ],
    }


def profile_build(config_file: Path) -> dict:
    """Build once under the profiler (strict, as the real build)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from pyinstrument import Profiler

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    cfg = load_config(config_file=str(config_file), strict=True)
    profiler = Profiler(interval=0.005)
    profiler.start()
    build(cfg)
    session = profiler.stop()
    return summarize(session.root_frame(), session.duration)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: python -m handbook.bench.profiling CONFIG OUT.json")
    Path(sys.argv[2]).write_text(json.dumps(profile_build(Path(sys.argv[1])), indent=2))
