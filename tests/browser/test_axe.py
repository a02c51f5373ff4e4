"""axe-core, WCAG 2.1 A and AA, on every page of the published handbook in both colour schemes.

axe-core (root node_modules, pinned) is injected into every page of the `latest` edition as
nginx serves it, plus the 404 page and an older edition (whose outdated-edition banner shows).
One Chromium context prefers the light scheme and one the dark scheme; Material picks its palette
from that preference, and each page is checked to really show the scheme before axe runs. The
two contexts load and audit the same page side by side. A failure names page, scheme, rule and
selector; test-artifacts/axe.json keeps the whole report and the time the audit took.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from crawl import batches, edition_pages, load_side_by_side, process_tree_cpu_seconds

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The CSS media preference each context emulates -> Material's scheme name on <body>.
SCHEMES = {"light": "default", "dark": "slate"}
MISSING_PAGE = "no-such-page/"  # any address that is not a page: nginx answers with the 404 page

RUN_AXE = """tags => {
  window.__hbAxe = axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  }).then(result => ({
    scheme: document.body.getAttribute("data-md-color-scheme"),
    violations: result.violations.map(v => ({
      rule: v.id,
      nodes: v.nodes.map(n => ({
        selector: n.target.join(" "),
        summary: (n.failureSummary || "").split("\\n").slice(1, 3).join(" ")
          .replace(/\\s+/g, " ").trim(),
      })),
    })),
  }))
}"""


# Material's toggle: of the palette labels in the header, the one shown leads to the other scheme.
TOGGLE = """() => {
  const label = [...document.querySelectorAll("label.md-header__button[for^='__palette']")]
    .find(l => l.checkVisibility())
  if (!label) return null
  const before = document.body.getAttribute("data-md-color-scheme")
  label.click()
  return before
}"""


def _other_scheme(name: str) -> str:
    return next(s for s in SCHEMES.values() if s != name)


@pytest.fixture(scope="module")
def axe_report(published_site, artifacts_dir: Path) -> dict:
    """Audit every page in both schemes once; findings per scheme, and what the run took.

    Two Chromium pages work side by side, one preferring the light and one the dark scheme, each
    on its half of the pages. A page is loaded once, audited in the scheme it opened in, switched
    with Material's palette toggle and audited again. These pages get the search index without
    its documents: the closed search box is all they show of search, and building the full index
    on every load would double the audit's cost (test_open_search_passes covers search itself).
    The index must still arrive: when it fails, Material's other components (the palette toggle
    among them) stop working.
    """
    assert AXE.exists(), f"{AXE} is missing: run `make install`"
    site = published_site
    paths = edition_pages(site.site_dir / "latest")
    urls = [site.url(p) for p in paths] + [site.url(MISSING_PAGE)]
    old = site.editions[0]
    urls += [site.url("", edition=old), site.url("security/cors/", edition=old)]

    index = json.loads((site.site_dir / "latest" / "search" / "search_index.json").read_text())
    empty_index = {**index, "docs": []}
    workers = []
    for preference in SCHEMES:
        context = site.new_context(color_scheme=preference)
        context.add_init_script(path=str(AXE))
        context.route("**/search/search_index.json", lambda route: route.fulfill(json=empty_index))
        workers.append(context.new_page())

    findings: dict[str, list[dict]] = {p: [] for p in SCHEMES}
    by_scheme = {scheme: preference for preference, scheme in SCHEMES.items()}
    audited: dict[str, set[str]] = {}

    def collect(page, where: str) -> None:
        result = page.evaluate("() => window.__hbAxe")
        scheme = result["scheme"]
        preference = by_scheme.get(scheme)
        if preference is None:
            findings["light"].append(
                {
                    "page": where,
                    "rule": "(scheme)",
                    "selector": "body",
                    "summary": f"unknown scheme {scheme!r}",
                }
            )
            return
        audited.setdefault(where, set()).add(preference)
        for violation in result["violations"]:
            for node in violation["nodes"]:
                findings[preference].append({"page": where, "rule": violation["rule"], **node})

    cpu0, start = process_tree_cpu_seconds(), time.monotonic()
    for batch in batches(urls, len(workers)):
        pages = workers[: len(batch)]
        wheres = [url.removeprefix(site.base_url) for url in batch]
        load_side_by_side(pages, batch)
        for page in pages:
            # Material adds the version selector once versions.json has arrived: audit it too.
            page.wait_for_selector(".md-version__current", state="attached", timeout=15_000)
        for _ in range(2):  # the scheme the page opened in, then the other one
            for page in pages:  # start every audit before waiting for any
                page.evaluate(RUN_AXE, TAGS)
            for page, where in zip(pages, wheres, strict=True):
                collect(page, where)
            for page in pages:
                before = page.evaluate(TOGGLE)
                assert before, "no palette toggle in the header"
                page.wait_for_function(
                    "s => document.body.getAttribute('data-md-color-scheme') === s",
                    arg=_other_scheme(before),
                )
    seconds, cpu = time.monotonic() - start, process_tree_cpu_seconds() - cpu0
    for page in workers:
        page.context.close()

    missing = {
        where: sorted(set(SCHEMES) - seen)
        for where, seen in audited.items()
        if seen != set(SCHEMES)
    }
    missing.update(
        {
            u.removeprefix(site.base_url): list(SCHEMES)
            for u in urls
            if u.removeprefix(site.base_url) not in audited
        }
    )
    report = {
        "axe": json.loads((AXE.parent / "package.json").read_text())["version"],
        "tags": TAGS,
        "pages": len(urls),
        "schemes": list(SCHEMES),
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "not_audited": missing,
        "findings": findings,
    }
    (artifacts_dir / "axe.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(
        f"\naxe-core {report['axe']}: {len(urls)} pages x {len(SCHEMES)} schemes "
        f"in {seconds:.1f} s ({cpu:.1f} s of CPU)"
    )
    return report


def _describe(found: list[dict], limit: int = 40) -> str:
    by_rule: dict[str, int] = {}
    for f in found:
        by_rule[f["rule"]] = by_rule.get(f["rule"], 0) + 1
    lines = [f"{len(found)} violations ({', '.join(f'{r}: {n}' for r, n in by_rule.items())}):"]
    lines += [
        f"  {f['page']}  {f['rule']}  {f['selector']}  -- {f['summary']}" for f in found[:limit]
    ]
    if len(found) > limit:
        lines.append(f"  ... and {len(found) - limit} more in test-artifacts/axe.json")
    return "\n".join(lines)


@pytest.mark.parametrize("preference", list(SCHEMES))
def test_every_page_passes_wcag21_aa(axe_report, preference):
    found = axe_report["findings"][preference]
    assert not found, f"{preference} scheme: " + _describe(found)


def test_every_page_was_audited_in_both_schemes(axe_report):
    assert axe_report["not_audited"] == {}


# No transition or finite animation still running (an endless one, a spinner, never settles).
SETTLED = """() => document.getAnimations().every(
  a => a.playState !== "running" || a.effect.getComputedTiming().iterations === Infinity)"""


@pytest.mark.parametrize("preference", list(SCHEMES))
def test_open_search_passes(published_site, preference):
    """The search dialog open with results, which the page audit never shows."""
    context = published_site.new_context(color_scheme=preference)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.goto(published_site.url())
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("retry", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=20_000)
    # The dialog fades in over 0.4 s; results can arrive sooner. axe-core blends a fading element's
    # colours with the page behind, so it would measure a moment, not what the reader sees.
    page.wait_for_function(SETTLED, timeout=5_000)
    page.evaluate(RUN_AXE, TAGS)
    result = page.evaluate("() => window.__hbAxe")
    context.close()
    assert result["scheme"] == SCHEMES[preference]
    found = [
        {"page": "/latest/ (search open)", "rule": v["rule"], **n}
        for v in result["violations"]
        for n in v["nodes"]
    ]
    assert not found, f"{preference} scheme: " + _describe(found)
