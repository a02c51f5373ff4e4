"""The writer's loop: save an edit, time until the open browser tab shows it.

A preview server runs on a scratch copy of a handbook on a loopback port; Debian Chromium
(Playwright) keeps one page open. Each save writes a new token (replacing the previous one) into
a page, a snippet that several pages include, or the nav's `Home` entry, and the clock runs until
the tab's DOM holds it: rebuild, live reload and page load included. A save the tab never shows,
or that leaves another including page (snippet) or a sample of pages (nav) without it, or that
changes the page's navigation (page), is recorded as stale.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import statistics
import subprocess
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..project import QUIET_ENV, chromium, free_port
from . import configs, synth
from .build import tool

GOALS_S = {"real": 1.0, "synthetic": 2.0}  # seconds from save to tab, every kind of edit
KINDS = ("page", "snippet", "nav")
ENGINES = ("handbook", "zensical", "mkdocs", "mkdocs-dirty")
# The real handbook's measured edits: a guide page, and a snippet three testing pages include.
REAL_PAGE = "security/cors.md"
REAL_SNIPPET = "testing/cvd_api.py"
# Written into synthetic handbooks, included by every 100th page.
SHARED_SNIPPET = "shared/notice.py"
TOKEN = re.compile(r"hbpreview[0-9a-z]+")
COMMENT = {".py": "#", ".sh": "#", ".yml": "#", ".yaml": "#", ".js": "//", ".ts": "//"}
FRAGMENT = "docs/about/generated/perf-preview.md"
PLOT = "docs/about/generated/preview-loop.svg"


COMMANDS = {  # engine -> the server's command line before `-f CONFIG -a ADDR`
    "handbook": ["handbook", "serve"],  # `make serve`: scripts/handbook/preview.py
    "zensical": ["zensical", "serve"],
    "mkdocs": ["mkdocs", "serve", "--livereload"],
    # --dirty warns that it is dirty, which strict mode (mkdocs.yml) turns into an abort.
    "mkdocs-dirty": ["mkdocs", "serve", "--livereload", "--dirty", "--no-strict"],
}


def serve_command(engine: str, config: Path, addr: str) -> list[str]:
    name, *args = COMMANDS[engine]
    return [tool(name), *args, "-f", str(config), "-a", addr]


@dataclass
class Tree:
    """A scratch handbook a preview server runs on, and the files the edits go to."""

    name: str  # "real" or "synthetic"
    root: Path
    config: Path
    pages: int
    page: str  # docs-relative path of the page edited (and kept open)
    snippet: Path  # the snippet file edited
    including: list[str]  # docs-relative pages that include it
    all_pages: list[str]

    docs = property(lambda self: self.root / "docs")

    def open_for(self, kind: str) -> str:
        """The page the tab shows for an edit kind: an including page for a snippet edit."""
        return self.including[0] if kind == "snippet" else self.page


def url_of(rel: str) -> str:
    """The served path of a docs-relative Markdown file (directory URLs)."""
    path = rel[:-3]
    return "/" + (path[:-5] if path == "index" or path.endswith("/index") else path + "/")


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
    snippet, including = dest / "snippets" / REAL_SNIPPET, including_pages(docs, REAL_SNIPPET)
    return Tree("real", dest, dest / "mkdocs.yml", len(pages), REAL_PAGE, snippet, including, pages)


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
    configs.write(config, data)
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


def _save(path: Path, token: str, first: Callable[[str], str]) -> None:
    """Replace the previous save's token in `path`, or place the first one with `first`."""
    text = path.read_text(encoding="utf-8")
    text = TOKEN.sub(token, text) if TOKEN.search(text) else first(text)
    if token not in text:
        raise SystemExit(f"{path}: found no place for the token")
    path.write_text(text, encoding="utf-8")


def edit_page(tree: Tree, token: str) -> None:
    _save(tree.docs / tree.page, token, lambda t: t.rstrip("\n") + f"\n\nPreview {token}.\n")


def edit_snippet(tree: Tree, token: str) -> None:
    """A comment line with the token in every section of the snippet (and at its top), so that
    every including page shows it whichever section it includes."""
    mark = COMMENT[tree.snippet.suffix]

    def first(text: str) -> str:
        if "8<-- [start:" not in text and "8<- [start:" not in text:
            text = f"{mark} {token}\n{text}"  # included whole
        start = r"^([ \t]*)(\S+ -{1,2}8<-{1,2} \[start:[\w-]+\]\n)"
        return re.sub(start, lambda m: f"{m[1]}{m[2]}{m[1]}{mark} {token}\n", text, flags=re.M)

    _save(tree.snippet, token, first)


def edit_nav(tree: Tree, token: str) -> None:
    """Rename the nav's `Home` entry: every page's navigation shows it."""
    home = r"^(\s*- Home)(: index\.md)$"
    _save(tree.config, token, lambda t: re.sub(home, rf"\1 {token}\2", t, count=1, flags=re.M))


EDITS = {"page": edit_page, "snippet": edit_snippet, "nav": edit_nav}


# --- The server and the browser --------------------------------------------------------------


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
        self.base = f"http://127.0.0.1:{free_port()}"
        self.command = serve_command(engine, tree.config, self.base[7:])
        self.log, self._out = log, log.open("w", encoding="utf-8")
        self.proc = subprocess.Popen(  # noqa: S603 - our own tools
            self.command, cwd=tree.root, env={**os.environ, **QUIET_ENV}, stdout=self._out,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

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


def _ask(tab, script: str, arg: object = None) -> object:
    """Evaluate in the tab; None while it is navigating (live reload)."""
    try:
        return tab.evaluate(script, arg)
    except Exception:  # noqa: BLE001 - the page is navigating: ask again
        return None


def wait_in_tab(tab, token: str, timeout: float) -> float | None:
    """Seconds until the open tab's document holds `token` (the tab reloads itself meanwhile)."""
    started = time.perf_counter()
    while time.perf_counter() - started <= timeout:
        if _ask(tab, "t => document.documentElement.innerHTML.includes(t)", token):
            return time.perf_counter() - started
        time.sleep(0.02)
    return None


def nav_text(tab) -> str:
    """The text of the page's primary navigation, as rendered (the token never goes there)."""
    for _ in range(50):
        text = _ask(tab, "() => document.querySelector('nav.md-nav--primary')?.textContent ?? ''")
        if text is not None:
            return " ".join(str(text).split())
        time.sleep(0.05)
    return ""


def stale_pages(base: str, paths: list[str], token: str, timeout: float) -> list[str]:
    """Paths that still lack `token` after `timeout` seconds of asking."""
    missing, deadline = list(paths), time.monotonic() + timeout
    while missing and time.monotonic() < deadline:
        missing = [p for p in missing if token not in fetch(base + p)]
        time.sleep(0.2 if missing else 0)
    return missing


def _checked(tree: Tree, kind: str, sample: int = 8) -> list[str]:
    if kind == "snippet":
        return [url_of(p) for p in tree.including if p != tree.open_for(kind)]
    step = max(1, len(tree.all_pages) // sample)
    return [url_of(p) for p in tree.all_pages[::step] if p != tree.page] if kind == "nav" else []


def measure_kind(
    server: Server, tree: Tree, context, kind: str, saves: int, timeout: float
) -> dict:
    """`saves` saves of one kind with the tab open; stops at the first stale one."""
    tab = context.new_page()
    tab.goto(server.base + url_of(tree.open_for(kind)), wait_until="load")
    time.sleep(1.0)  # the live-reload connection is up
    first_nav, times, stale = nav_text(tab), [], []
    for n in range(saves):
        token = f"hbpreview{kind}{n}{int(time.time() * 1000) % 10**8}"
        EDITS[kind](tree, token)
        seconds = wait_in_tab(tab, token, timeout)
        missed = [] if seconds is None else stale_pages(server.base, _checked(tree, kind), token, 5)
        if seconds is None:
            stale.append(f"save {n + 1}: not in the tab after {timeout:.0f} s")
        elif missed:
            stale.append(f"save {n + 1}: still old 5 s later: {', '.join(missed)}")
        elif kind == "page" and nav_text(tab) != first_nav:  # --dirty: skipped pages by file name
            stale.append(f"save {n + 1}: the page's navigation differs from before")
        if seconds is not None:
            times.append(round(seconds, 3))
        if stale:
            break  # stale once is the finding; more saves only cost time
        time.sleep(1.0)  # let the server settle before the next save
    tab.close()
    return {
        "open": url_of(tree.open_for(kind)), "saves": len(times), "times_s": times,
        "median_s": round(statistics.median(times), 3) if times else None,
        "checked_pages": len(_checked(tree, kind)), "stale": stale,
    }  # fmt: skip


def measure_engine(
    engine: str, tree: Tree, browser, saves: int, timeout: float, logs: Path
) -> dict:
    """Start `engine` on `tree`, open the page, and time `saves` saves of each kind."""
    server = Server(engine, tree, logs / f"{tree.name}-{tree.pages}-{engine}.log")
    out: dict = {"command": " ".join(COMMANDS[engine])}
    try:
        out["startup_s"] = round(server.wait_ready(url_of(tree.page), max(timeout, 600)), 2)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            for kind in KINDS:
                out[kind] = measure_kind(server, tree, context, kind, saves, timeout)
        finally:
            context.close()
    finally:
        server.stop()
    return out


def measure(root: Path, work: Path, sizes: list[int], engines: list[str], saves: int,
            compare_saves: int = 2, timeout: float = 150.0, real: bool = True) -> dict:  # fmt: skip
    """The loop for the chosen engine (first of `engines`, `saves` saves per kind) and the
    others (`compare_saves` each), on the real handbook and synthetic handbooks of `sizes`.
    A save waits `timeout` seconds at most (60 on the real handbook) before it counts as stale."""
    work = work / "preview"
    work.mkdir(parents=True, exist_ok=True)
    trees = [real_tree(root, work / "real")] if real else []
    trees += [synthetic_tree(root, work / f"synthetic-{n}", n) for n in sizes]
    limits = {"real": min(timeout, 60.0), "synthetic": timeout}
    sites = []
    with chromium() as browser:
        for tree in trees:
            entry: dict = {"site": tree.name, "pages": tree.pages, "goal_s": GOALS_S[tree.name],
                           "including_pages": len(tree.including), "engines": {}}  # fmt: skip
            for i, engine in enumerate(engines):
                print(f"[bench]   preview: {engine}, {tree.name} {tree.pages}", flush=True)
                n = saves if i == 0 else compare_saves
                try:
                    got = measure_engine(engine, tree, browser, n, limits[tree.name], work)
                except (Exception, SystemExit) as exc:  # a broken engine is a finding
                    got = {"error": str(exc)[-800:]}
                entry["engines"][engine] = got
            sites.append(entry)
    data = {
        "chosen": engines[0], "saves": saves, "compare_saves": compare_saves, "sites": sites,
        "timeout_s": limits, "method": "save -> the tab holds the new text (reload included)",
    }  # fmt: skip
    data["goals"] = goals(data)
    return data


def goals(data: dict) -> dict:
    """Each kind of edit shown within the size's goal, and never stale, by the chosen engine."""
    out = {}
    for site in data["sites"]:
        eng = site["engines"].get(data["chosen"], {})
        key = "real" if site["site"] == "real" else f"{site['pages']}_pages"
        for kind in KINDS:
            k = eng.get(kind) or {"stale": ["not measured"], "median_s": None}
            ok = not k["stale"] and k["median_s"] is not None and k["median_s"] <= site["goal_s"]
            out[f"preview_{key}_{kind}_le_{site['goal_s']:g}s"] = ok
    return out


# --- The fragment and the plot of the Performance page ------------------------------------------


def _site_name(site: dict) -> str:
    return f"real ({site['pages']} pages)" if site["site"] == "real" else f"{site['pages']:,} pages"


def fragment(data: dict) -> str:
    """The Markdown table included by docs/about/performance.md (no timestamps)."""
    from .page import ENV

    return ENV.get_template("perf-preview.md").render(
        data=data, commands=COMMANDS, kinds=KINDS, site_name=_site_name
    )


def plot(data: dict) -> str:
    """Grouped bars: median seconds per edit kind, per engine, one panel per handbook (SVG)."""
    from .plots import _save, plt

    sites = data["sites"]
    fig, axes = plt.subplots(1, len(sites), figsize=(4.6 * len(sites), 3.8), squeeze=False)
    for ax, site in zip(axes[0], sites, strict=True):
        engines = [e for e in site["engines"] if "error" not in site["engines"][e]]
        width = 0.8 / max(1, len(engines))
        on_x_axis = ax.get_xaxis_transform()  # x in data, y in axes units: labels at the foot
        for i, engine in enumerate(engines):
            kinds = [site["engines"][engine].get(k) or {} for k in KINDS]
            xs = [j + i * width for j in range(len(KINDS))]
            ax.bar(xs, [k.get("median_s") or 0 for k in kinds], width, label=engine)
            for x in (x for x, k in zip(xs, kinds, strict=True) if k.get("stale")):
                style = {"rotation": 90, "ha": "center", "va": "bottom", "fontsize": 11}
                ax.text(x, 0.02, "stale", transform=on_x_axis, **style)
        ax.axhline(site["goal_s"], color="grey", linestyle="--", linewidth=1, label="goal")
        ax.set_xticks([j + 0.4 - width / 2 for j in range(len(KINDS))], KINDS)
        ax.set(ylabel="seconds, save to tab", yscale="log", title=_site_name(site))
        # Plain numbers: a log axis writes 10^n with a superscript smaller than the labels.
        ax.yaxis.set_major_formatter("{x:g}")
        ax.yaxis.set_minor_formatter("")
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
    """The bench part: quick = `make serve`'s server alone on 30 synthetic pages, one save per
    kind; else every engine on the real handbook and 1,000 pages."""
    if quick:
        return measure(root, work, [30], ["handbook"], saves=1, timeout=60, real=False)
    return measure(root, work, [1000], list(ENGINES), saves=5, compare_saves=2)
