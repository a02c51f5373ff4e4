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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from handbook.generate import SEARCH_RESULTS
from handbook.project import Project, ProjectError, chromium, serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# The query sets, under the project root: tuned on, and held out (never tuned on).
QUERIES, HELD_OUT = "tests/search/queries.yml", "tests/search/held_out.yml"
MIN_TUNED, MIN_HELD_OUT = 95.0, 90.0
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


def _indexed_locations(site: Path) -> tuple[dict[str, Any], list[str]]:
    for name in (LUNR_INDEX, "search/search_index.json"):
        path = site / name
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("docs"):
                pages = sorted({d["location"].split("#", 1)[0] for d in data["docs"]})
                return data, pages
    raise SearchQualityError(f"{site}: no search/search_index.json with pages (not a built site?)")


def index_site(site: Path) -> dict[str, Any]:
    """Build the Pagefind bundles of a built site and point Material's index at them.

    Runs again on an already indexed site (the documents are read back from lunr_index.json).
    Returns what was indexed: pages per language, seconds, bytes of each bundle.
    """
    started = time.perf_counter()
    site = site.resolve()
    data, pages = _indexed_locations(site)
    by_lang: dict[str, list[str]] = {}
    bundles: list[str] = []
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
            target.write_text(
                fold(
                    _with_path_words(
                        _HTML_LANG.sub(f'<html lang="{lang}"', html, count=1), location
                    )
                ),
                encoding="utf-8",
            )
        for lang, directory in PAGEFIND_BUNDLES.items():
            out = site / directory
            shutil.rmtree(out, ignore_errors=True)
            if lang not in by_lang:
                continue
            result = subprocess.run(  # noqa: S603 - argv list, no shell
                [
                    sys.executable,
                    "-m",
                    "pagefind",
                    "--site",
                    str(copies[lang]),
                    "--output-path",
                    str(out),
                    "--force-language",
                    lang,
                    "--root-selector",
                    ROOT_SELECTOR,
                    "--exclude-selectors",
                    EXCLUDE_SELECTORS,
                    "--silent",
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                raise SearchQualityError(f"{site}: pagefind failed:\n{result.stderr.strip()}")
            for unused in (
                "pagefind-ui.js",
                "pagefind-ui.css",
                "pagefind-modular-ui.js",
                "pagefind-modular-ui.css",
                "pagefind-component-ui.js",
                "pagefind-component-ui.css",
                "pagefind-highlight.js",
            ):
                (out / unused).unlink(missing_ok=True)  # Pagefind's own UIs: Material's is used
            bundles.append(f"{directory}/")
    # Material's page script fetches search/search_index.json on every page: keep its
    # configuration (the highlighter on the target page reads it), name the bundles, drop the docs.
    lunr = site / LUNR_INDEX
    if not lunr.exists():
        lunr.write_text(
            json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
    boosts = {
        d["location"]: d["boost"]
        for d in data["docs"]
        if "#" not in d["location"] and d.get("boost", 1) != 1
    }
    stub = {"config": {**data["config"], "pagefind": bundles, "boosts": boosts}, "docs": []}
    (site / "search" / "search_index.json").write_text(
        json.dumps(stub, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    sizes = {}
    for directory in bundles:
        files = [p for p in (site / directory).rglob("*") if p.is_file()]
        sizes[directory] = {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}
    return {
        "pages": {k: len(v) for k, v in by_lang.items()},
        "bundles": sizes,
        "seconds": round(time.perf_counter() - started, 2),
    }


def _git(
    repo: Path,
    *args: str,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
) -> str:
    result = subprocess.run(  # noqa: S603 - argv list, no shell
        ["git", "-C", str(repo), *args],  # noqa: S607 - git from PATH, as the Makefile does
        capture_output=True,
        text=True,
        check=False,
        input=stdin,
        env={**os.environ, **(env or {})},
    )
    if result.returncode != 0:
        what = " ".join(args[:2])
        raise SearchQualityError(f"{repo}: git {what} failed: {result.stderr.strip()}")
    return result.stdout


def index_edition(repo: Path, branch: str, version: str) -> dict[str, Any]:
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
            capture_output=True,
            check=False,
        )
        if archive.returncode != 0:
            raise SearchQualityError(
                f"{branch}:{version}: no such edition on the branch "
                f"({archive.stderr.decode(errors='replace').strip()})"
            )
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(site, filter="data")
        done = index_site(site)
        written = [
            p
            for d in PAGEFIND_BUNDLES.values()
            if (site / d).is_dir()
            for p in sorted((site / d).rglob("*"))
            if p.is_file()
        ]
        written += [site / "search" / "search_index.json", site / LUNR_INDEX]
        shas = _git(
            repo,
            "hash-object",
            "-w",
            "--no-filters",
            "--stdin-paths",
            stdin="\n".join(str(p) for p in written) + "\n",
        ).split()
        env = {"GIT_INDEX_FILE": str(work / "index")}
        _git(repo, "read-tree", branch, env=env)
        old = _git(
            repo,
            "ls-tree",
            "-r",
            "--name-only",
            branch,
            *(f"{version}/{d}" for d in PAGEFIND_BUNDLES.values()),
        ).split()
        lines = [f"0 {'0' * 40}\t{path}" for path in old]
        lines += [
            f"100644 {sha}\t{version}/{p.relative_to(site).as_posix()}"
            for sha, p in zip(shas, written, strict=True)
        ]
        _git(repo, "update-index", "--index-info", env=env, stdin="\n".join(lines) + "\n")
        tree = _git(repo, "write-tree", env=env).strip()
        parent = _git(repo, "rev-parse", branch).strip()
        commit = _git(
            repo, "commit-tree", tree, "-p", parent, "-m", f"Search index of edition {version}"
        ).strip()
        _git(repo, "update-ref", f"refs/heads/{branch}", commit, parent)
    return done


class SearchQualityError(Exception):
    """Bad input (query file, site directory); the message names the file and line."""


@dataclass(frozen=True)
class Query:
    """One line of the query file: what a reviewer types and where they expect to land."""

    text: str
    page: str  # docs path, e.g. security/cors.md
    anchor: str | None  # section id that must be shown for that page, or None
    line: int
    kind: str = "en"
    also: tuple[str, ...] = ()  # other pages that answer the query as well (duplicated topics)


@dataclass
class Outcome:
    """Where the expected page ranked for one query (None: not in the top results at all)."""

    query: Query
    location: str  # the expected page's URL in the site, e.g. security/cors/
    rank: int | None
    anchor_shown: bool  # no anchor asked, or the page's best-matching section is that anchor
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
    queries: list[Query] = []
    seen: dict[str, int] = {}
    for node in seq.value:
        line = node.start_mark.line + 1
        item = yaml.safe_load(yaml.serialize(node))
        if not isinstance(item, dict) or not isinstance(item.get("q"), (str, int)):
            raise SearchQualityError(f"{path}:{line}: each query needs `q:` (the text typed)")
        page = item.get("page")
        if not isinstance(page, str) or not page.endswith(".md"):
            raise SearchQualityError(f"{path}:{line}: `page:` must be a docs path ending in .md")
        also = item.get("also", [])
        if not isinstance(also, list) or not all(
            isinstance(a, str) and a.endswith(".md") for a in also
        ):
            raise SearchQualityError(f"{path}:{line}: `also:` must be a list of docs paths")
        unknown = set(item) - {"q", "page", "anchor", "kind", "why", "also"}
        if unknown:
            raise SearchQualityError(f"{path}:{line}: unknown key(s) {', '.join(sorted(unknown))}")
        text_q = str(item["q"])
        if text_q in seen:
            raise SearchQualityError(f"{path}:{line}: query {text_q!r} repeats line {seen[text_q]}")
        seen[text_q] = line
        queries.append(
            Query(text_q, page, item.get("anchor"), line, str(item.get("kind", "en")), tuple(also))
        )
    if not queries:
        raise SearchQualityError(f"{path}:1: the query list is empty")
    return queries


Groups = list[list[dict[str, Any]]]  # per query, the result groups (a page and its sections)


def run_in_browser(site_url: str, texts: list[str], browser: Browser | None = None) -> Groups:
    """Result groups per query from the site's search worker, in a page of the site in Chromium."""
    if browser is None:
        with chromium() as own:
            return run_in_browser(site_url, texts, own)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url.rstrip("/") + "/", wait_until="load")
        found: Groups = page.evaluate(RUNNER_JS.read_text(encoding="utf-8"), {"queries": texts})
        return found
    finally:
        context.close()


def score(queries: list[Query], results: Groups, page_url: Callable[[str], str]) -> list[Outcome]:
    """Rank of each expected page among the result groups, and whether its section is shown.

    `page_url` maps a docs path to its URL in the site (`Project.page_url`)."""
    outcomes = []
    for query, groups in zip(queries, results, strict=True):
        pages = [g["page"] for g in groups]
        location = page_url(query.page)
        wanted = [location, *map(page_url, query.also)]
        ranks = [pages.index(loc) + 1 for loc in wanted if loc in pages]
        rank = min(ranks) if ranks else None
        anchor_ok = True
        if rank is not None and query.anchor and pages[rank - 1] == location:
            # The section must be the page's best-matching one: the first the UI lists under it.
            sections = groups[rank - 1]["sections"]
            anchor_ok = bool(sections) and sections[0] == f"{location}#{query.anchor}"
        outcomes.append(Outcome(query, location, rank, anchor_ok, pages[:TOP_K]))
    return outcomes


def site_pages(site: Path) -> set[str]:
    """Locations of every page in the site's search index."""
    index, _ = _indexed_locations(site)
    return {d["location"] for d in index["docs"]}


def _search(site: Path, texts: list[str], browser: Browser | None) -> Groups:
    if not (site / "search" / "search_index.json").exists():
        raise SearchQualityError(f"{site}: no search/search_index.json (not a built site?)")
    with serve(site) as url:
        return run_in_browser(url, texts, browser)


def measure(
    project: Project, site: Path, queries: list[Query], browser: Browser | None = None
) -> list[Outcome]:
    """Run every query against the built `site` and score it."""
    return score(queries, _search(site, [q.text for q in queries], browser), project.page_url)


def summary(outcomes: list[Outcome]) -> dict[str, float | int]:
    n = len(outcomes)
    top1 = sum(o.hit(1) for o in outcomes)
    top3 = sum(o.hit(TOP_K) for o in outcomes)
    return {
        "queries": n,
        "top1": top1,
        "top3": top3,
        "top1_rate": round(100 * top1 / n, 1),
        "top3_rate": round(100 * top3 / n, 1),
    }


def describe_miss(o: Outcome, known: set[str]) -> str:
    q = o.query
    want = q.page + (f"#{q.anchor}" if q.anchor else "")
    if o.location not in known:
        why = "the page is not in the build"
    elif o.rank is None:
        why = "not among the results"
    elif o.rank > TOP_K:
        why = f"ranked {o.rank}"
    else:
        why = f"page ranked {o.rank} but its best section is not #{q.anchor}"
    top = ", ".join(p or "(home)" for p in o.top) or "nothing"
    return f"line {q.line}: {q.text!r} -> {want}: {why}; top 3: {top}"


QuerySet = tuple[str, Path, float, list[Outcome]]  # name, file, bar (top-3 %), outcomes


def report(project: Project, sets: list[QuerySet], known: set[str]) -> dict[str, Any]:
    """The figures of a quality run, JSON-able (bench/search-quality.json): per set, per kind."""
    out: dict[str, Any] = {"top_k": TOP_K, "pages_and_sections": len(known), "sets": []}
    for name, path, bar, outcomes in sets:
        kinds: dict[str, dict[str, int]] = {}
        for o in outcomes:
            k = kinds.setdefault(o.query.kind, {"queries": 0, "top1": 0, "top3": 0})
            k["queries"] += 1
            k["top1"] += o.hit(1)
            k["top3"] += o.hit(TOP_K)
        out["sets"].append(
            {
                "name": name,
                "file": project.rel(path),
                "bar": bar,
                **summary(outcomes),
                "kinds": dict(sorted(kinds.items())),
                "misses": [describe_miss(o, known) for o in outcomes if not o.hit(TOP_K)],
            }
        )
    return out


def measure_sets(
    project: Project,
    site: Path,
    browser: Browser | None = None,
    tuned: Path | None = None,
    held_out: Path | None = None,
) -> list[QuerySet]:
    """Both query sets through the site's search: (name, file, bar, outcomes) for each."""
    sets = [
        ("tuned", tuned or project.path(QUERIES), MIN_TUNED),
        ("held out", held_out or project.path(HELD_OUT), MIN_HELD_OUT),
    ]
    loaded = [(name, path, bar, load_queries(path)) for name, path, bar in sets]
    results = _search(site, [q.text for *_, qs in loaded for q in qs], browser)
    out, at = [], 0
    for name, path, bar, qs in loaded:
        out.append((name, path, bar, score(qs, results[at : at + len(qs)], project.page_url)))
        at += len(qs)
    return out


def _cmd_quality(args: argparse.Namespace) -> int:
    project: Project = args.project
    try:
        with tempfile.TemporaryDirectory(prefix="hb-search-") as tmp:
            if args.site:
                site = Path(args.site)
            else:
                try:
                    site = project.build(Path(tmp) / "site")
                except ProjectError as exc:
                    raise SearchQualityError(str(exc)) from exc
                index_site(site)
            tuned, held = (Path(a) if a else None for a in (args.queries, args.held_out))
            sets = measure_sets(project, site, tuned=tuned, held_out=held)
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
        print(
            f"{name}: top-1 {s['top1']}/{s['queries']} ({s['top1_rate']} %), "
            f"top-{TOP_K} {s['top3']}/{s['queries']} ({s['top3_rate']} %), bar {bar:g} %"
        )
        if s["top3_rate"] < bar:
            print(
                f"{name}: top-{TOP_K} rate {s['top3_rate']} % is below {bar:g} %", file=sys.stderr
            )
            failed = True
    if args.json:
        out = Path(args.json) if args.json is not True else project.path(SEARCH_RESULTS)
        out.write_text(
            json.dumps(report(project, sets, known), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    return 1 if failed and args.check else 0


def _cmd_index(args: argparse.Namespace) -> int:
    if args.optional and importlib.util.find_spec("pagefind") is None:
        print(
            "handbook search: pagefind is not installed (`make install` brings it); the site "
            "searches with Material's own search",
            file=sys.stderr,
        )
        return 0
    try:
        done = index_site(Path(args.site) if args.site else args.project.path("site"))
    except SearchQualityError as exc:
        print(f"handbook search: {exc}", file=sys.stderr)
        return 2
    pages = ", ".join(f"{n} {lang}" for lang, n in sorted(done["pages"].items()))
    size = sum(b["bytes"] for b in done["bundles"].values())
    print(
        f"search index: {pages} pages, {size / 1024:.0f} KB in "
        f"{', '.join(done['bundles'])}, {done['seconds']} s"
    )
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("search", help="build the search index; measure its quality")
    sub = parser.add_subparsers(dest="search_command", metavar="ACTION", required=True)
    i = sub.add_parser("index", help="build the Pagefind index of a built site")
    i.add_argument("site", nargs="?", help="built site directory (default: site/)")
    i.add_argument(
        "--optional",
        action="store_true",
        help="without Pagefind installed, say so and leave the site as built",
    )
    i.set_defaults(func=_cmd_index)
    q = sub.add_parser("quality", help="top-1/top-3 hit rates of the tuned and held-out queries")
    q.add_argument("--site", help="built and indexed site (default: a fresh strict build)")
    q.add_argument("--queries", help=f"the tuned queries (default: {QUERIES})")
    q.add_argument("--held-out", help=f"the held-out queries (default: {HELD_OUT})")
    q.add_argument(
        "--check",
        action="store_true",
        help=f"exit 1 when a set is below its bar ({MIN_TUNED:g} %, {MIN_HELD_OUT:g} %)",
    )
    q.add_argument(
        "--json",
        nargs="?",
        const=True,
        help=f"write the figures and misses as JSON (default: {SEARCH_RESULTS}, "
        "which `handbook generate` renders)",
    )
    q.set_defaults(func=_cmd_quality)
