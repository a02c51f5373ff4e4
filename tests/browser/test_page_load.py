"""What a page does before its first paint (Lighthouse's LCP and TBT, about/performance.md).

Read from the built pages, not timed: Lighthouse on the shared machine is measured by `make bench`.
- Chromium's parser works in slices of a few milliseconds and may paint between two slices. The
  first read of localStorage or sessionStorage opens them (10-15 ms on a phone). Done first by
  Material's inline scripts in the header, it ended the parser's slice there: the first paint
  showed the header alone, the text came after Material's bundle had run, and Lighthouse's
  simulated LCP (3.2 s) counted the bundle. overrides/main.html opens them at the top of <head>,
  while the browser waits for the stylesheets anyway.
- Every script file is deferred, Material's bundle included, so none runs between the text and
  its first paint. Loaded at once on a fast connection, the synchronous bundle ran as soon as the
  parser reached it, and Chromium painted only after it (Lighthouse's simulated first paint on a
  guide page: 1.6 s, 1.2 s deferred). Deferred scripts run in document order, so
  hb-search-config.js still edits Material's configuration before the bundle reads it, and the
  scripts after the bundle find document$.
- Material's palette component adds data-md-color-switching to <body> when it starts; added to a
  rendered page, the attribute makes Chromium compute every element's style again inside the
  start-up task (Lighthouse's blocking time). The page carries it from the start (main.html).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PAGES = ["index.html", "security/cors/index.html", "checklists/code-review/index.html"]
STORAGE = re.compile(r"\b(localStorage|sessionStorage)\b")
BUNDLE = re.compile(r"(^|/)assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")


class _Order(HTMLParser):
    """The page's stylesheets, inline scripts and external scripts, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str, dict[str, str | None]]] = []
        self._inline: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "stylesheet":
            self.events.append(("stylesheet", a.get("href") or "", a))
        elif tag == "script" and a.get("src"):
            self.events.append(("script", a["src"] or "", a))
        elif tag == "script" and a.get("type") in (None, "text/javascript"):
            self._inline = a

    def handle_data(self, data: str) -> None:
        if self._inline is not None:
            self.events.append(("inline", data, self._inline))
            self._inline = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inline = None


def _order(site: Path, page: str) -> list[tuple[str, str, dict[str, str | None]]]:
    parser = _Order()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser.events


@pytest.mark.parametrize("page", PAGES)
def test_storage_is_opened_before_the_stylesheets(built_site: Path, page: str) -> None:
    events = _order(built_site, page)
    kinds = [kind for kind, _, _ in events]
    assert "stylesheet" in kinds, f"{page}: no stylesheet"
    first_css = kinds.index("stylesheet")
    readers = [
        i for i, (kind, text, _) in enumerate(events) if kind == "inline" and STORAGE.search(text)
    ]
    assert readers, f"{page}: no inline script reads the reader's stored choices"
    assert readers[0] < first_css, (
        f"{page}: the first inline script naming localStorage/sessionStorage comes after the "
        f"stylesheets ({events[readers[0]][1][:80]!r}): its first read ends the parser's slice "
        "in the header and the first paint shows no text"
    )


@pytest.mark.parametrize("page", [*PAGES, "404.html"])
def test_script_files_are_deferred(built_site: Path, page: str) -> None:
    scripts = [(src, attrs) for kind, src, attrs in _order(built_site, page) if kind == "script"]
    assert any(BUNDLE.search(src) for src, _ in scripts), f"{page}: Material's bundle not found"
    blocking = [src for src, attrs in scripts if "defer" not in attrs and "async" not in attrs]
    assert not blocking, f"{page}: scripts run while the page is parsed, not deferred: {blocking}"


@pytest.mark.parametrize("page", [*PAGES, "404.html"])
def test_search_configuration_runs_before_the_bundle(built_site: Path, page: str) -> None:
    """Deferred scripts run in document order: the configuration edit must come first, and the
    scripts that subscribe to Material's document$ after the bundle."""
    order = [
        src.rsplit("/", 1)[-1] for kind, src, _ in _order(built_site, page) if kind == "script"
    ]
    bundle = next(i for i, name in enumerate(order) if name.startswith("bundle."))
    assert order.index("hb-search-config.js") < bundle, order
    assert all(
        order.index(n) > bundle for n in order if n.startswith("hb-") and n != "hb-search-config.js"
    ), order


# Every change of <body>'s data-md-color-switching, and whether Material's header existed then.
WATCH_SWITCHING = """
window.__hbSwitching = [];
new MutationObserver((records) => {
  for (const r of records) window.__hbSwitching.push({
    added: r.oldValue === null && r.target.hasAttribute("data-md-color-switching"),
    header: document.querySelector("header.md-header") !== null,
  });
}).observe(document, {attributes: true, attributeOldValue: true, subtree: true,
                      attributeFilter: ["data-md-color-switching"]});
"""


@pytest.mark.parametrize("path", ["security/cors/", "checklists/code-review/"])
def test_palette_start_does_not_restyle_a_rendered_page(page, site_url: str, path: str) -> None:
    page.add_init_script(WATCH_SWITCHING)
    page.goto(f"{site_url}/{path}")
    # Material removes the attribute once the scheme is applied: its palette has started.
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    changes = page.evaluate("window.__hbSwitching")
    late = [c for c in changes if c["added"] and c["header"]]
    assert not late, (
        f"{path}: data-md-color-switching was added to <body> after the header was rendered "
        f"({changes}); every element's style is computed again in Material's start-up task"
    )
