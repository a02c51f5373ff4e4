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

    @classmethod
    def of(
        cls,
        rel: str,
        language: str,
        o: Outcome,
        shown: list[Location],
        cached: bool,
        seconds: float,
    ) -> Result:
        """The result of `rel` from a runner's (or the cache's) verdict."""
        return cls(rel, language, o.ok, cached, seconds, o.error, o.line, shown, o.stub_calls)


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
        path = Path(arg)
        candidates = (
            [path] if path.is_absolute() else [Path.cwd() / path, root / path, snippets_dir / path]
        )
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
    cache_dir: Path | None = None,
    extra_problems: list[Problem] | None = None,
) -> Run:
    """Discover, then run every selected snippet not already answered by the cache."""
    start = time.monotonic()
    root = root.resolve()
    discovery = discover(root)
    snippets_dir = root / "snippets"
    ctx = Context(root, snippets_dir, (toolchain_dir or snippets_dir).resolve(), timeout=timeout)
    store = cache_mod.Cache(cache_dir or root / ".cache" / "snippets", enabled=use_cache)
    workers = jobs or os.cpu_count() or 2
    versions = toolchain_versions()
    results: dict[str, Result] = {}
    pending: list[tuple[str, Runner, str]] = []
    for rel in select(discovery, root, only or []):
        file = snippets_dir / rel
        runner = for_file(rel)
        shown = discovery.shown_at(rel)
        if runner is None:
            why = f"no toolchain checks *{file.suffix or file.name} files"
            unknown = Outcome(False, f"{why}; see Contributing › Add a snippet")
            results[rel] = Result.of(rel, "unknown", unknown, shown, False, 0.0)
            continue
        try:
            deps = runner.implicit_deps(ctx, file) + cache_mod.declared_deps(file, snippets_dir)
        except cache_mod.DependencyError as exc:
            failed = Outcome(False, str(exc), exc.line)
            results[rel] = Result.of(rel, runner.NAME, failed, shown, False, 0.0)
            continue
        digest = cache_mod.key(rel, file, runner, versions[runner], deps)
        hit = store.get(digest)
        if hit is not None:
            results[rel] = Result.of(rel, runner.NAME, hit, shown, True, 0.0)
        else:
            pending.append((rel, runner, digest))

    def one(item: tuple[str, Runner, str]) -> list[tuple[str, str, Outcome, float]]:
        rel, runner, digest = item
        began = time.monotonic()
        try:
            outcome = runner.run(ctx, snippets_dir / rel)
        except Exception as exc:  # a runner crash is reported on its file, not raised
            outcome = Outcome(False, f"{runner.NAME} runner error: {type(exc).__name__}: {exc}")
        return [(rel, digest, outcome, time.monotonic() - began)]

    def batch(items: list[tuple[str, Runner, str]]) -> list[tuple[str, str, Outcome, float]]:
        began = time.monotonic()
        runner = cast(BatchRunner, items[0][1])  # only BATCH runners are batched
        outcomes = runner.run_batch(ctx, [snippets_dir / rel for rel, _, _ in items])
        spent = (time.monotonic() - began) / len(items)
        return [(rel, digest, outcomes[snippets_dir / rel], spent) for rel, _, digest in items]

    tasks = []
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            batched: dict[Runner, list[tuple[str, Runner, str]]] = {}
            for item in pending:
                if getattr(item[1], "BATCH", False):
                    batched.setdefault(item[1], []).append(item)
                else:
                    tasks.append(pool.submit(one, item))
            tasks += [pool.submit(batch, items) for items in batched.values()]
            for task in tasks:
                for rel, digest, outcome, spent in task.result():
                    name = for_file(rel).NAME  # type: ignore[union-attr]  # pending had one
                    shown = discovery.shown_at(rel)
                    results[rel] = Result.of(rel, name, outcome, shown, False, round(spent, 3))
                    if not outcome.timed_out:  # the machine may have been busy: run it again
                        store.put(digest, outcome)
    finally:
        for service in ctx.services.values():
            service.stop()  # type: ignore[attr-defined]
    problems = discovery.problems + (extra_problems or [])
    return Run(discovery, [results[k] for k in sorted(results)], problems, time.monotonic() - start)
