"""Run the discovered snippets in parallel, through the cache, and collect one result each.

Discovery says what exists; this decides what must run now and runs it on every core.
"""

from __future__ import annotations

import functools
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from handbook.snippets import cache as cache_mod
from handbook.snippets.discover import Discovery, Location, Problem, discover
from handbook.snippets.runners import RUNNERS, BatchRunner, Runner, for_file
from handbook.snippets.runners.base import Context, Outcome


@dataclass
class Result:
    """One snippet file's verdict, with where pages show it."""

    file: str
    language: str
    ok: bool
    cached: bool
    seconds: float
    error: str = ""
    line: int | None = None
    shown_at: list[Location] = field(default_factory=list)
    stub_calls: list[str] = field(default_factory=list)


@dataclass
class Run:
    """Everything one `handbook snippets` produced."""

    discovery: Discovery
    results: list[Result]
    problems: list[Problem]
    seconds: float

    @property
    def failed(self) -> int:
        return sum(not r.ok for r in self.results) + len(self.problems)

    @property
    def passed(self) -> int:
        return sum(r.ok for r in self.results)


@functools.cache
def toolchain_versions() -> dict[Runner, str]:
    """Every runner's toolchain version, asked once per process (they are part of cache keys)."""
    with ThreadPoolExecutor() as pool:
        return dict(zip(RUNNERS, pool.map(lambda r: r.version(), RUNNERS), strict=True))


def select(discovery: Discovery, root: Path, only: list[str]) -> list[str]:
    """The snippet files `--only` names: snippet paths, folders, or pages (their includes)."""
    if not only:
        return discovery.snippet_files
    snippets_dir = (root / "snippets").resolve()
    chosen: list[str] = []
    for arg in only:
        path = Path(arg)  # an absolute path stays itself in each candidate
        candidates = [Path.cwd() / path, root / path, snippets_dir / path]
        target = next((c.resolve() for c in candidates if c.exists()), None)
        if target is None:
            raise SystemExit(f"handbook snippets: --only {arg}: no such file or folder")
        if target.is_relative_to(snippets_dir):
            rel = target.relative_to(snippets_dir).as_posix()
            chosen += [
                f
                for f in discovery.snippet_files
                if f == rel or rel in (".", "") or f.startswith(rel.rstrip("/") + "/")
            ]
        elif target.is_relative_to(root):
            page = target.relative_to(root).as_posix()
            chosen += [
                inc.file
                for inc in discovery.includes
                if inc.where.path == page or inc.where.path.startswith(page + "/")
            ]
        else:
            raise SystemExit(f"handbook snippets: --only {arg}: outside {root}")
    return sorted(set(chosen) & set(discovery.snippet_files))


def run(
    root: Path,
    *,
    toolchain_dir: Path | None = None,
    only: list[str] | None = None,
    jobs: int | None = None,
    use_cache: bool = True,
    timeout: float = 60.0,
) -> Run:
    """Discover, then run every selected snippet not already answered by the cache."""
    start = time.monotonic()
    root = root.resolve()
    discovery = discover(root)
    snippets_dir = root / "snippets"
    ctx = Context(root, snippets_dir, (toolchain_dir or snippets_dir).resolve(), timeout=timeout)
    store = cache_mod.Cache(root / ".cache" / "snippets", enabled=use_cache)
    versions = toolchain_versions()
    results: dict[str, Result] = {}

    def record(rel: str, lang: str, o: Outcome, cached: bool = False, spent: float = 0.0) -> None:
        shown = discovery.shown_at(rel)
        results[rel] = Result(rel, lang, o.ok, cached, spent, o.error, o.line, shown, o.stub_calls)

    pending: list[tuple[str, Runner]] = []
    digests: dict[str, str] = {}
    for rel in select(discovery, root, only or []):
        file = snippets_dir / rel
        runner = for_file(rel)
        if runner is None:
            why = f"no toolchain checks *{file.suffix or file.name} files"
            record(rel, "unknown", Outcome(False, f"{why}; see Contributing › Add a snippet"))
            continue
        try:
            deps = runner.implicit_deps(ctx, file) + cache_mod.declared_deps(file, snippets_dir)
        except cache_mod.DependencyError as exc:
            record(rel, runner.NAME, Outcome(False, str(exc), exc.line))
            continue
        digests[rel] = cache_mod.key(rel, file, runner, versions[runner], deps)
        hit = store.get(digests[rel])
        if hit is not None:
            record(rel, runner.NAME, hit, cached=True)
        else:
            pending.append((rel, runner))

    def check(runner: Runner, rels: list[str]) -> tuple[list[Outcome], float]:
        """The outcomes of one file, or of every file of a BATCH runner at once; time per file."""
        began = time.monotonic()
        files = [snippets_dir / rel for rel in rels]
        if getattr(runner, "BATCH", False):
            outcomes = cast(BatchRunner, runner).run_batch(ctx, files)
        else:
            try:
                outcomes = {files[0]: runner.run(ctx, files[0])}
            except Exception as exc:  # a runner crash is reported on its file, not raised
                error = f"{runner.NAME} runner error: {type(exc).__name__}: {exc}"
                outcomes = {files[0]: Outcome(False, error)}
        return [outcomes[f] for f in files], (time.monotonic() - began) / len(files)

    batched: dict[Runner, list[str]] = {}
    for rel, runner in pending:
        if getattr(runner, "BATCH", False):
            batched.setdefault(runner, []).append(rel)
    groups = [(r, [rel]) for rel, r in pending if r not in batched] + list(batched.items())
    try:
        with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 2) as pool:
            tasks = [(runner, rels, pool.submit(check, runner, rels)) for runner, rels in groups]
            for runner, rels, task in tasks:
                outcomes, spent = task.result()
                for rel, outcome in zip(rels, outcomes, strict=True):
                    record(rel, runner.NAME, outcome, spent=round(spent, 3))
                    if not outcome.timed_out:  # the machine may have been busy: run it again
                        store.put(digests[rel], outcome)
    finally:
        for service in ctx.services.values():
            service.stop()  # type: ignore[attr-defined]
    results_sorted = [results[k] for k in sorted(results)]
    return Run(discovery, results_sorted, discovery.problems, time.monotonic() - start)
