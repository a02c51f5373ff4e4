"""TypeScript snippets: one `tsc --strict --noEmit` over all of them, errors mapped to files;
then every `.ts` file that type-checks is compiled and run by node, like a JavaScript snippet.

One compiler run is much faster than one per file; its `file(line,col)` output says who failed.
Type-checking alone passes a snippet that throws or answers the wrong status, so each file also
runs: `tsc` emits ES modules with source maps into a temporary folder, and node runs each with
the resolution hooks of `snippets/_harness/ts-register.mjs` (`next/server` is the small runtime
stub `_harness/next-server.mjs`; extensionless relative imports find the compiled `.js`). A
failed `node:assert` or an uncaught error fails the file, reported on its `.ts` line; a trailing
`// Output:` block must equal stdout. `.tsx` files are type-checked only (running them needs a
JSX runtime the snippets do not install).
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


def tsc(ctx: base.Context, config: Path, *flags: str) -> list[str]:
    """`tsc -p config` run by node, with plain (not pretty) diagnostics."""
    compiler = ctx.toolchain_dir / "node_modules" / "typescript" / "bin" / "tsc"
    return ["node", str(compiler), *flags, "--pretty", "false", "-p", str(config)]


def version() -> str:
    # tsc's own version joins via the deps; "+run" keeps type-check-only results out of the cache.
    return base.tool_version(["node", "--version"]) + " tsc+run"


def implicit_deps(ctx: base.Context, file: Path) -> list[Path]:
    harness = [f"_harness/{name}.mjs" for name in ("ts-register", "ts-hooks", "next-server")]
    names = ["tsconfig.json", "_types", *harness, "node_modules/typescript/package.json"]
    return [p for p in (ctx.toolchain_dir / name for name in names) if p.exists()]


def _config(ctx: base.Context, tmp: Path, files: list[Path], out: Path | None = None) -> Path:
    """A tsconfig over `files`: type-check only, or emit ES modules with source maps into `out`."""
    config = tmp / f"tsconfig.{'emit' if out else 'check'}.json"
    tools = ctx.toolchain_dir
    compiler = {"strict": True, "typeRoots": [str(tools / "node_modules" / "@types")]}
    compiler["noEmit"] = out is None
    if out is not None:  # emitted even when a file has type errors
        compiler |= {"outDir": str(out), "rootDir": str(ctx.snippets_dir), "sourceMap": True}
        compiler |= {"declaration": False, "noEmitOnError": False}
    data = {"extends": str(tools / "tsconfig.json"), "compilerOptions": compiler}
    data |= {"files": [str(f) for f in files], "include": [str(tools / "_types/**/*.d.ts")]}
    config.write_text(json.dumps(data))
    return config


def type_check(ctx: base.Context, files: list[Path]) -> dict[Path, base.Outcome]:
    """Type-check `files` together against snippets/tsconfig.json; one outcome per file."""
    with base.temp_dir() as tmp:
        argv = tsc(ctx, _config(ctx, tmp, files), "--strict", "--noEmit")
        ran = base.run(argv, cwd=tmp, env=base.clean_env(tmp), timeout=ctx.timeout * 3)
    by_file: dict[Path, list[tuple[int, str]]] = {f: [] for f in files}
    unmatched: list[str] = []
    outside = False  # the lines after a diagnostic outside the snippets belong to it
    for line in ran.output.split("\n"):
        match = DIAGNOSTIC.match(line)
        if match:
            path = tmp / match["file"]  # relative to tsc's cwd; an absolute path stays as it is
            key = next((f for f in files if f.resolve() == path.resolve()), None)
            if key is None:
                unmatched.append(line)
            else:
                text = f"{path.name}({match['line']},{match['col']}): {match['msg']}"
                by_file[key].append((int(match["line"]), text))
            outside = key is None
        elif outside and line.strip():
            unmatched.append(line)
    outcomes: dict[Path, base.Outcome] = {}
    for file, diagnostics in by_file.items():
        if diagnostics:
            text = "\n".join(t for _, t in diagnostics)
            outcomes[file] = base.Outcome(
                False, f"tsc --strict --noEmit:\n{text}", diagnostics[0][0]
            )
        elif ran.returncode != 0 and (unmatched or ran.timed_out):
            # An error outside the snippets (config, stubs) fails every file of the batch.
            outside_text = base.tail("\n".join(unmatched) or ran.output)
            error = f"tsc failed outside the snippets:\n{outside_text}"
            outcomes[file] = base.Outcome(False, error, timed_out=ran.timed_out)
        else:
            outcomes[file] = base.Outcome(True)
    return outcomes


def execute(ctx: base.Context, files: list[Path]) -> dict[Path, base.Outcome]:
    """Compile `files` (already type-checked) to ES modules and run each with node."""
    outcomes: dict[Path, base.Outcome] = {}
    register = ctx.toolchain_dir / "_harness" / "ts-register.mjs"
    with base.temp_dir() as tmp:
        out = tmp / "out"
        argv = tsc(ctx, _config(ctx, tmp, files, out))
        emitted = base.run(argv, cwd=tmp, env=base.clean_env(tmp), timeout=ctx.timeout * 3)
        out.mkdir(exist_ok=True)
        (out / "package.json").write_text('{"type": "module"}\n')
        for file in files:
            js = out / file.relative_to(ctx.snippets_dir).with_suffix(".js")
            if not js.exists():
                error = "tsc emitted no JavaScript:\n" + base.tail(emitted.output)
                outcomes[file] = base.Outcome(False, error)
                continue
            node = ["node", "--enable-source-maps", "--import", str(register), str(js)]
            ran = base.run_clean(node, ctx.timeout)
            # Source maps put the .ts file and line into the stack trace.
            what = "node (compiled TypeScript)"
            outcomes[file] = base.verdict(ran, file, what, r"{name}:(\d+)", "//")
    return outcomes


def run_batch(ctx: base.Context, files: list[Path]) -> dict[Path, base.Outcome]:
    outcomes = type_check(ctx, files)
    runnable = [f for f in files if outcomes[f].ok and f.suffix == ".ts"]
    if runnable:
        outcomes.update(execute(ctx, runnable))
    return outcomes


def run(ctx: base.Context, file: Path) -> base.Outcome:
    return run_batch(ctx, [file])[file]
