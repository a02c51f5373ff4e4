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
from crawl import edition_pages, load_side_by_side

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The CSS media preference each context emulates -> Material's scheme name on <body>.
SCHEMES = {"light": "default", "dark": "slate"}
MISSING_PAGE = "no-such-page/"  # any address that is not a page: nginx answers with the 404 page

# Known violations tolerated for now, each with where it gets fixed. Remove an entry as soon as
# the fix is in: the test then fails if the violation comes back. Keep this the only exception.
# - label: the checklist checkboxes get their accessible name from hb-checklist.js.
PENDING_FIXES = [
    ("label", '.task-list-control > input[type="checkbox"]'),
]

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
        summary: (n.failureSummary || "").split("\\n").slice(1, 3).join(" ").replace(/\\s+/g, " ").trim(),
      })),
    })),
  }))
}"""


def _pending(rule: str, selector: str) -> bool:
    return any(rule == r and part in selector for r, part in PENDING_FIXES)


@pytest.fixture(scope="module")
def axe_report(published_site, artifacts_dir: Path) -> dict:
    """Audit every page in both schemes once; findings per scheme, and what the run took."""
    assert AXE.exists(), f"{AXE} is missing: run `make install`"
    site = published_site
    paths = edition_pages(site.site_dir / "latest")
    urls = [site.url(p) for p in paths] + [site.url(MISSING_PAGE)]
    old = site.editions[0]
    urls += [site.url("", edition=old), site.url("security/cors/", edition=old)]

    pages = {}
    for preference in SCHEMES:
        context = site.new_context(color_scheme=preference)
        context.add_init_script(path=str(AXE))
        pages[preference] = context.new_page()

    findings: dict[str, list[dict]] = {p: [] for p in SCHEMES}
    start = time.monotonic()
    for url in urls:
        load_side_by_side(list(pages.values()), [url] * len(pages))
        for page in pages.values():  # start every audit before waiting for any
            page.evaluate(RUN_AXE, TAGS)
        for preference, page in pages.items():
            result = page.evaluate("() => window.__hbAxe")
            where = url.removeprefix(site.base_url)
            if result["scheme"] != SCHEMES[preference]:
                findings[preference].append({
                    "page": where, "rule": "(scheme)", "selector": "body",
                    "summary": f"shows scheme {result['scheme']!r}, not {SCHEMES[preference]!r}",
                })
            for violation in result["violations"]:
                for node in violation["nodes"]:
                    findings[preference].append({"page": where, "rule": violation["rule"],
                                                 **node})
    seconds = time.monotonic() - start
    for page in pages.values():
        page.context.close()

    report = {"axe": json.loads((AXE.parent / "package.json").read_text())["version"],
              "tags": TAGS, "pages": len(urls), "schemes": list(SCHEMES),
              "seconds": round(seconds, 1), "findings": findings}
    (artifacts_dir / "axe.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"\naxe-core {report['axe']}: {len(urls)} pages x {len(SCHEMES)} schemes "
          f"in {seconds:.1f} s")
    return report


def _describe(found: list[dict], limit: int = 40) -> str:
    by_rule: dict[str, int] = {}
    for f in found:
        by_rule[f["rule"]] = by_rule.get(f["rule"], 0) + 1
    lines = [f"{len(found)} violations ({', '.join(f'{r}: {n}' for r, n in by_rule.items())}):"]
    lines += [f"  {f['page']}  {f['rule']}  {f['selector']}  -- {f['summary']}"
              for f in found[:limit]]
    if len(found) > limit:
        lines.append(f"  ... and {len(found) - limit} more in test-artifacts/axe.json")
    return "\n".join(lines)


@pytest.mark.parametrize("preference", list(SCHEMES))
def test_every_page_passes_wcag21_aa(axe_report, preference):
    found = [f for f in axe_report["findings"][preference]
             if not _pending(f["rule"], f["selector"])]
    assert not found, f"{preference} scheme: " + _describe(found)


def test_pending_fixes_are_still_needed(axe_report):
    """An exception in PENDING_FIXES that matches nothing any more must be removed."""
    seen = {(f["rule"], part) for found in axe_report["findings"].values() for f in found
            for rule, part in PENDING_FIXES if f["rule"] == rule and part in f["selector"]}
    stale = [entry for entry in PENDING_FIXES if entry not in seen]
    assert not stale, f"fixed now, remove from PENDING_FIXES: {stale}"


def test_palette_toggle_switches_scheme_and_stays_clean(published_site):
    """Material's own toggle (not only the media preference) gives an audited scheme."""
    context = published_site.new_context(color_scheme="light")
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.goto(published_site.url("security/cors/"))
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    page.locator("label.md-header__button[for='__palette_1']").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.evaluate(RUN_AXE, TAGS)
    result = page.evaluate("() => window.__hbAxe")
    context.close()
    found = [{"page": "security/cors/", "rule": v["rule"], **n}
             for v in result["violations"] for n in v["nodes"]]
    assert not found, "after the palette toggle: " + _describe(found)
