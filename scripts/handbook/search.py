"""Measure the handbook's search the way a reader meets it: Material's own worker in Chromium.

Each query in tests/search/queries.yml names the page (and section) a reviewer expects in the
top 3; the figures on the Search quality page come from this command, never from a hand.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from handbook import loopback
from handbook.loopback import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_QUERIES = ROOT / "tests" / "search" / "queries.yml"
TOP_K = 3


# The runner that drives the site's search worker from a page of the site, as the search box does.
RUNNER_JS = Path(__file__).with_name("js") / "search-runner.js"


# --- The index the search box answers from ----------------------------------------------------
#
# MkDocs writes Material's search_index.json (every page's whole text, one file); the search
# worker (docs/assets/hb-search-worker.js) answers from a Pagefind index instead, which is split
# into chunks so that a visitor downloads only what the typed words need. `handbook search index
# SITE` builds it from a built site, after the build (the build itself has no hooks):
#
# - the pages are those of Material's index, so `search: exclude` in front matter still counts;
# - a page whose prose is largely Cyrillic is indexed as Russian (Snowball's Russian stemmer), the
#   rest as English; Pagefind searches one language per bundle, so the Russian pages get a
#   second, small bundle (pagefind-ru/) that the worker searches alongside;
# - ё is folded to е in what is indexed (and the worker folds what is typed): most people type
#   е, and Snowball's Russian stemmer treats the two as different letters;
# - search/search_index.json keeps Material's configuration and loses its documents (kept whole
#   in search/lunr_index.json for the worker's fallback): Material's page script downloads that
#   file on every page load, which at 3,000 pages was 23 MB before anyone typed a thing.

PAGEFIND_BUNDLES = {"en": "pagefind", "ru": "pagefind-ru"}
LUNR_INDEX = "search/lunr_index.json"
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
_ARTICLE = re.compile(r'<article class="md-content__inner.*?</article>', re.DOTALL)
_NOT_PROSE = re.compile(r"<pre.*?</pre>|<code.*?</code>|<[^>]+>", re.DOTALL)
_HTML_LANG = re.compile(r'<html lang="[^"]*"')
# What Pagefind reads of a page: the article, without the pilcrow of each heading's permalink,
# the edit button, and anything the page marks as not for search.
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE_SELECTORS = ".headerlink, .md-content__button, [data-search-exclude]"


def page_language(html: str) -> str:
    """`ru` when a quarter of the letters of the article's prose (code left out) are Cyrillic.

    A Russian page of this handbook keeps English terms, headings and table cells (the BizCard
    roadmap: about 40 % Cyrillic); an English page quotes a Russian word at most.
    """
    found = _ARTICLE.search(html)
    prose = _NOT_PROSE.sub(" ", found.group(0) if found else html)
    cyr, lat = len(_CYRILLIC.findall(prose)), len(_LATIN.findall(prose))
    return "ru" if cyr * 4 > cyr + lat else "en"


def _with_path_words(html: str, location: str) -> str:
    """The page's place in the handbook (checklists/code-review/ -> "checklists code review"),
    indexed at the end of its article with a low weight: a reader types "code review checklist"
    for a page titled "Code review" in the Checklists section."""
    words = " ".join(location.replace("-", " ").split("/")).strip()
    if not words:
        return html
    return html.replace("</article>", f'<p data-pagefind-weight="0.5">{words}</p></article>', 1)


def fold(text: str) -> str:
    """ё and Ё as е and Е, the way the worker folds a query."""
    return text.replace("ё", "е").replace("Ё", "Е")


def _indexed_locations(site: Path) -> tuple[dict, list[str]]:
    for name in (LUNR_INDEX, "search/search_index.json"):
        path = site / name
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("docs"):
                pages = sorted({d["location"].split("#", 1)[0] for d in data["docs"]})
                return data, pages
    raise SearchQualityError(f"{site}: no search/search_index.json with pages (not a built site?)")


def index_site(site: Path) -> dict:
    """Build the Pagefind bundles of a built site and point Material's index at them.

    Runs again on an already indexed site (the documents are read back from lunr_index.json).
    Returns what was indexed: pages per language, seconds, bytes of each bundle.
    """
    started = time.perf_counter()
    site = site.resolve()
    data, pages = _indexed_locations(site)
    by_lang: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="hb-pagefind-") as tmp:
        copies = {lang: Path(tmp) / lang for lang in PAGEFIND_BUNDLES}
        for location in pages:
            source = site / location / "index.html"
            if not source.is_file():
                raise SearchQualityError(f"{source}: listed in the search index but not built")
            html = source.read_text(encoding="utf-8")
            lang = page_language(html)
            # One bundle per page: in the English bundle, a Russian page's words would match
            # Russian queries by accident (unstemmed, scored on other sections).
            by_lang.setdefault(lang, []).append(location)
            target = copies[lang] / location / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(fold(_with_path_words(
                _HTML_LANG.sub(f'<html lang="{lang}"', html, count=1), location)),
                encoding="utf-8")
        bundles = []
        for lang, directory in PAGEFIND_BUNDLES.items():
            out = site / directory
            shutil.rmtree(out, ignore_errors=True)
            if lang not in by_lang:
                continue
            result = subprocess.run(  # noqa: S603 - argv list, no shell
                [sys.executable, "-m", "pagefind", "--site", str(copies[lang]),
                 "--output-path", str(out), "--force-language", lang,
                 "--root-selector", ROOT_SELECTOR, "--exclude-selectors", EXCLUDE_SELECTORS,
                 "--silent"],
                capture_output=True, text=True, check=False,
            )
            if result.returncode != 0:
                raise SearchQualityError(f"{site}: pagefind failed:\n{result.stderr.strip()}")
            for unused in ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
                           "pagefind-modular-ui.css", "pagefind-component-ui.js",
                           "pagefind-component-ui.css", "pagefind-highlight.js"):
                (out / unused).unlink(missing_ok=True)  # Pagefind's own UIs: Material's is used
            bundles.append(f"{directory}/")
    # Material's page script fetches search/search_index.json on every page: keep its
    # configuration (the highlighter on the target page reads it), name the bundles, drop the docs.
    lunr = site / LUNR_INDEX
    if not lunr.exists():
        lunr.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")
    boosts = {d["location"]: d["boost"] for d in data["docs"]
               if "#" not in d["location"] and d.get("boost", 1) != 1}
    stub = {"config": {**data["config"], "pagefind": bundles, "boosts": boosts}, "docs": []}
    (site / "search" / "search_index.json").write_text(
        json.dumps(stub, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    sizes = {}
    for directory in bundles:
        files = [p for p in (site / directory).rglob("*") if p.is_file()]
        sizes[directory] = {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}
    return {"pages": {k: len(v) for k, v in by_lang.items()}, "bundles": sizes,
            "seconds": round(time.perf_counter() - started, 2)}


def _git(repo: Path, *args: str, env: dict | None = None, stdin: str | None = None,
         ) -> str:
    result = subprocess.run(  # noqa: S603 - argv list, no shell
        ["git", "-C", str(repo), *args],  # noqa: S607 - git from PATH, as the Makefile does
        capture_output=True, text=True, check=False, input=stdin,
        env={**os.environ, **(env or {})},
    )
    if result.returncode != 0:
        what = " ".join(args[:2])
        raise SearchQualityError(f"{repo}: git {what} failed: {result.stderr.strip()}")
    return result.stdout


def index_edition(repo: Path, branch: str, version: str) -> dict:
    """Index edition `version` as mike committed it to `branch`, and commit the index on top.

    mike builds and commits an edition in one command, with no step in between, so the index is
    built from the committed edition (git archive) and added as one more commit on the branch;
    the aliases mike made (symlinks such as latest -> 2026.11) reach it with the rest.
    """
    with tempfile.TemporaryDirectory(prefix="hb-edition-") as tmp:
        work = Path(tmp)
        site = work / "site"
        site.mkdir()
        archive = subprocess.run(  # noqa: S603 - argv list, no shell
            ["git", "-C", str(repo), "archive", "--format=tar", f"{branch}:{version}"],  # noqa: S607
            capture_output=True, check=False,
        )
        if archive.returncode != 0:
            raise SearchQualityError(f"{branch}:{version}: no such edition on the branch "
                                     f"({archive.stderr.decode(errors='replace').strip()})")
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(site, filter="data")
        done = index_site(site)
        written = [p for d in PAGEFIND_BUNDLES.values() if (site / d).is_dir()
                   for p in sorted((site / d).rglob("*")) if p.is_file()]
        written += [site / "search" / "search_index.json", site / LUNR_INDEX]
        shas = _git(repo, "hash-object", "-w", "--no-filters", "--stdin-paths",
                    stdin="\n".join(str(p) for p in written) + "\n").split()
        env = {"GIT_INDEX_FILE": str(work / "index")}
        _git(repo, "read-tree", branch, env=env)
        old = _git(repo, "ls-tree", "-r", "--name-only", branch,
                   *(f"{version}/{d}" for d in PAGEFIND_BUNDLES.values())).split()
        lines = [f"0 {'0' * 40}\t{path}" for path in old]
        lines += [f"100644 {sha}\t{version}/{p.relative_to(site).as_posix()}"
                  for sha, p in zip(shas, written, strict=True)]
        _git(repo, "update-index", "--index-info", env=env, stdin="\n".join(lines) + "\n")
        tree = _git(repo, "write-tree", env=env).strip()
        parent = _git(repo, "rev-parse", branch).strip()
        commit = _git(repo, "commit-tree", tree, "-p", parent,
                      "-m", f"Search index of edition {version}").strip()
        _git(repo, "update-ref", f"refs/heads/{branch}", commit, parent)
    return done


class SearchQualityError(Exception):
    """Bad input (query file, site directory); the message names the file and line."""


@dataclass(frozen=True)
class Query:
    """One line of the query file: what a reviewer types and where they expect to land."""

    text: str
    page: str            # docs path, e.g. security/cors.md
    anchor: str | None   # section id that must be shown for that page, or None
    line: int
    kind: str = "en"
    also: tuple[str, ...] = ()  # other pages that answer the query as well (duplicated topics)

    @property
    def location(self) -> str:
        """The page's URL path in the built site (directory URLs), e.g. security/cors/."""
        return _location(self.page)

    @property
    def locations(self) -> list[str]:
        return [self.location, *(_location(p) for p in self.also)]


def _location(page: str) -> str:
    if page == "index.md":
        return ""
    if page.endswith("/index.md"):
        return page[: -len("index.md")]
    return page.removesuffix(".md") + "/"


@dataclass
class Outcome:
    """Where the expected page ranked for one query (None: not in the top results at all)."""

    query: Query
    rank: int | None
    anchor_shown: bool   # no anchor asked, or the page's best-matching section is that anchor
    top: list[str] = field(default_factory=list)

    def hit(self, k: int) -> bool:
        return self.rank is not None and self.rank <= k and self.anchor_shown


def load_queries(path: Path) -> list[Query]:
    """Parse the query file, naming the file and line of anything malformed."""
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text)
    except OSError as exc:
        raise SearchQualityError(f"{path}: cannot read ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise SearchQualityError(f"{path}:{line}: not valid YAML ({exc})") from exc
    if root is None or not isinstance(root, yaml.MappingNode):
        raise SearchQualityError(f"{path}:1: expected a mapping with a `queries:` list")
    seq = next((v for k, v in root.value if k.value == "queries"), None)
    if not isinstance(seq, yaml.SequenceNode):
        raise SearchQualityError(f"{path}:1: expected a `queries:` list")
    queries, seen = [], {}
    for node in seq.value:
        line = node.start_mark.line + 1
        item = yaml.safe_load(yaml.serialize(node))
        if not isinstance(item, dict) or not isinstance(item.get("q"), (str, int)):
            raise SearchQualityError(f"{path}:{line}: each query needs `q:` (the text typed)")
        page = item.get("page")
        if not isinstance(page, str) or not page.endswith(".md"):
            raise SearchQualityError(f"{path}:{line}: `page:` must be a docs path ending in .md")
        also = item.get("also", [])
        if not isinstance(also, list) or not all(isinstance(a, str) and a.endswith(".md")
                                                 for a in also):
            raise SearchQualityError(f"{path}:{line}: `also:` must be a list of docs paths")
        unknown = set(item) - {"q", "page", "anchor", "kind", "why", "also"}
        if unknown:
            raise SearchQualityError(f"{path}:{line}: unknown key(s) {', '.join(sorted(unknown))}")
        text_q = str(item["q"])
        if text_q in seen:
            raise SearchQualityError(f"{path}:{line}: query {text_q!r} repeats line {seen[text_q]}")
        seen[text_q] = line
        queries.append(Query(text_q, page, item.get("anchor"), line,
                             str(item.get("kind", "en")), tuple(also)))
    if not queries:
        raise SearchQualityError(f"{path}:1: the query list is empty")
    return queries


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """The built site on an ephemeral loopback port; yields its URL with the final slash."""
    with loopback.serve(directory) as url:
        yield url + "/"


def run_in_browser(
    base_url: str, texts: list[str], browser: object | None = None
) -> list[list[dict]]:
    """Result groups per query from Material's worker, in a page of the site in Chromium."""
    script = RUNNER_JS.read_text(encoding="utf-8")

    def _run(b: object) -> list[list[dict]]:
        context = b.new_context()
        try:
            page = context.new_page()
            page.goto(base_url, wait_until="load")
            return page.evaluate(script, {"queries": texts})
        finally:
            context.close()

    if browser is not None:
        return _run(browser)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            return _run(b)
        finally:
            b.close()


def score(queries: list[Query], results: list[list[dict]]) -> list[Outcome]:
    """Rank of each expected page among the result groups, and whether its section is shown."""
    outcomes = []
    for query, groups in zip(queries, results, strict=True):
        pages = [g["page"] for g in groups]
        ranks = [pages.index(loc) + 1 for loc in query.locations if loc in pages]
        rank = min(ranks) if ranks else None
        anchor_ok = True
        if rank is not None and query.anchor and pages[rank - 1] == query.location:
            # The section must be the page's best-matching one: the first the UI lists under it.
            sections = groups[rank - 1]["sections"]
            anchor_ok = bool(sections) and sections[0] == f"{query.location}#{query.anchor}"
        outcomes.append(Outcome(query, rank, anchor_ok, pages[:TOP_K]))
    return outcomes


def site_pages(site: Path) -> set[str]:
    """Locations of every page in the site's search index."""
    index, _ = _indexed_locations(site)
    return {d["location"] for d in index["docs"]}


def measure(site: Path, queries: list[Query], browser: object | None = None) -> list[Outcome]:
    """Run every query against the built `site` and score it."""
    if not (site / "search" / "search_index.json").exists():
        raise SearchQualityError(f"{site}: no search/search_index.json (not a built site?)")
    with serve(site) as url:
        results = run_in_browser(url, [q.text for q in queries], browser)
    return score(queries, results)


def summary(outcomes: list[Outcome]) -> dict[str, float | int]:
    n = len(outcomes)
    top1 = sum(o.hit(1) for o in outcomes)
    top3 = sum(o.hit(TOP_K) for o in outcomes)
    return {"queries": n, "top1": top1, "top3": top3,
            "top1_rate": round(100 * top1 / n, 1), "top3_rate": round(100 * top3 / n, 1)}


def describe_miss(o: Outcome, known: set[str]) -> str:
    q = o.query
    want = q.page + (f"#{q.anchor}" if q.anchor else "")
    if q.location not in known:
        why = "the page is not in the build"
    elif o.rank is None:
        why = "not among the results"
    elif o.rank > TOP_K:
        why = f"ranked {o.rank}"
    else:
        why = f"page ranked {o.rank} but its best section is not #{q.anchor}"
    top = ", ".join(p or "(home)" for p in o.top) or "nothing"
    return f"line {q.line}: {q.text!r} -> {want}: {why}; top 3: {top}"


def _rate(hits: int, n: int) -> str:
    return f"{hits} / {n} ({100 * hits / n:.1f} %)"


def report(sets: list[tuple[str, Path, float, list[Outcome]]], known: set[str]) -> dict:
    """The figures of a quality run, JSON-able (bench/search-quality.json): per set, per kind."""
    out: dict = {"top_k": TOP_K, "pages_and_sections": len(known), "sets": []}
    for name, path, bar, outcomes in sets:
        kinds: dict[str, dict] = {}
        for o in outcomes:
            k = kinds.setdefault(o.query.kind, {"queries": 0, "top1": 0, "top3": 0})
            k["queries"] += 1
            k["top1"] += o.hit(1)
            k["top3"] += o.hit(TOP_K)
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        out["sets"].append({
            "name": name, "file": rel.as_posix(), "bar": bar, **summary(outcomes),
            "kinds": dict(sorted(kinds.items())),
            "misses": [describe_miss(o, known) for o in outcomes if not o.hit(TOP_K)],
        })
    return out


def render_report(data: dict) -> str:
    """The Search quality page's figures from a stored run (no date or machine: same run, same
    bytes). `handbook generate` writes it into docs/about/generated/search-quality.md."""
    top = data["top_k"]
    sets = data["sets"]
    rows = [f"| {s['name']} (`{s['file']}`) | {s['queries']} | {_rate(s['top1'], s['queries'])} | "
            f"{_rate(s['top3'], s['queries'])} | {s['bar']:g} %: "
            f"{'met' if s['top3_rate'] >= s['bar'] else '**not met**'} |" for s in sets]
    kinds = sorted({k for s in sets for k in s["kinds"]})
    kind_rows = []
    for kind in kinds:
        cells = [f"{s['kinds'][kind]['top3']} / {s['kinds'][kind]['queries']}"
                 if kind in s["kinds"] else "–" for s in sets]
        kind_rows.append(f"| {kind} | " + " | ".join(cells) + " |")
    misses = [f"- {s['name']}: `{m}`" for s in sets for m in s["misses"]]
    return "\n".join([
        "<!-- Generated by handbook generate from bench/search-quality.json (written by "
        "`handbook search quality --json`); do not edit. -->",
        f"Measured in Chromium on the built site ({data['pages_and_sections']} pages and "
        "sections).",
        "",
        f"| query set | queries | top 1 | top {top} | bar (top {top}) |",
        "| --- | ---: | ---: | ---: | --- |",
        *rows,
        "",
        "| kind of query | " + " | ".join(s["name"] for s in sets) + " |",
        "| --- |" + " ---: |" * len(sets),
        *kind_rows,
        "",
        f"Queries whose page is not among the first {top}:",
        "",
        *(misses or ["- none"]),
        "",
    ])


DEFAULT_HELD_OUT = ROOT / "tests" / "search" / "held_out.yml"
MIN_TUNED, MIN_HELD_OUT = 95.0, 90.0


def measure_sets(site: Path, browser: object | None = None,
                 tuned: Path = DEFAULT_QUERIES, held_out: Path = DEFAULT_HELD_OUT,
                 ) -> list[tuple[str, Path, float, list[Outcome]]]:
    """Both query sets through the site's search: (name, file, bar, outcomes) for each."""
    sets = [("tuned", tuned, MIN_TUNED), ("held out", held_out, MIN_HELD_OUT)]
    loaded = [(name, path, bar, load_queries(path)) for name, path, bar in sets]
    if not (site / "search" / "search_index.json").exists():
        raise SearchQualityError(f"{site}: no search/search_index.json (not a built site?)")
    texts = [q.text for *_, qs in loaded for q in qs]
    with serve(site) as url:
        results = run_in_browser(url, texts, browser)
    out, at = [], 0
    for name, path, bar, qs in loaded:
        out.append((name, path, bar, score(qs, results[at: at + len(qs)])))
        at += len(qs)
    return out


def _cmd_quality(args: argparse.Namespace) -> int:
    try:
        with tempfile.TemporaryDirectory(prefix="hb-search-") as tmp:
            if args.site:
                site = Path(args.site)
            else:
                from handbook.project import Project, ProjectError

                try:
                    site = Project.from_root(ROOT).build(Path(tmp) / "site")
                except ProjectError as exc:
                    raise SearchQualityError(str(exc)) from exc
                index_site(site)
            sets = measure_sets(site, tuned=Path(args.queries), held_out=Path(args.held_out))
            known = site_pages(site)
    except SearchQualityError as exc:
        print(f"handbook search: {exc}", file=sys.stderr)
        return 2
    failed = False
    for name, path, bar, outcomes in sets:
        s = summary(outcomes)
        for o in outcomes:
            if not o.hit(TOP_K):
                print(f"miss {path}:{describe_miss(o, known)}")
        print(f"{name}: top-1 {s['top1']}/{s['queries']} ({s['top1_rate']} %), "
              f"top-{TOP_K} {s['top3']}/{s['queries']} ({s['top3_rate']} %), bar {bar:g} %")
        if s["top3_rate"] < bar:
            print(f"{name}: top-{TOP_K} rate {s['top3_rate']} % is below {bar:g} %",
                  file=sys.stderr)
            failed = True
    if args.json:
        Path(args.json).write_text(
            json.dumps(report(sets, known), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8")
    return 1 if failed and args.check else 0


def _cmd_index(args: argparse.Namespace) -> int:
    if args.optional and importlib.util.find_spec("pagefind") is None:
        print("handbook search: pagefind is not installed (`make install` brings it); the site "
              "searches with Material's own search", file=sys.stderr)
        return 0
    try:
        done = index_site(Path(args.site))
    except SearchQualityError as exc:
        print(f"handbook search: {exc}", file=sys.stderr)
        return 2
    pages = ", ".join(f"{n} {lang}" for lang, n in sorted(done["pages"].items()))
    size = sum(b["bytes"] for b in done["bundles"].values())
    print(f"search index: {pages} pages, {size / 1024:.0f} KB in "
          f"{', '.join(done['bundles'])}, {done['seconds']} s")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("search", help="build the search index; measure its quality")
    sub = parser.add_subparsers(dest="search_command", metavar="ACTION", required=True)
    i = sub.add_parser("index", help="build the Pagefind index of a built site")
    i.add_argument("site", nargs="?", default=str(ROOT / "site"),
                   help="built site directory (default: site/)")
    i.add_argument("--optional", action="store_true",
                   help="without Pagefind installed, say so and leave the site as built")
    i.set_defaults(func=_cmd_index)
    q = sub.add_parser("quality", help="top-1/top-3 hit rates of the tuned and held-out queries")
    q.add_argument("--site", help="built and indexed site (default: a fresh strict build)")
    q.add_argument("--queries", default=str(DEFAULT_QUERIES), help="the tuned queries")
    q.add_argument("--held-out", default=str(DEFAULT_HELD_OUT), help="the held-out queries")
    q.add_argument("--check", action="store_true",
                   help=f"exit 1 when a set is below its bar ({MIN_TUNED:g} %, {MIN_HELD_OUT:g} %)")
    q.add_argument("--json", nargs="?", const=str(ROOT / "bench" / "search-quality.json"),
                   help="write the figures and misses as JSON (default: "
                        "bench/search-quality.json, which `handbook generate` renders)")
    q.set_defaults(func=_cmd_quality)
