"""Write docs/about/performance.md from a results file: tables, plots and the analysis around them.

Every figure on the page comes from the results; the prose only explains what the figures show.
"""

from __future__ import annotations

from pathlib import Path

from . import plots

PAGE = Path("docs/about/performance.md")
IMG = Path("docs/about/img")


def _s(v) -> str:
    return "n/a" if v is None else f"{v:,.1f}" if v < 100 else f"{v:,.0f}"


def _kb(n) -> str:
    return (
        "n/a" if n is None else f"{n / 1024:,.1f} KB" if n < 1024 * 1024 else f"{n / 2**20:,.1f} MB"
    )


def _x(v) -> str:
    return "n/a" if v is None else f"{v:.2f}×"


def _ok(v) -> str:
    return {True: "met", False: "not met", None: "not measured"}.get(v, str(v))


STOPPED = "the end of its build part; later parts name their own runs"


def _by(part: dict) -> list[str]:
    """A line naming the run that measured a part merged in from another run."""
    by = part.get("measured_by") if isinstance(part, dict) else None
    if not by:
        return []
    return [f"Measured in a separate run: `{by['command']}` on {by['date']}.", ""]


def _not_measured(heading: str, reason: str) -> list[str]:
    """A part this run did not measure: its heading (anchors keep working) and the reason."""
    return [heading, "", f"Not measured: {reason}", ""]


def _header(d: dict) -> list[str]:
    m, t = d["machine"], d["tools"]
    return [
        "# Performance",
        "",
        "How long the handbook takes to build, to check and to search, and what a page weighs. "
        "Every figure below is written by `handbook bench` (`make bench`) into "
        "`bench/results.json` and from there onto this page; none is typed by hand.",
        "",
        f'!!! info "This run"\n    `{d["command"]}` on {d["date"][:10]} ({d["date"]} to '
        f"{d.get('finished', STOPPED)}), {m['cores']} cores, {m['memory_gib']} GiB, {m['os']}. "
        f"MkDocs {t['mkdocs']}, Material {t['mkdocs-material']}, Zensical {t['zensical']}, "
        f"Pagefind {t['pagefind']}, {t['chromium']}, Python {t['python']}. "
        f"Medians of {d['runs']} runs.\n\n    {d['note']}",
        "",
    ]


def _build(d: dict) -> list[str]:
    b = d["build"]
    if "skipped" in b:
        return _not_measured("## Build time {#build-time}", b["skipped"])
    real = b["real"]
    rows = [
        "| pages | stock Material | handbook configuration | Zensical | stock ÷ handbook "
        "| Zensical ÷ handbook |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    mem = [
        "| pages | stock Material | handbook configuration | Zensical |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for e in b["synthetic"]:
        c = e["configs"]
        rows.append(
            f"| {e['pages']:,} | {_s(c['stock']['median_s'])} s | "
            f"{_s(c['handbook']['median_s'])} s | {_s(c['zensical']['median_s'])} s | "
            f"{_x(e['ratios']['stock_over_handbook'])} | "
            f"{_x(e['ratios']['zensical_over_handbook'])} |"
        )
        mem.append(
            f"| {e['pages']:,} | {_s(c['stock']['peak_rss_mb'])} MB | "
            f"{_s(c['handbook']['peak_rss_mb'])} MB | {_s(c['zensical']['peak_rss_mb'])} MB |"
        )
    failures = [
        f"- {e['pages']} pages, {k}: `{v['error'].splitlines()[-1]}`"
        for e in b["synthetic"]
        for k, v in e["configs"].items()
        if v.get("error")
    ]
    g = d["goals"]
    out = [
        "## Build time {#build-time}",
        "",
        f"The real handbook builds strictly in **{_s(real['median_s'])} s** "
        f"(peak memory {_s(real['peak_rss_mb'])} MB, {real['html_pages']} HTML pages; "
        f"`{real['command']}`).",
        "",
        "To see how the build grows, `handbook bench` writes synthetic handbooks of realistic "
        "pages "
        "(about 800 words of prose, 4–6 headings, three code blocks, an 8-item task list, an "
        "admonition, a tag) in ten sections of ten-page groups, and builds each one three ways: "
        "**stock Material** (`theme: material` and nothing else), the **handbook configuration** "
        "(the real `mkdocs.yml`: same theme features, Markdown extensions and plugins, only the "
        "nav replaced) and **Zensical** (`zensical build` on that same `mkdocs.yml`).",
        "",
        *rows,
        "",
        "![Build time against pages for the three configurations](img/build-time.svg)",
        "",
        "Peak memory (maximum resident set size of the build process):",
        "",
        *mem,
        "",
        "![Peak memory against pages](img/build-memory.svg)",
        "",
        f"Goals: at 1,000 pages at least twice as fast as stock Material: "
        f"**{_ok(g.get('1000_pages_2x_faster_than_stock'))}**; faster than Zensical: "
        f"**{_ok(g.get('1000_pages_faster_than_zensical'))}**; 3,000 pages within 3.5× the "
        f"1,000-page time: **{_ok(g.get('3000_le_3.5x_1000'))}** "
        f"(measured {_x(g.get('3000_over_1000_handbook'))}).",
        "",
    ]
    out += _scaling(b.get("scaling"), b["synthetic"])
    small = b["synthetic"][0]
    if (small["ratios"]["stock_over_handbook"] or 1) < 1:
        out += [
            f"At {small['pages']:,} pages the handbook configuration is the slower one: it runs "
            "more Markdown extensions and plugins than stock (mkdocstrings, tags, search in two "
            "languages, highlighting with line spans), a cost per page. Pruning the navigation "
            "saves a cost per page × pages, so it wins as the site grows.",
            "",
        ]
    notes = [
        f"- {e['pages']:,} pages, {k}: {v['note']}"
        for e in b["synthetic"]
        for k, v in e["configs"].items()
        if v.get("note")
    ]
    notes += [f"- {e['pages']:,} pages: {e['note']}" for e in b["synthetic"] if e.get("note")]
    if notes:
        out += ["Notes on this run's builds:", "", *notes, ""]
    if failures:
        out += ["Builds that failed in this run:", "", *failures, ""]
    return out


def _scaling(scale: dict | None, synthetic: list[dict]) -> list[str]:
    """The growth measurement: one configuration at two sizes, built alternately."""
    if not scale:
        return []
    (a, sa), (b, sb) = sorted(scale["sizes"].items(), key=lambda kv: int(kv[0]))
    matrix = {e["pages"]: e["configs"]["handbook"]["median_s"] for e in synthetic}
    same = (
        f" In the matrix above, where each size is built in its own stretch of the run, the "
        f"same ratio is {_x(matrix[int(b)] / matrix[int(a)])}."
        if matrix.get(int(a)) and matrix.get(int(b))
        else ""
    )
    return [
        f"How the handbook configuration grows, measured on its own: {int(a):,} and "
        f"{int(b):,} pages built alternately, {scale['rounds']} rounds "
        f"(`handbook bench` does this after the matrix, because this machine's speed drifts over "
        f"a long run). Medians {_s(sa['median_s'])} s and {_s(sb['median_s'])} s "
        f"(runs: {', '.join(_s(x) for x in sa['wall_s'])} s and "
        f"{', '.join(_s(x) for x in sb['wall_s'])} s): **{_x(scale['ratio'])}** for "
        f"{_x(int(b) / int(a))} the pages.{same}",
        "",
    ]


def _profile(d: dict) -> list[str]:
    p = d["profile"]
    if isinstance(p, dict):
        return _not_measured("## Where the build time goes {#build-profile}", p["skipped"])
    merged = _by(p[0]) if p else []
    growth = [x for x in p if x.get("growth")]
    p = [x for x in p if not x.get("growth")]
    by = {x["config"]: x for x in p}
    phases = list(dict.fromkeys(k for x in p for k in x["phases"]))
    rows = [
        "| part of the build | " + " | ".join(f"{c} ({_s(by[c]['total_s'])} s)" for c in by) + " |",
        "| --- |" + " ---: |" * len(by),
    ]
    for ph in phases:
        cells = []
        for c in by:
            v = by[c]["phases"].get(ph)
            cells.append(f"{_s(v['seconds'])} s ({v['share']:.0%})" if v else "–")
        rows.append(f"| {ph} | " + " | ".join(cells) + " |")
    stock = by.get("stock")
    nav = stock["phases"].get("navigation (nav-item.html, nav.html, tabs)") if stock else None
    top = stock["top_self"][:5] if stock else []
    return [
        "## Where the build time goes {#build-profile}",
        "",
        f"A pyinstrument profile of one build at {p[0]['pages']:,} pages "
        "(`python -m handbook.bench.profiling`). Parts nest: the navigation is rendered "
        "inside the page templates, and the profiler's own overhead makes the totals larger "
        "than the timed builds.",
        "",
        *merged,
        *rows,
        "",
        "With stock settings every page renders the **whole navigation** into its sidebar: "
        f"{'that is ' + format(nav['share'], '.0%') + ' of the build' if nav else 'see the table'}"
        ", and it grows with pages × pages, which makes the build superlinear. "
        "The functions with the most time of their own in the stock build:",
        "",
        *[f"- `{t['function']}`: {_s(t['seconds'])} s ({t['share']:.0%})" for t in top],
        "",
        "### What the handbook's configuration does about it {#build-configuration}",
        "",
        "Two stock Material settings in `mkdocs.yml`, no plugin or hook of our own:",
        "",
        "- `navigation.prune` on: a page renders only the navigation visible from it, and a "
        "collapsed group is one link to its first page instead of a hidden list of all its pages.",
        "- `navigation.sections` off: with tabs, that feature keeps every section of the active "
        "tab expanded, so each page would still render one entry per group of the whole tab, a "
        "cost that grows with pages × pages. Without it the sidebar lists the tab's sections as "
        "links to their index pages, which hold each section's reading list, and expands only "
        "the reader's own section.",
        "",
        "Instant navigation, tabs, indexes, search suggestions, highlighting and sharing, code "
        "copy and annotations and linked tabs all stay on. "
        "`tests/browser/test_navigation.py` checks the sidebar this gives: every section "
        "reachable, only the reader's own section expanded.",
        "",
        *_growth(growth),
    ]


def _growth(entries: list[dict]) -> list[str]:
    """How each part of the handbook's build grows from the smallest to the largest profile."""
    if len(entries) < 2:
        return []
    ordered = sorted(entries, key=lambda x: x["pages"])
    small, big = ordered[0], ordered[-1]
    scale = big["pages"] / small["pages"]
    rows = [
        f"| part of the build | {small['pages']:,} pages | {big['pages']:,} pages | growth |",
        "| --- | ---: | ---: | ---: |",
    ]
    fastest = None
    for ph, v in big["phases"].items():
        s = small["phases"].get(ph)
        if not s or not s["seconds"]:
            continue
        g = v["seconds"] / s["seconds"]
        rows.append(f"| {ph} | {_s(s['seconds'])} s | {_s(v['seconds'])} s | {_x(g)} |")
        if fastest is None or g > fastest[1]:
            fastest = (ph, g)
    total = big["total_s"] / small["total_s"]
    rows.append(
        f"| whole build (profiled) | {_s(small['total_s'])} s | {_s(big['total_s'])} s "
        f"| {_x(total)} |"
    )
    return [
        "### What still grows faster than the pages {#build-growth}",
        "",
        f"The handbook configuration profiled again at {small['pages']:,} and "
        f"{big['pages']:,} pages ({_x(scale)} the pages):",
        "",
        *rows,
        "",
        f"The part that grows fastest is **{fastest[0]}** ({_x(fastest[1])}). "
        "With a fixed number of sections, a section's number of groups grows with the site, "
        "and each page of that section renders one (pruned) entry per group; Material's index "
        "lookup also walks every group's children. Splitting a large section into further "
        "sections, or nesting its groups one level deeper, keeps that per-page work flat.",
        "",
    ]


def _snippets(d: dict) -> list[str]:
    s = d["snippets"]
    head = ["## Snippets {#snippets}", ""]
    if s.get("skipped"):
        return _not_measured(head[0], s["skipped"])
    head += _by(s)
    cold, warm, ch = s["cold"], s["warm"], s["one_changed"]
    g = s["goals"]

    def row(label: str, r: dict | None) -> str:
        if not r:
            return f"| {label} | n/a | | | |"
        return (
            f"| {label} | {_s(r['wall_s'])} s | {r['cpu_utilization']:.0%} | {r['ran']} | "
            f"{r['failed']} |"
        )

    warm_first = warm["runs"][0] if warm["runs"] else None
    changed = (
        f"one changed (`{ch['file']}`, the slowest, {_s(ch['file_seconds_cold'])} s on its own "
        f"in the cold run) took **{_s(ch['wall_s'])} s**"
        if ch
        else "one changed: not measured"
    )
    passed = (
        ""
        if g.get("all_passed")
        else (
            " Some snippets failed in this run (the `failed` column); the times still show what "
            "the runner costs."
        )
    )
    return [
        *head,
        f"`{s['command']}` over {s['snippets']} snippets, in a private copy of the tree "
        "with its own empty cache:",
        "",
        "| run | wall time | CPU utilisation (user+sys ÷ wall ÷ cores) | snippets run | failed |",
        "| --- | ---: | ---: | ---: | ---: |",
        row("cold (empty cache)", cold),
        row(f"warm (first of {len(warm['runs'])}; median {_s(warm['median_s'])} s)", warm_first),
        row("one changed", ch),
        "",
        f"The slowest single snippet takes {_s(s['slowest_snippet_s'])} s; {changed}. "
        f"Goals: warm within 3 s **{_ok(g['warm_le_3s'])}**; one changed within the slowest "
        f"snippet + 3 s **{_ok(g['changed_le_slowest_plus_3s'])}**; CPU utilisation of the cold "
        f"run, where both cores busy is 100%: **{g['cold_cpu_utilization']:.0%}**.{passed}",
        "",
    ]


def _search(d: dict) -> list[str]:
    s = d["search"]
    head = ["## Search {#search}", ""]
    if isinstance(s, dict):
        return _not_measured(head[0], s["skipped"])
    head += _by(s[0]) if s else []
    rows = [
        "| site | index (raw / gzip) | Material: first result | bytes before it | JS heap "
        "(page + worker) | Pagefind: first result | bytes before it | Pagefind bundle |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for x in s:
        m, p = x["material"], x["pagefind"]
        name = "real handbook" if x["pages"] is None else f"synthetic, {x['pages']:,} pages"
        rows.append(
            f"| {name} | {_kb(x['index_bytes'])} / {_kb(x['index_gzip_bytes'])} | "
            f"{_s(m['median_ms'])} ms | {_kb(m['bytes_before_first_result'])} | "
            f"{_s(m['js_heap_main_mb'])} + {_s(m['js_heap_workers_mb'])} MB | "
            f"{_s(p['median_ms'])} ms | {_kb(p['bytes_before_first_result'])} | "
            f"{_kb(p['bundle_bytes'])} |"
        )
    return [
        *head,
        "Headless Debian Chromium opens a page with `?q=` (Material's own way of sharing a "
        "search) over a loopback server with caching off, and the time runs from navigation "
        "start until the first result is in the page. Pagefind indexes the same built site "
        "(`python -m pagefind --site DIR`) and a test page calls its API (`init`, `search`, "
        "the first result's `data()`). The loopback server does not compress, so bytes are "
        "as served; the index's gzip size is what a compressing server would send.",
        "",
        *rows,
        "",
        "![Time to first search result against pages](img/search-time.svg)",
        "",
    ]


def _analysis(d: dict) -> list[str]:
    s = d["search"]
    big = next((x for x in s if x.get("pages") == 3000), None) if isinstance(s, list) else None
    if big:
        m, p = big["material"], big["pagefind"]
        facts = (
            f"At 3,000 pages Material's first result came after **{_s(m['median_ms'])} ms**: "
            f"the page downloads the whole index ({_kb(big['index_bytes'])}, "
            f"{_kb(big['index_gzip_bytes'])} gzip), the search worker parses it and builds a "
            f"lunr index in memory ({_s(m['js_heap_workers_mb'])} MB of worker heap), and only "
            f"then answers. Pagefind answered the same query in **{_s(p['median_ms'])} ms** "
            f"after fetching {_kb(p['bytes_before_first_result'])}, because it loads only the "
            "index chunks for the words typed."
        )
    else:
        facts = "This run did not measure search at 3,000 pages."
    return [
        "## Search results within 300 ms at 3,000 pages {#search-at-scale}",
        "",
        facts,
        "",
        "Keeping Material's search box, result list, suggestions and highlighting, the time goes "
        "to "
        "three things in turn, and each needs its own answer:",
        "",
        "1. **Transfer of one large file.** Serving `search/search_index.json` compressed (gzip or "
        "Brotli, precompressed at deploy time) cuts the bytes by the ratio in the table. Starting "
        'the fetch earlier with a `<link rel="preload">` from a `main.html` block override hides '
        "part of it behind page rendering. Neither changes the work done after the download.",
        "2. **Building the index in the browser.** Material 9 builds the lunr index in its worker "
        "on "
        "every cold load (its plugin no longer offers a prebuilt index), which is proportional to "
        "the text indexed. Less text is the stock lever: `search: exclude: true` in the front "
        "matter of pages nobody searches for (generated reference, changelogs), and a single "
        "search language where one is enough (`lang: [en, ru]` loads and runs two stemmers). The "
        "browser keeps the built index for later pages of the same visit (instant navigation "
        "keeps the worker), so only the first search of a visit pays it.",
        "3. **Index size grows with pages.** Past a few thousand pages a single index cannot be "
        "made small enough for 300 ms on a cold load. A chunked index is the way: Pagefind's "
        "numbers above show what it costs (its bytes before the first result). Keeping "
        "Material's UI means replacing only what answers its worker's messages: a search worker "
        "that speaks Material's worker protocol (`setup`, `ready`, `query`, `result`) and answers "
        "from Pagefind's chunks, or moving to Zensical and measuring its own search the same way. "
        "The handbook took the first: see [Search engine](#search-engine).",
        "",
    ]


def _search_engine() -> list[str]:
    # The figures are written by handbook.bench.search into docs/about/generated/.
    return [
        "## Search engine {#search-engine}",
        "",
        "The search box stays Material's; the handbook's search worker answers it from a Pagefind "
        "index built after the build (`handbook search index`), instead of Material's lunr index. "
        "Chosen on these measurements: lunr downloads the whole index and builds it in the "
        "browser on every cold visit, so time, bytes and worker memory grow with the pages; "
        "Pagefind's index is split into chunks and a visitor fetches those of the typed words, "
        "so they stay flat. Pagefind also stems English and Russian with Snowball, ships its "
        "binary on PyPI and is the index Astro Starlight uses. Zensical's own search was not "
        "chosen: it would mean leaving Material before its end of life and its figures are not "
        "measured here. Old against new, the same site, the same query, the same search box:",
        "",
        '--8<-- "about/generated/search-engine.md"',
        "",
        "Quality and how a query is ranked: [Search quality](search-quality.md).",
        "",
    ]


def _weight(d: dict) -> list[str]:
    w = d["weight"]
    head = ["## Page weight {#page-weight}", ""]
    if "skipped" in w:
        return _not_measured(head[0], w["skipped"])
    head += _by(w)
    rows = [
        "| page | requests | raw | gzip | handbook's own CSS/JS (gzip) | share |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for x in w["pages"]:
        rows.append(
            f"| {x['kind']}: `{x['page']}` | {x['requests']} | {_kb(x['raw_bytes'])} | "
            f"{_kb(x['gzip_bytes'])} | {_kb(x['own_gzip_bytes'])} | {x['own_share']:.1%} |"
        )
    own = w["own_assets"]
    files = ", ".join(f"`{k}` {_kb(v)}" for k, v in own["files"].items()) or "none yet"
    return [
        *head,
        "A cold load of a guide page and of a checklist page in Chromium, waiting until the "
        "network is idle; each file fetched is weighed as served and gzipped at level 6.",
        "",
        *rows,
        "",
        f"The handbook's own browser code (files under `docs/assets/` named `hb-*`): {files}; "
        f"in all **{_kb(own['gzip_bytes'])}** gzip against a budget of "
        f"{_kb(own['goal_bytes'])}: **{_ok(own['within_goal'])}**.",
        "",
    ]


def _reproduce() -> list[str]:
    return [
        "## Reproduce {#reproduce}",
        "",
        "```text",
        "make bench                                  # full run: bench/results.json and this page",
        "handbook bench --quick --out /tmp/r.json    # every part, small, in well under 2 minutes",
        "handbook bench --only build --pages 1000    # one part, one size",
        "```",
        "",
        "Synthetic sites are written to `bench/work/`, which git ignores.",
        "",
    ]


def text(d: dict) -> str:
    """The page's Markdown for results d."""
    parts = [
        _header(d),
        _build(d),
        _profile(d),
        _snippets(d),
        _search(d),
        _analysis(d),
        _search_engine(),
        _weight(d),
        _reproduce(),
    ]
    return "\n".join(line for part in parts for line in part).rstrip() + "\n"


def render(d: dict, root: Path) -> Path:
    """Write the page and its plots under root; returns the page's path."""
    plots.draw(d, root / IMG)
    path = root / PAGE
    path.write_text(text(d), encoding="utf-8")
    print(f"[bench] wrote {PAGE} and {IMG}/*.svg")
    return path
