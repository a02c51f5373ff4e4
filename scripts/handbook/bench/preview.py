"""The writer's loop: save an edit, time until the open browser tab shows it.

A preview server (`zensical serve`, `mkdocs serve`, `mkdocs serve --dirty`) runs on a scratch
copy of a handbook on a loopback port; Debian Chromium (Playwright) keeps one page open, as a
writer does. Each save writes a new token into a file and the clock runs until the tab's DOM holds
that token: rebuild, live reload and page load included. Three kinds of edit:

- `page`: a paragraph of the open page;
- `snippet`: a snippet file that several pages include (the open tab is one of them; every other
  including page is then fetched over HTTP and must hold the token too);
- `nav`: the `Home` entry of `nav:` in the configuration (every page shows it; a sample of other
  pages is fetched and must hold the token).

A save whose token never shows within the time limit, or that leaves another including page
without it, is recorded as stale: that is what `mkdocs serve --dirty` does with includes and nav.
Tokens replace the previous save's token, so files do not grow from save to save.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import configs, synth
from .build import ENV

GOALS_S = {"real": 1.0, "synthetic": 2.0}  # page and snippet edits; a nav edit rebuilds everything
ENGINES = ("handbook", "zensical", "mkdocs", "mkdocs-dirty")
KINDS = ("page", "snippet", "nav")
# The real handbook's measured edits: a guide page, and a snippet three testing pages include.
REAL_PAGE = "security/cors.md"
REAL_SNIPPET = "testing/cvd_api.py"
# Written into synthetic handbooks, included by every 100th page.
SHARED_SNIPPET = "shared/notice.py"
TOKEN = re.compile(r"hbpreview[0-9a-z]+")
COMMENT = {".py": "#", ".sh": "#", ".yml": "#", ".yaml": "#", ".js": "//", ".ts": "//"}
FRAGMENT = "docs/about/generated/perf-preview.md"
PLOT = "docs/about/generated/preview-loop.svg"


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def serve_command(engine: str, config: Path, addr: str) -> list[str]:
    """The preview server's command line for `engine` (`make serve` runs the chosen one)."""
    if engine == "handbook":  # `make serve`: scripts/handbook/preview.py
        return [_bin("handbook"), "serve", "-f", str(config), "-a", addr]
    if engine == "zensical":
        return [_bin("zensical"), "serve", "-f", str(config), "-a", addr]
    cmd = [_bin("mkdocs"), "serve", "--livereload", "-f", str(config), "-a", addr]
    # --dirty warns that it is dirty, which strict mode (mkdocs.yml) turns into an abort.
    return cmd + (["--dirty", "--no-strict"] if engine == "mkdocs-dirty" else [])


@dataclass
class Tree:
    """A scratch handbook a preview server runs on, and the files the edits go to."""

    name: str  # "real" or "synthetic"
    root: Path
    config: Path
    pages: int
    page: str  # docs-relative path of the page edited (and kept open)
    snippet: Path  # the snippet file edited
    including: list[str] = field(default_factory=list)  # docs-relative pages that include it
    all_pages: list[str] = field(default_factory=list)

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def open_for(self, kind: str) -> str:
        """The page the tab shows for an edit kind: an including page for a snippet edit."""
        return self.including[0] if kind == "snippet" else self.page


def url_of(rel: str) -> str:
    """The served path of a docs-relative Markdown file (directory URLs)."""
    path = rel[:-3]
    if path == "index" or path.endswith("/index"):
        path = path[: -len("index")]
    else:
        path += "/"
    return "/" + path


def including_pages(docs: Path, snippet_rel: str) -> list[str]:
    """Pages whose include lines name `snippet_rel` (whole file, a section or a line range)."""
    line = re.compile(r'^\s*-{1,2}8<-{1,2}\s+"' + re.escape(snippet_rel) + r'(?::[^"]*)?"', re.M)
    return sorted(
        str(p.relative_to(docs))
        for p in docs.rglob("*.md")
        if "generated" not in p.parts and line.search(p.read_text(encoding="utf-8"))
    )


def real_tree(root: Path, dest: Path) -> Tree:
    """A copy of the handbook's sources (what the configuration reads) to edit freely."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    skip = shutil.ignore_patterns("node_modules", "__pycache__", ".cache")
    for name in ("docs", "overrides", "snippets", "scripts"):
        shutil.copytree(root / name, dest / name, ignore=skip)
    shutil.copy(root / "mkdocs.yml", dest / "mkdocs.yml")
    docs = dest / "docs"
    pages = sorted(
        str(p.relative_to(docs)) for p in docs.rglob("*.md") if "generated" not in p.parts
    )
    return Tree(
        "real",
        dest,
        dest / "mkdocs.yml",
        len(pages),
        REAL_PAGE,
        dest / "snippets" / REAL_SNIPPET,
        including_pages(docs, REAL_SNIPPET),
        pages,
    )


def synthetic_tree(root: Path, dest: Path, pages: int) -> Tree:
    """A synthetic handbook (synth.py) with the handbook configuration, its own snippets folder
    and one shared snippet that every 100th page includes (at least three pages)."""
    site = synth.generate(dest, pages, root / "docs" / "assets")
    config = configs.handbook_config(site, dest / "site", root / "mkdocs.yml", "preview")
    data = configs.load_config(config)
    for ext in data.get("markdown_extensions", []):
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            ext["pymdownx.snippets"]["base_path"] = ["snippets", "docs"]
    data["watch"] = ["snippets"]
    config.write_text(
        yaml.dump(data, Dumper=configs._Dumper, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    snippet = dest / "snippets" / SHARED_SNIPPET
    snippet.parent.mkdir(parents=True, exist_ok=True)
    snippet.write_text(
        '"""A snippet many pages include."""\n\n# --8<-- [start:notice]\n'
        'NOTICE = "shared by every hundredth page"\n# --8<-- [end:notice]\nprint(NOTICE)\n',
        encoding="utf-8",
    )
    all_pages = sorted(str(p.relative_to(site.docs)) for p in site.docs.rglob("*.md"))
    numbered = [p for p in all_pages if "/page-" in p]
    including = numbered[:: max(1, min(100, len(numbered) // 3))]
    for rel in including:
        with (site.docs / rel).open("a", encoding="utf-8") as f:
            f.write(
                f'\n```python title="{SHARED_SNIPPET}"\n--8<-- "{SHARED_SNIPPET}:notice"\n```\n'
            )
    page = numbered[len(numbered) // 2]
    return Tree("synthetic", dest, config, pages, page, snippet, including, all_pages)


# --- Edits: each writes a new token where the previous save's token was -----------------------


def edit_page(tree: Tree, token: str) -> None:
    path = tree.docs / tree.page
    text = path.read_text(encoding="utf-8")
    if TOKEN.search(text):
        text = TOKEN.sub(token, text)
    else:
        text = text.rstrip("\n") + f"\n\nPreview check {token}.\n"
    path.write_text(text, encoding="utf-8")


def edit_snippet(tree: Tree, token: str) -> None:
    """A comment line with the token in every section of the snippet (and at its top), so that
    every including page shows it whichever section it includes."""
    path = tree.snippet
    text = path.read_text(encoding="utf-8")
    if TOKEN.search(text):
        text = TOKEN.sub(token, text)
    else:
        mark = COMMENT[path.suffix]
        if "8<-- [start:" not in text and "8<- [start:" not in text:
            text = f"{mark} {token}\n{text}"  # included whole
        text = re.sub(
            r"^([ \t]*)(\S+ -{1,2}8<-{1,2} \[start:[\w-]+\]\n)",
            lambda m: f"{m.group(1)}{m.group(2)}{m.group(1)}{mark} {token}\n",
            text,
            flags=re.M,
        )
    if token not in text:
        raise SystemExit(f"{path}: found no place for the token")
    path.write_text(text, encoding="utf-8")


def edit_nav(tree: Tree, token: str) -> None:
    """Rename the nav's `Home` entry: every page's navigation shows it."""
    path = tree.config
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(
        r"^(\s*- Home)(?: hbpreview[0-9a-z]+)?(: index\.md)$", rf"\1 {token}\2", text, flags=re.M
    )
    if n != 1:
        raise SystemExit(f"{path}: no single `- Home: index.md` nav entry to edit")
    path.write_text(new, encoding="utf-8")


EDITS = {"page": edit_page, "snippet": edit_snippet, "nav": edit_nav}


# --- The server and the browser --------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:  # noqa: S310 - loopback only
            return r.read().decode("utf-8", "replace")
    except OSError:
        return ""


class Server:
    """A preview server in its own process group, stopped by that group's id."""

    def __init__(self, engine: str, tree: Tree, log: Path) -> None:
        for leftover in (tree.root / "site", tree.root / ".cache"):
            shutil.rmtree(leftover, ignore_errors=True)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.command = serve_command(engine, tree.config, f"127.0.0.1:{self.port}")
        self.log = log
        self._out = log.open("w", encoding="utf-8")
        self.proc = subprocess.Popen(  # noqa: S603 - our own tools
            self.command,
            cwd=tree.root,
            env={**os.environ, **ENV},
            stdout=self._out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, path: str, timeout: float) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            if self.proc.poll() is not None:
                raise SystemExit(f"{' '.join(self.command)} exited:\n{self.tail()}")
            if "</html>" in fetch(self.base + path):
                return time.perf_counter() - started
            time.sleep(0.2)
        raise SystemExit(f"{self.base}{path}: not served within {timeout:.0f} s:\n{self.tail()}")

    def tail(self, lines: int = 15) -> str:
        self._out.flush()
        return "\n".join(self.log.read_text(encoding="utf-8").splitlines()[-lines:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._out.close()


def wait_in_tab(tab, token: str, timeout: float) -> float | None:
    """Seconds until the open tab's document holds `token` (the tab reloads itself meanwhile)."""
    started = time.perf_counter()
    while True:
        elapsed = time.perf_counter() - started
        if elapsed > timeout:
            return None
        try:
            if tab.evaluate("t => document.documentElement.innerHTML.includes(t)", token):
                return time.perf_counter() - started
        except Exception:  # noqa: BLE001, S110 - the page is navigating (live reload): ask again
            pass
        time.sleep(0.02)


def nav_text(tab) -> str:
    """The text of the page's primary navigation, as rendered (the token never goes there)."""
    for _ in range(50):
        try:
            text = tab.evaluate("() => document.querySelector('nav.md-nav--primary')?.textContent")
            return " ".join((text or "").split())
        except Exception:  # noqa: BLE001 - the page is navigating (live reload): ask again
            time.sleep(0.05)
    return ""


def stale_pages(base: str, paths: list[str], token: str, timeout: float) -> list[str]:
    """Paths that still lack `token` after `timeout` seconds of asking."""
    missing = list(paths)
    deadline = time.monotonic() + timeout
    while missing and time.monotonic() < deadline:
        missing = [p for p in missing if token not in fetch(base + p)]
        if missing:
            time.sleep(0.2)
    return missing


def _checked(tree: Tree, kind: str, sample: int = 8) -> list[str]:
    if kind == "page":
        return []
    if kind == "snippet":
        return [url_of(p) for p in tree.including if p != tree.open_for(kind)]
    step = max(1, len(tree.all_pages) // sample)
    return [url_of(p) for p in tree.all_pages[::step] if p != tree.page]


def measure_engine(
    engine: str, tree: Tree, browser, saves: int, timeout: float, log_dir: Path
) -> dict:
    """Start `engine` on `tree`, open the page, and time `saves` saves of each kind."""
    server = Server(engine, tree, log_dir / f"{tree.name}-{tree.pages}-{engine}.log")
    out: dict = {"command": " ".join([Path(server.command[0]).name, *server.command[1:]])}
    try:
        out["startup_s"] = round(server.wait_ready(url_of(tree.page), max(timeout, 600)), 2)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            for kind in KINDS:
                tab = context.new_page()
                tab.goto(server.base + url_of(tree.open_for(kind)), wait_until="load")
                time.sleep(1.0)  # the live-reload connection is up
                first_nav = nav_text(tab)
                times: list[float] = []
                stale: list[str] = []
                for n in range(saves):
                    token = f"hbpreview{kind}{n}{int(time.time() * 1000) % 10**8}"
                    EDITS[kind](tree, token)
                    seconds = wait_in_tab(tab, token, timeout)
                    if seconds is None:
                        stale.append(f"save {n + 1}: not in the tab after {timeout:.0f} s")
                        break  # stale once is the finding; more saves only cost time
                    times.append(round(seconds, 3))
                    missed = stale_pages(server.base, _checked(tree, kind), token, 5.0)
                    if missed:
                        stale.append(f"save {n + 1}: still old 5 s later: {', '.join(missed)}")
                        break
                    if kind == "page" and nav_text(tab) != first_nav:
                        # --dirty renders the pages it skipped under their file names in the nav
                        stale.append(f"save {n + 1}: the page's navigation differs from before")
                        break
                    time.sleep(1.0)  # let the server settle before the next save
                tab.close()
                out[kind] = {
                    "open": url_of(tree.open_for(kind)),
                    "saves": len(times),
                    "times_s": times,
                    "median_s": round(statistics.median(times), 3) if times else None,
                    "checked_pages": len(_checked(tree, kind)),
                    "stale": stale,
                }
        finally:
            context.close()
    finally:
        server.stop()
    return out


def measure(
    root: Path,
    work: Path,
    sizes: list[int],
    engines: list[str],
    saves: int,
    compare_saves: int = 2,
    timeout: float = 150.0,
    real: bool = True,
) -> dict:
    """The loop for the chosen engine (first of `engines`, `saves` saves per kind) and the
    others (`compare_saves` each), on the real handbook and synthetic handbooks of `sizes`.
    A save waits `timeout` seconds at most (60 on the real handbook) before it counts as stale."""
    from playwright.sync_api import sync_playwright

    from ..loopback import CHROMIUM, CHROMIUM_ARGS

    work = work / "preview"
    work.mkdir(parents=True, exist_ok=True)
    trees = [real_tree(root, work / "real")] if real else []
    trees += [synthetic_tree(root, work / f"synthetic-{n}", n) for n in sizes]
    sites = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for tree in trees:
                entry: dict = {
                    "site": tree.name,
                    "pages": tree.pages,
                    "including_pages": len(tree.including),
                    "goal_s": GOALS_S[tree.name],
                    "engines": {},
                }
                for i, engine in enumerate(engines):
                    print(f"[bench]   preview: {engine}, {tree.name} {tree.pages}", flush=True)
                    try:
                        entry["engines"][engine] = measure_engine(
                            engine,
                            tree,
                            browser,
                            saves if i == 0 else compare_saves,
                            min(timeout, 60.0) if tree.name == "real" else timeout,
                            work,
                        )
                    except (Exception, SystemExit) as exc:  # a broken engine is a finding
                        entry["engines"][engine] = {"error": str(exc)[-800:]}
                sites.append(entry)
        finally:
            browser.close()
    data = {
        "chosen": engines[0],
        "saves": saves,
        "compare_saves": compare_saves,
        "timeout_s": {"real": min(timeout, 60.0), "synthetic": timeout},
        "method": "save -> the open Chromium tab's DOM holds the new text (live reload included)",
        "sites": sites,
    }
    data["goals"] = goals(data)
    return data


def goals(data: dict) -> dict:
    """Page and snippet edits within the size's goal, and no stale page, for the chosen engine."""
    out = {}
    for site in data["sites"]:
        eng = site["engines"].get(data["chosen"], {})
        key = "real" if site["site"] == "real" else f"{site['pages']}_pages"
        for kind in KINDS:
            k = eng.get(kind)
            if not k:
                out[f"preview_{key}_{kind}"] = False
                continue
            fresh = not k["stale"] and k["median_s"] is not None
            if kind == "nav":  # a full rebuild is accepted here: the goal is never stale
                out[f"preview_{key}_nav_never_stale"] = fresh
            else:
                out[f"preview_{key}_{kind}_le_{site['goal_s']:g}s"] = (
                    fresh and k["median_s"] <= site["goal_s"]
                )
    return out


# --- The fragment and the plot of the Performance page ------------------------------------------


def _cell(k: dict | None) -> str:
    if not k:
        return "–"
    if k["stale"]:
        return "**stale**" if not k["times_s"] else f"{k['median_s']:.2f} s, then **stale**"
    return f"{k['median_s']:.2f} s" if k["median_s"] is not None else "–"


def _site_name(site: dict) -> str:
    return "real handbook" if site["site"] == "real" else f"{site['pages']:,} pages"


def fragment(data: dict) -> str:
    """The Markdown table included by docs/about/performance.md (no timestamps)."""
    by = data.get("measured_by")
    lines = [
        "<!-- Generated by handbook generate from bench/results.json; do not edit. -->",
        "",
        *([f"Measured in a separate run: `{by['command']}`.", ""] if by else []),
        "| handbook | preview server | page edit | snippet edit | nav edit | first build |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for site in data["sites"]:
        name = (
            f"real ({site['pages']} pages)"
            if site["site"] == "real"
            else f"synthetic, {site['pages']:,} pages"
        )
        for engine, e in site["engines"].items():
            if "error" in e:
                lines.append(f"| {name} | `{engine}` | failed | | | |")
                continue
            words = e["command"].split()
            cmd = " ".join(  # the command without the scratch config and port
                w
                for i, w in enumerate(words)
                if w not in ("-f", "-a") and words[i - 1] not in ("-f", "-a")
            )
            lines.append(
                f"| {name} | `{cmd}` | {_cell(e.get('page'))} | {_cell(e.get('snippet'))} | "
                f"{_cell(e.get('nav'))} | {e.get('startup_s', 0):.0f} s |"
            )
    lines += [
        "",
        f"Medians of {data['saves']} saves per kind for `{data['chosen']}`, "
        f"{data['compare_saves']} for the others; a save that the open tab never showed within "
        f"{data['timeout_s']['real']:.0f} s (real handbook) or "
        f"{data['timeout_s']['synthetic']:.0f} s (synthetic), or that left another including "
        "page old, or changed the page's navigation, is **stale**. "
        "Goals (page and snippet edits): "
        + ", ".join(f"{_site_name(s)} ≤ {s['goal_s']:g} s" for s in data["sites"])
        + ".",
        "",
        "| goal | met |",
        "| --- | --- |",
        *[f"| `{k}` | {'yes' if v else '**no**'} |" for k, v in data["goals"].items()],
        "",
    ]
    return "\n".join(lines)


def plot(data: dict) -> str:
    """Grouped bars: median seconds per edit kind, per engine, one panel per handbook (SVG)."""
    from .plots import _save, plt

    sites = data["sites"]
    fig, axes = plt.subplots(1, len(sites), figsize=(6.4 * len(sites) / 1.4, 3.8), squeeze=False)
    for ax, site in zip(axes[0], sites, strict=True):
        engines = [e for e in site["engines"] if "error" not in site["engines"][e]]
        width = 0.8 / max(1, len(engines))
        for i, engine in enumerate(engines):
            e = site["engines"][engine]
            ys = [(e.get(k) or {}).get("median_s") or 0 for k in KINDS]
            xs = [j + i * width for j in range(len(KINDS))]
            bars = ax.bar(xs, ys, width, label=engine)
            for x, k in zip(xs, KINDS, strict=True):
                if (e.get(k) or {}).get("stale"):
                    ax.text(x, 0, "stale", rotation=90, ha="center", va="bottom", fontsize=11)
            del bars
        ax.axhline(site["goal_s"], color="grey", linestyle="--", linewidth=1, label="goal")
        ax.set_xticks([j + 0.4 - width / 2 for j in range(len(KINDS))], KINDS)
        ax.set_ylabel("seconds, save to tab")
        ax.set_title(
            "real handbook" if site["site"] == "real" else f"{site['pages']:,} synthetic pages"
        )
        ax.grid(True, axis="y", alpha=0.3)
        ax.legend()
    return _save(fig)


def fragments(results: dict) -> dict[str, str]:
    """The fragment and plot for `handbook generate` (page.fragments): path -> content."""
    data = results.get("preview") or {"skipped": "not in this results file"}
    if data.get("skipped"):
        return {FRAGMENT: f"Not measured: {data['skipped']}\n"}
    return {FRAGMENT: fragment(data), PLOT: plot(data)}


def run(root: Path, work: Path, quick: bool) -> dict:
    """The bench part: quick = Zensical alone on 30 synthetic pages, one save per kind; else
    every engine on the real handbook and 1,000 pages (`handbook generate` draws them)."""
    if quick:
        return measure(root, work, [30], ["zensical"], saves=1, timeout=60, real=False)
    return measure(root, work, [1000], list(ENGINES), saves=5, compare_saves=2)
