"""Time strict builds: the real handbook, and synthetic handbooks under three configurations.

Runs of the configurations are interleaved (a, b, c, a, b, c) so their ratios share the noise.
"""

from __future__ import annotations

import functools
import statistics
import sys
import time
from pathlib import Path

from handbook.project import QUIET_ENV

from . import configs, proc, synth

CONFIGS = ["stock", "handbook", "zensical"]


def tool(name: str) -> str:
    """A program installed beside this interpreter (mkdocs, zensical, handbook)."""
    return str(Path(sys.executable).with_name(name))


def _show(path: Path, root: Path) -> str:
    """A path as the results show it: relative to the project when inside it."""
    path = path.resolve()
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def build_command(config: str, config_file: Path) -> list[str]:
    """The build command of one configuration; Zensical reads the handbook's mkdocs.yml."""
    if config == "zensical":
        return [tool("zensical"), "build", "--clean", "-f", str(config_file)]
    return [tool("mkdocs"), "build", "--strict", "--clean", "-q", "-f", str(config_file)]


def _shown(config: str, config_file: Path, root: Path) -> str:
    """A build command as the results show it: the program's name, paths as `_show` gives them."""
    cmd = build_command(config, config_file)
    args = [_show(Path(a), root) if a.startswith("/") else a for a in cmd[1:]]
    return " ".join([Path(cmd[0]).name, *args])


def summarize(runs: list[proc.Measured]) -> dict:
    """Median wall time and peak memory of runs; a failed run is reported with its output tail."""
    ok = [r for r in runs if r.returncode == 0]
    return {
        "ok": len(ok) == len(runs) and bool(runs),
        "runs": len(runs),
        "wall_s": [round(r.wall_s, 3) for r in runs],
        "median_s": round(statistics.median(r.wall_s for r in ok), 3) if ok else None,
        "cpu_s": round(statistics.median(r.cpu_s for r in ok), 3) if ok else None,
        "peak_rss_mb": round(max(r.peak_rss_mb for r in ok), 1) if ok else None,
        "error": None if len(ok) == len(runs) else next(r.tail() for r in runs if r.returncode),
    }


def real_build(root: Path, work: Path, runs: int) -> dict:
    """Strict build of the real handbook into the bench's own output directory."""
    out = work / "real-site"
    cmd = [*build_command("handbook", root / "mkdocs.yml"), "-d", str(out)]
    results = [proc.run(cmd, root, QUIET_ENV) for _ in range(runs)]
    pages = sum(1 for _ in out.rglob("index.html")) if out.exists() else 0
    return {
        "command": f"mkdocs build --strict --clean -d {_show(out, root)}",
        "html_pages": pages,
        **summarize(results),
    }


def synthetic_builds(
    root: Path, work: Path, pages: int, runs: int, timeout: float, deadline: float | None = None
) -> dict:
    """Generate an N-page handbook and build it `runs` times per configuration, interleaved."""
    site = synth.generate(work / f"synthetic-{pages}", pages, root / "docs" / "assets")
    zensical = functools.partial(
        configs.handbook_config, site, site.root / "site-zensical", root / "mkdocs.yml", "zensical"
    )
    files = {
        "stock": configs.stock_config(site, site.root / "site-stock"),
        "handbook": configs.handbook_config(site, site.root / "site-handbook", root / "mkdocs.yml"),
        "zensical": zensical(),
    }
    measured: dict[str, list[proc.Measured]] = {c: [] for c in CONFIGS}

    def run(config: str) -> proc.Measured:
        return proc.run(build_command(config, files[config]), site.root, QUIET_ENV, timeout)

    zensical_note = None
    budget_note = None
    last_round = 0.0
    for round_no in range(runs):
        started = time.monotonic()
        if round_no and deadline is not None and started + last_round > deadline:
            budget_note = (
                f"{round_no} of {runs} runs: the next round (~{last_round:.0f} s) "
                "would have passed the run's time budget (--budget)"
            )
            break
        for config in CONFIGS:
            result = run(config)
            if config == "zensical" and result.returncode and zensical_note is None:
                # Zensical's template engine may reject a Jinja override the handbook keeps for
                # MkDocs; then it builds the same configuration without theme overrides.
                zensical_note = f"built without theme overrides (custom_dir): {result.tail(1)}"
                files[config] = zensical(overrides=False)
                result = run(config)
            measured[config].append(result)
        last_round = time.monotonic() - started
    out = {c: {"command": _shown(c, files[c], root), **summarize(measured[c])} for c in CONFIGS}
    if zensical_note:
        out["zensical"]["note"] = zensical_note
    entry = {"pages": pages, "site_dir": _show(site.root / "site-handbook", root), "configs": out}
    if budget_note:
        entry["note"] = budget_note
    return entry


def scaling(root: Path, work: Path, small: int, runs: int, timeout: float) -> dict:
    """The handbook configuration at `small` and 3 × `small` pages, built alternately, round by
    round. The growth ratio then compares builds made minutes apart on the same machine, not a
    whole build matrix apart (this machine's speed drifts by tens of percent over a run)."""
    sizes = (small, 3 * small)
    files = {}
    for n in sizes:
        # Generation is deterministic: the same pages the matrix built, or a size it did not.
        site = synth.generate(work / f"synthetic-{n}", n, root / "docs" / "assets")
        files[n] = configs.handbook_config(site, site.root / "site-handbook", root / "mkdocs.yml")
    measured: dict[int, list[proc.Measured]] = {n: [] for n in sizes}
    for _ in range(runs):
        for n in sizes:
            cmd = build_command("handbook", files[n])
            measured[n].append(proc.run(cmd, files[n].parent, QUIET_ENV, timeout))
    by = {
        str(n): {"command": _shown("handbook", files[n], root), **summarize(measured[n])}
        for n in sizes
    }
    a, b = by[str(sizes[0])]["median_s"], by[str(sizes[1])]["median_s"]
    return {
        "config": "handbook",
        "command": f"the handbook configuration at {sizes[0]} and {sizes[1]} pages, alternately",
        "rounds": runs,
        "sizes": by,
        "ratio": round(b / a, 2) if a and b else None,
    }
