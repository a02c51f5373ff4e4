"""Run the benchmark parts in order and write one results file (and, for a full run, the page).

Parts that fail are recorded with their reason instead of stopping the others.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from pathlib import Path

from handbook.project import QUIET_ENV

from . import (
    DEFAULT_OUT,
    QUICK_OUT,
    build,
    configs,
    lighthouse,
    machine,
    preview,
    proc,
    results,
    search,
    snippets_timing,
    synth,
    weight,
)

SYNTHETIC_QUERY = "network"  # a common English word, so every synthetic site has many hits
REAL_QUERY = "review"


PARTS = ["build", "search", "weight", "snippets", "profile", "preview", "lighthouse"]


def _part(name: str, func, *a, **kw):
    started = time.perf_counter()
    print(f"[bench] {name} ...", flush=True)
    try:
        value = func(*a, **kw)
    except (Exception, SystemExit) as exc:  # one broken part must not lose the others' figures
        print(traceback.format_exc(), file=sys.stderr)
        return {"skipped": f"{name} failed: {str(exc).strip()[:600] or type(exc).__name__}"}
    print(f"[bench] {name} done in {time.perf_counter() - started:.0f} s", flush=True)
    return value


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def _builds(
    root: Path, work: Path, pages: list[int], runs: int, timeout: float, budget: float | None
) -> dict:
    deadline = time.monotonic() + budget if budget else None
    real = build.real_build(root, work, runs)
    synthetic = []
    for n in pages:
        entry = build.synthetic_builds(root, work, n, runs, timeout, deadline=deadline)
        c = entry["configs"]
        entry["ratios"] = {
            "stock_over_handbook": _ratio(c["stock"]["median_s"], c["handbook"]["median_s"]),
            "zensical_over_handbook": _ratio(c["zensical"]["median_s"], c["handbook"]["median_s"]),
        }
        synthetic.append(entry)
        timings = ", ".join(f"{k} {v['median_s']} s" for k, v in c.items())
        print(f"[bench]   {n} pages: {timings}", flush=True)
    # The growth goal compares one configuration at two sizes: built alternately, after the matrix.
    small = 1000 if 1000 in pages else pages[-1]
    print(f"[bench]   scaling: handbook at {small} and {3 * small} pages alternately", flush=True)
    scale = build.scaling(root, work, small, runs, timeout)
    print(f"[bench]   scaling ratio {scale['ratio']}", flush=True)
    return {"real": real, "synthetic": synthetic, "scaling": scale}


def _profiles(root: Path, work: Path, pages: int, growth: list[int]) -> list[dict]:
    """Stock and handbook profiled at `pages`; the handbook's again at each size of `growth`,
    so the page shows which part of the build grows faster than the pages do."""
    out = _profile_site(root, work, pages, ("stock", "handbook"))
    for n in growth:
        out += [{**e, "growth": True} for e in _profile_site(root, work, n, ("handbook",))]
    return out


def _profile_site(root: Path, work: Path, pages: int, which: tuple[str, ...]) -> list[dict]:
    site = work / f"synthetic-{pages}"
    if not (site / "mkdocs-stock.yml").is_file():  # a size the build part did not make
        made = synth.generate(site, pages, root / "docs" / "assets")
        configs.stock_config(made, site / "site-stock")
        configs.handbook_config(made, site / "site-handbook", root / "mkdocs.yml")
    out = []
    for config in which:
        cfg = site / f"mkdocs-{config}.yml"
        if not cfg.is_file():
            raise SystemExit(f"{cfg}: no synthetic configuration; run the build part first")
        dest = site / f"profile-{config}.json"
        cmd = [sys.executable, "-m", "handbook.bench.profiling", str(cfg), str(dest)]
        m = proc.run(cmd, root, QUIET_ENV, 1800)
        if m.returncode:
            raise SystemExit(f"profiling {cfg} failed:\n{m.tail()}")
        command = f"python -m handbook.bench.profiling mkdocs-{config}.yml (pyinstrument)"
        profile = json.loads(dest.read_text())
        out.append({"pages": pages, "config": config, "command": command, **profile})
    return out


def _real_site(root: Path, work: Path) -> Path:
    site = work / "real-site"
    if not (site / "index.html").is_file():
        build.real_build(root, work, 1)
    return site


def _searches(root: Path, work: Path, sites: list[int], runs: int) -> list[dict]:
    out = [search.measure_site(root, "handbook", _real_site(root, work), None, REAL_QUERY, runs)]
    for n in sites:
        site = work / f"synthetic-{n}" / "site-handbook"
        if not (site / "index.html").is_file():
            raise SystemExit(f"{site}: not built; run the build part for {n} pages first")
        out.append(search.measure_site(root, f"synthetic-{n}", site, n, SYNTHETIC_QUERY, runs))
    return out


def _weights(root: Path, work: Path) -> dict:
    site = _real_site(root, work)
    # Weighed as published, with its search index (whether or not the search part ran first).
    from handbook.search import index_site

    index_site(site)
    pages = {
        "guide": weight.pick_page(site, "security"),
        "checklist": weight.pick_page(site, "checklists"),
    }
    return {
        "command": "Chromium: cold load until the page and its workers fetch nothing more for "
        "1.5 s; gzip -6 of each file fetched",
        "pages": weight.measure(site, pages),
        "own_assets": weight.own_assets(root),
    }


def goals(data: dict) -> dict:
    """Each stated goal, measured: True/False, or None when its part did not run."""
    out: dict = {}
    syn = {e["pages"]: e for e in data["build"].get("synthetic", [])}
    if 1000 in syn:
        ratio = syn[1000]["ratios"]["stock_over_handbook"]
        out["1000_pages_2x_faster_than_stock"] = (ratio or 0) >= 2
        h, z = (syn[1000]["configs"][c]["median_s"] for c in ("handbook", "zensical"))
        out["1000_pages_faster_than_zensical"] = h is not None and z is not None and h < z
    scale = data["build"].get("scaling")
    if scale and set(scale["sizes"]) == {"1000", "3000"}:
        # Measured alternately (build.scaling); the matrix's own 1,000/3,000 ratio is on the page.
        out["3000_over_1000_handbook"] = scale["ratio"]
        out["3000_le_3.5x_1000"] = bool(scale["ratio"] and scale["ratio"] <= 3.5)
    elif 1000 in syn and 3000 in syn:
        a, b = (syn[n]["configs"]["handbook"]["median_s"] for n in (1000, 3000))
        out["3000_over_1000_handbook"] = _ratio(b, a)
        out["3000_le_3.5x_1000"] = bool(a and b and b <= 3.5 * a)
    if "goals" in data["snippets"]:
        out.update({f"snippets_{k}": v for k, v in data["snippets"]["goals"].items()})
    out.update(data.get("preview", {}).get("goals", {}))  # the writer's loop (preview.py)
    if "own_assets" in data["weight"]:
        out["own_browser_code_le_6kb_gzip"] = data["weight"]["own_assets"]["within_goal"]
    if "meets_goals" in data.get("lighthouse", {}):
        out["lighthouse_mobile_goals"] = data["lighthouse"]["meets_goals"]
    if isinstance(data["search"], list):
        out.update({f"search_{k}": v for k, v in search.goals(data["search"]).items()})
    return out


def merge(main_run: dict, other: dict) -> dict:
    """Fill the parts main_run did not measure from another run, each marked with that run."""
    out = dict(main_run)
    for part in PARTS:
        if (
            isinstance(out.setdefault(part, {"skipped": "not in this results file"}), dict)
            and out[part].get("skipped")  # the snippets part carries "skipped": None when measured
            and part in other
            and not (other[part].get("skipped") if isinstance(other[part], dict) else False)
        ):
            value = other[part]
            # A part the other file had itself merged in keeps the run that really measured it.
            by = {"measured_by": {"command": other["command"], "date": other["date"]}}
            out[part] = {**by, **value} if isinstance(value, dict) else [{**by, **v} for v in value]
    out["goals"] = goals(out)
    return out


def main(args: argparse.Namespace) -> int:
    root = args.project.root
    if args.merge:
        out = args.out or root / DEFAULT_OUT
        results.write(merge(results.read(out), results.read(args.merge)), out)
        print(f"[bench] merged {args.merge} into {out}; `handbook generate` writes the page")
        return 0
    quick = args.quick
    pages = args.pages or ([30] if quick else [100, 1000, 3000])
    runs = args.runs or (1 if quick else 3)
    parts = args.only or PARTS
    # A quick run is a smoke test: it never replaces the results the Performance page shows.
    out = (args.out or root / (QUICK_OUT if quick else DEFAULT_OUT)).resolve()
    work = (args.work or root / "bench" / "work" / ("quick" if quick else "full")).resolve()
    work.mkdir(parents=True, exist_ok=True)
    skipped = {"skipped": "not selected (--only)"}
    data: dict = {
        "schema": "handbook-bench/1",
        "quick": quick,
        "date": machine.now(),
        "command": machine.command_line(),
        "machine": machine.machine(),
        "tools": machine.tools(),
        "runs": runs,
        **dict.fromkeys(
            ["build", "profile", "snippets", "search", "weight", "lighthouse", "preview"], skipped
        ),
        "goals": {},
    }
    pending = {"skipped": "not measured yet: the run was still going"}
    for name in parts:
        data[name] = pending
    searched = [n for n in pages if n >= 1000] or pages[-1:]
    # Profiling is slow: 300 pages show where the time goes at a fraction of the cost; the
    # handbook's growth is profiled at 1,000 and 3,000 pages when those were built.
    profiled = 300 if 1000 in pages else pages[-1]
    growth = [n for n in (1000, 3000) if n in pages]
    steps = {  # part -> what measures it, and its arguments (worked out when the part starts)
        "build": lambda: (_builds, root, work, pages, runs, args.timeout, args.budget),
        "search": lambda: (_searches, root, work, searched, runs),
        "weight": lambda: (_weights, root, work),
        "lighthouse": lambda: (lighthouse.measure, root, _real_site(root, work), work, runs),
        "snippets": lambda: (snippets_timing.measure, root, runs),
        "profile": lambda: (_profiles, root, work, profiled, growth),
        "preview": lambda: (preview.run, root, work, quick),
    }
    for name in [n for n in steps if n in parts]:
        if name == "snippets" and quick:
            why = "--quick: a cold run of every snippet takes minutes; the full run does it"
            data[name] = {"skipped": why}
        else:
            data[name] = _part(name, *steps[name]())
        data["goals"] = goals(data)
        results.write(data, out)  # after every part: a stopped run still leaves its figures
    data["goals"] = goals(data)
    data["finished"] = machine.now()
    results.write(data, out)
    print(f"[bench] wrote {out}")
    if out == (root / DEFAULT_OUT).resolve():
        print("[bench] `handbook generate` writes the Performance page from it")
    print(json.dumps(data["goals"], indent=2))
    return 0
