"""Lighthouse (npm, pinned; Debian Chromium) on three pages behind deploy/nginx.conf, mobile.

The built handbook is served by Debian nginx with the shipped server block (only `listen` and
`root` rendered, as the tests do) under /latest/, so compression and cache headers are the ones
readers get. Goals: performance >= 90, accessibility, best practices and SEO 100.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from pathlib import Path

from .. import search
from ..project import CHROMIUM
from .browser import published

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
GOALS = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
LABELS = {"best-practices": "best practices", "seo": "SEO"}
PAGES = {"home": "", "guide": "security/cors/", "checklist": "checklists/code-review/"}
FRAGMENT = "docs/about/generated/lighthouse.md"
# The metrics' own audits: the score says how they went; `not_passed` lists the other audits.
METRICS = frozenset({
    "first-contentful-paint", "largest-contentful-paint", "speed-index", "interactive",
    "total-blocking-time", "cumulative-layout-shift",
})  # fmt: skip


def audit(lighthouse: Path, url: str, out: Path) -> dict:
    """One Lighthouse run (mobile, its default); the four scores and the main metrics."""
    done = subprocess.run(  # noqa: S603 - our pinned tool, our arguments
        [
            str(lighthouse),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse failed on {url}: {done.stderr[-800:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    audits = report["audits"]
    failing = sorted(
        a
        for a, v in audits.items()
        if v.get("score") is not None
        and v["score"] < 1
        and v.get("scoreDisplayMode") in ("binary", "metricSavings", "numeric")
        and a not in METRICS
    )
    return {
        "scores": scores,
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "not_passed": failing[:20],
    }


def measure(root: Path, site: Path, work: Path, runs: int = 3) -> dict:
    """Serve `site` as /latest/ behind nginx (the project at `root`'s deploy/nginx.conf) and run
    its pinned Lighthouse on the three pages, with the search index readers get (`make build`)."""
    if not (site / "pagefind").is_dir():  # else every page fetches the whole 700 KB search text
        search.index_site(site)
    run = work / "lighthouse-nginx"
    run.mkdir(parents=True, exist_ok=True)
    os.sync()  # the builds and indexes of the parts before are on disk, not flushed meanwhile
    tool = root / "node_modules" / ".bin" / "lighthouse"
    with published(root, site, run) as (latest, _):
        pages = {
            name: {
                "path": f"/latest/{path}",
                **_median(
                    [audit(tool, f"{latest}/{path}", run / f"{name}-{i}.json") for i in range(runs)]
                ),
            }
            for name, path in PAGES.items()
        }
    return {
        "command": f"lighthouse 12 (mobile, simulated throttling), median of {runs} runs per "
        "page, Debian Chromium, deploy/nginx.conf on loopback",
        "goals": GOALS,
        "pages": pages,
        "meets_goals": all(p["meets_goals"] for p in pages.values()),
    }


def _median(audits: list[dict]) -> dict:
    """Per page, the median of each score and metric over the runs: the performance score moves by
    several points from one run to the next on the same build."""
    scores = {c: statistics.median(a["scores"][c] for a in audits) for c in CATEGORIES}
    metrics = {
        k: statistics.median(a[k] for a in audits) for k in ("lcp_ms", "fcp_ms", "tbt_ms", "cls")
    }
    return {
        "scores": scores,
        "runs": [a["scores"] for a in audits],
        **metrics,
        "not_passed": sorted({x for a in audits for x in a["not_passed"]}),
        "meets_goals": all(scores[c] >= g for c, g in GOALS.items()),
    }


def fragments(results: dict) -> dict[str, str]:
    """The table for the Performance page (`handbook generate`, page.fragments): path -> text."""
    data = results.get("lighthouse") or {"skipped": "not in this results file"}
    if data.get("skipped"):
        return {FRAGMENT: f"Not measured: {data['skipped']}\n"}
    from .page import ENV

    return {FRAGMENT: ENV.get_template("lighthouse.md").render(data=data, labels=LABELS)}
