"""TypeScript snippets: one `tsc --strict --noEmit` over all of them, errors mapped to files.

One compiler run is much faster than one per file; its `file(line,col)` output says who failed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from handbook.snippets.runners import base

NAME = "typescript"
BATCH = True
DIAGNOSTIC = re.compile(r"^(?P<file>[^\s(][^(]*)\((?P<line>\d+),(?P<col>\d+)\): (?P<msg>.*)$")


def matches(rel: str) -> bool:
    return rel.endswith((".ts", ".tsx")) and not rel.endswith(".d.ts")


def tsc(ctx: base.Context) -> Path:
    return ctx.toolchain_dir / "node_modules" / "typescript" / "bin" / "tsc"


def version() -> str:
    return base.tool_version(["node", "--version"])  # tsc's own version joins via the deps


def implicit_deps(ctx: base.Context, file: Path) -> list[Path]:
    return [p for p in (ctx.toolchain_dir / "tsconfig.json", ctx.toolchain_dir / "_types",
                        ctx.toolchain_dir / "node_modules" / "typescript" / "package.json")
            if p.exists()]


def run_batch(ctx: base.Context, files: list[Path]) -> dict[Path, base.Outcome]:
    """Type-check `files` together against snippets/tsconfig.json; one outcome per file."""
    with base.temp_dir() as tmp:
        config = tmp / "tsconfig.json"
        config.write_text(json.dumps({
            "extends": str(ctx.toolchain_dir / "tsconfig.json"),
            "compilerOptions": {"noEmit": True, "strict": True,
                                "typeRoots": [str(ctx.toolchain_dir / "node_modules" / "@types")]},
            "files": [str(f) for f in files],
            "include": [str(ctx.toolchain_dir / "_types" / "**" / "*.d.ts")],
        }))
        ran = base.run(["node", str(tsc(ctx)), "--strict", "--noEmit", "--pretty", "false",
                        "-p", str(config)], cwd=tmp, env=base.clean_env(tmp),
                       timeout=ctx.timeout * 3)
    by_file: dict[Path, list[tuple[int, str]]] = {f: [] for f in files}
    unmatched: list[str] = []
    current: list[str] | None = None
    for line in ran.output.split("\n"):
        match = DIAGNOSTIC.match(line)
        if match:
            path = Path(match.group("file"))
            path = path if path.is_absolute() else (tmp / path)
            key = next((f for f in files if f.resolve() == path.resolve()), None)
            text = f"{path.name}({match.group('line')},{match.group('col')}): {match.group('msg')}"
            if key is None:
                unmatched.append(line)
                current = unmatched
            else:
                by_file[key].append((int(match.group("line")), text))
                current = None
        elif current is not None and line.strip():
            current.append(line)
    outcomes: dict[Path, base.Outcome] = {}
    for file, diagnostics in by_file.items():
        if diagnostics:
            text = "\n".join(t for _, t in diagnostics)
            outcomes[file] = base.Outcome(False, f"tsc --strict --noEmit:\n{text}",
                                          diagnostics[0][0])
        elif ran.returncode != 0 and (unmatched or ran.timed_out):
            # An error outside the snippets (config, stubs) fails every file of the batch.
            outcomes[file] = base.Outcome(False, "tsc failed outside the snippets:\n"
                                          + base.tail("\n".join(unmatched) or ran.output))
        else:
            outcomes[file] = base.Outcome(True)
    return outcomes


def run(ctx: base.Context, file: Path) -> base.Outcome:
    return run_batch(ctx, [file])[file]
