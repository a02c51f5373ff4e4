"""Lighthouse (npm, pinned; Debian Chromium) on three pages behind deploy/nginx.conf, mobile.

The built handbook is served by Debian nginx with the shipped server block (only `listen` and
`root` rendered, as the tests do) under /latest/, so compression and cache headers are the ones
readers get. Goals: performance >= 90, accessibility, best practices and SEO 100.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CHROME = "/usr/bin/chromium"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
GOALS = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
PAGES = {"home": "", "guide": "security/cors/", "checklist": "checklists/code-review/"}
FRAGMENT = "docs/about/generated/lighthouse.md"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _nginx(root: Path, work: Path) -> tuple[subprocess.Popen, int]:
    """deploy/nginx.conf with its `listen` and `root` rendered, in the foreground on loopback."""
    port = _free_port()
    server = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    server = re.sub(r"^(\s*)listen\s+80;", rf"\1listen 127.0.0.1:{port};", server, flags=re.M)
    server = re.sub(r"^(\s*)root\s+\S+;", rf"\1root {root};", server, flags=re.M)
    (work / "server.conf").write_text(server, encoding="utf-8")
    user = "user root;" if os.geteuid() == 0 else ""
    temp = " ".join(
        f"{d}_temp_path {work}/{d};" for d in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (work / "nginx.conf").write_text(
        f"{user}\nworker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log warn;\n"
        f"events {{ worker_connections 64; }}\nhttp {{ include /etc/nginx/mime.types; "
        f"default_type application/octet-stream; access_log off; {temp} "
        f"include {work}/server.conf; }}\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen(  # noqa: S603 - the Debian nginx binary, a fixed argument list
        [
            NGINX,
            "-p",
            str(work),
            "-e",
            str(work / "error.log"),
            "-c",  # noqa: S603
            str(work / "nginx.conf"),
            "-g",
            "daemon off;",
        ]
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return proc, port
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f"nginx did not listen on {port}")


def audit(url: str, out: Path) -> dict:
    """One Lighthouse run (mobile, its default); the four scores and the main metrics."""
    done = subprocess.run(  # noqa: S603 - our pinned tool, our arguments
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env={**os.environ, "CHROME_PATH": CHROME},
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
        and a
        not in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "speed-index",
            "total-blocking-time",
            "interactive",
            "cumulative-layout-shift",
        )
    )
    return {
        "scores": scores,
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "not_passed": failing[:20],
        "meets_goals": all(scores[c] >= g for c, g in GOALS.items()),
    }


def measure(site: Path, work: Path) -> dict:
    """Serve `site` as /latest/ behind nginx and run Lighthouse on the three pages."""
    root = work / "lighthouse-root"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "latest").symlink_to(site.resolve(), target_is_directory=True)
    # What mike writes beside the editions; Material's version selector reads it on every page.
    (root / "versions.json").write_text(
        json.dumps([{"version": "latest", "title": "latest", "aliases": []}]), encoding="utf-8"
    )
    run = work / "lighthouse-nginx"
    run.mkdir(exist_ok=True)
    proc, port = _nginx(root, run)
    try:
        pages = {
            name: {
                "path": f"/latest/{path}",
                **audit(f"http://127.0.0.1:{port}/latest/{path}", run / f"{name}.json"),
            }
            for name, path in PAGES.items()
        }
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    data = {
        "command": "lighthouse 12 (mobile, simulated throttling), Debian Chromium, "
        "deploy/nginx.conf on loopback",
        "goals": GOALS,
        "pages": pages,
        "meets_goals": all(p["meets_goals"] for p in pages.values()),
    }
    return data


def fragments(results: dict) -> dict[str, str]:
    """The table for the Performance page (`handbook generate`, page.fragments): path -> text."""
    data = results.get("lighthouse") or {"skipped": "not in this results file"}
    if data.get("skipped"):
        return {FRAGMENT: f"Not measured: {data['skipped']}\n"}
    lines = [
        "| page | performance | accessibility | best practices | SEO | LCP |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, p in data["pages"].items():
        s = p["scores"]
        lines.append(
            f"| {name} (`{p['path']}`) | {s['performance']} | {s['accessibility']} | "
            f"{s['best-practices']} | {s['seo']} | {p['lcp_ms'] / 1000:.1f} s |"
        )
    goals = ", ".join(f"{k.replace('-', ' ')} ≥ {v}" for k, v in data["goals"].items())
    lines += ["", f"Goals: {goals}."]
    return {FRAGMENT: "\n".join(lines) + "\n"}
