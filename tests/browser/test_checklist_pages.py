"""Interactive checklist pages in Debian Chromium: ticks, progress, reset, copy, share links.

Runs against the built site; $HB_CHECKLISTS_SITE points at a build of your own.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from handbook import checklists as cl
from handbook.project import Project

pytestmark = pytest.mark.browser

PROJECT = Project.from_root(Path(__file__).resolve().parents[2])
PAGES = {c.name: c for c in cl.load_checklists(PROJECT.docs_dir)}
SITE_URL = PROJECT.site_url
KEY = "hb-checklist:checklists/code-review/"
BOXES = "li[data-hb-item] input[type=checkbox]"


@pytest.fixture(scope="module")
def base(request: pytest.FixtureRequest) -> str:
    """Base URL of the site under test, served on loopback."""
    own = os.environ.get("HB_CHECKLISTS_SITE")
    if not own:
        yield request.getfixturevalue("site_url")
        return
    from conftest import serve_directory

    server, url = serve_directory(Path(own))
    yield url
    server.shutdown()


@pytest.fixture
def warnings(page) -> list[str]:
    seen: list[str] = []
    page.on("console", lambda m: seen.append(m.text) if m.type == "warning" else None)
    return seen


def open_page(page, base: str, name: str = "code-review", query: str = ""):
    page.goto(f"{base}/checklists/{name}/{query}")
    page.wait_for_selector("[data-hb-bar]")
    return page


def ids_on(page) -> list[str]:
    return page.eval_on_selector_all("li[data-hb-item]", "els => els.map(e => e.dataset.hbItem)")


def ticked_on(page) -> list[str]:
    return page.eval_on_selector_all(
        "li[data-hb-item]",
        "els => els.filter(e => e.querySelector('input').checked).map(e => e.dataset.hbItem)",
    )


def saved(page) -> object:
    raw = page.evaluate(f"localStorage.getItem({json.dumps(KEY)})")
    return None if raw is None else json.loads(raw)


def tick(page, index: int) -> None:
    page.locator("li[data-hb-item] .task-list-control").nth(index).click()


def test_browser_ids_equal_the_export_ids(page, base) -> None:
    for name, checklist in PAGES.items():
        open_page(page, base, name)
        assert ids_on(page) == [i.id for i in checklist.items], name


@pytest.fixture
def site_host_page(browser, request: pytest.FixtureRequest):
    """A page on http://<site_url host>/, answered from the built site by request routing.

    Material's instant navigation only follows links whose address matches its sitemap, which
    holds site_url's host (and no port), so a loopback server on a random port cannot show it.
    """
    own = os.environ.get("HB_CHECKLISTS_SITE")
    site = Path(own) if own else request.getfixturevalue("built_site")
    origin = f"http://{urlsplit(SITE_URL).hostname}"

    def answer(route) -> None:
        path = site / urlsplit(route.request.url).path.lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            route.fulfill(path=str(path))
        else:
            route.fulfill(status=404, body="not found")

    context = browser.new_context()
    context.route(f"{origin}/**", answer)
    yield context.new_page(), origin
    context.close()


def test_tick_progress_reload_and_instant_navigation(site_host_page) -> None:
    page, base = site_host_page
    items = PAGES["code-review"].items
    open_page(page, base)
    bar = page.locator("[data-hb-bar] .hb-count")
    assert bar.text_content() == f"0 / {len(items)}"
    tick(page, 0)
    tick(page, 5)
    assert bar.text_content() == f"2 / {len(items)}"
    group = page.locator("h2#conventions .hb-count")
    assert group.text_content() == "1 / 4"
    assert saved(page) == {"v": 1, "ticked": [items[0].id, items[5].id]}
    page.reload()
    page.wait_for_selector("[data-hb-bar]")
    assert ticked_on(page) == [items[0].id, items[5].id]
    # Instant navigation: away to another checklist and back, without a full page load.
    page.wait_for_load_state("networkidle")
    page.evaluate("window.hbNoReload = true")
    page.locator("a[href$='maintenance/']").first.click()
    page.wait_for_url("**/checklists/maintenance/")
    page.wait_for_selector("h1#maintenance ~ [data-hb-bar]")
    assert page.locator("[data-hb-bar] .hb-count").text_content() == "0 / 25"
    tick(page, 1)
    page.go_back()
    page.wait_for_url("**/checklists/code-review/")
    page.wait_for_selector("h1#code-review ~ [data-hb-bar]")
    assert page.evaluate("window.hbNoReload") is True, "instant navigation reloaded the page"
    assert ticked_on(page) == [items[0].id, items[5].id]
    assert page.locator("[data-hb-bar] .hb-count").text_content() == f"2 / {len(items)}"
    raw = page.evaluate("localStorage.getItem('hb-checklist:checklists/maintenance/')")
    assert json.loads(raw)["ticked"] == [PAGES["maintenance"].items[1].id]


def test_removed_items_are_dropped_and_new_ones_unticked(page, base) -> None:
    items = PAGES["code-review"].items
    open_page(page, base)
    stored = json.dumps({"v": 1, "ticked": ["an-item-that-was-removed", items[2].id]})
    page.evaluate(f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(stored)})")
    page.reload()
    page.wait_for_selector("[data-hb-bar]")
    assert ticked_on(page) == [items[2].id]
    tick(page, 3)
    assert saved(page) == {"v": 1, "ticked": [items[2].id, items[3].id]}


def test_reset_and_undo(page, base) -> None:
    open_page(page, base)
    tick(page, 1)
    tick(page, 2)
    before = ticked_on(page)
    page.get_by_role("button", name="Reset").click()
    assert ticked_on(page) == [] and saved(page)["ticked"] == []
    page.get_by_role("button", name="Undo").click()
    assert ticked_on(page) == before and saved(page)["ticked"] == before
    assert page.get_by_role("button", name="Undo").is_hidden()


def test_copy_as_markdown_equals_the_export(page, base) -> None:
    checklist = PAGES["production-readiness"]
    open_page(page, base, "production-readiness")
    tick(page, 0)
    tick(page, 13)
    page.get_by_role("button", name="Copy as Markdown").click()
    page.wait_for_selector(".hb-status:text('Copied')")
    text = page.evaluate("navigator.clipboard.readText()")
    wanted = {checklist.items[0].id, checklist.items[13].id}
    assert text == cl.render_markdown(PROJECT, checklist, wanted)
    assert f"]({SITE_URL}latest/testing/" in text


def test_share_link_round_trip_keeps_own_state_until_keep(page, base, browser) -> None:
    items = PAGES["code-review"].items
    open_page(page, base)
    tick(page, 4)
    tick(page, 7)
    page.get_by_role("button", name="Share link").click()
    page.wait_for_selector(".hb-status:text('copied')")
    link = page.evaluate("navigator.clipboard.readText()")
    assert parse_qs(urlsplit(link).query)["hb-ticked"] == [f"{items[4].id}{items[7].id}"]

    other = browser.new_context()
    reader = other.new_page()
    try:
        open_page(reader, base)
        tick(reader, 0)  # the reader's own saved state
        reader.goto(link)
        reader.wait_for_selector("[data-hb-shared]:not([hidden])")
        assert ticked_on(reader) == [items[4].id, items[7].id]
        tick(reader, 9)  # changes while viewing a shared link are not saved
        assert saved(reader)["ticked"] == [items[0].id]
        reader.get_by_role("button", name="Back to mine").click()
        assert ticked_on(reader) == [items[0].id]
        assert "hb-ticked" not in reader.url
        reader.goto(link)
        reader.wait_for_selector("[data-hb-shared]:not([hidden])")
        reader.get_by_role("button", name="Keep these as mine").click()
        assert saved(reader)["ticked"] == [items[4].id, items[7].id]
        reader.reload()
        reader.wait_for_selector("[data-hb-bar]")
        assert ticked_on(reader) == [items[4].id, items[7].id]
    finally:
        other.close()


@pytest.mark.parametrize(
    "value",
    ["{not json", '{"v": 1, "ticked": [1, 2]}', '"just a string"', '{"v": 99, "ticked": []}'],
)
def test_corrupt_or_foreign_storage_is_ignored(page, base, warnings, value) -> None:
    open_page(page, base)
    page.evaluate(f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(value)})")
    page.reload()
    page.wait_for_selector("[data-hb-bar]")
    assert ticked_on(page) == []
    assert any("ignoring unreadable saved ticks" in w for w in warnings)
    tick(page, 0)
    assert saved(page)["v"] == 1


def test_tampered_share_url_injects_nothing(page, base, warnings) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    payload = "<img src=x onerror=alert(1)>"
    # The share link is handled (and refused) once this warning is out: wait for it, not a time.
    with page.expect_console_message(lambda m: "ignoring a share link" in m.text):
        page.goto(f"{base}/checklists/code-review/?hb-ticked={payload}")
    page.wait_for_selector("[data-hb-bar]")
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("[onerror]").count() == 0
    assert (
        page.evaluate(
            "[...document.querySelectorAll('body *')].some(e => "
            "[...e.childNodes].some(n => n.nodeType === 3 && "
            "n.data.includes('onerror')))"
        )
        is False
    )
    assert dialogs == []
    assert any("ignoring a share link" in w for w in warnings)
    assert page.locator("[data-hb-shared]").is_hidden() and ticked_on(page) == []


def test_keyboard_toggling(page, base) -> None:
    open_page(page, base)
    first = page.locator(BOXES).first
    first.focus()
    page.keyboard.press("Space")
    assert first.is_checked()
    page.keyboard.press("Tab")  # from the box to the item's link
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert not first.is_checked()
    reset = page.get_by_role("button", name="Reset")
    page.keyboard.press("Space")
    reset.focus()
    page.keyboard.press("Enter")
    assert ticked_on(page) == []


def test_recorded_status_page_is_read_only(page, base) -> None:
    checklist = PAGES["bizcard-status"]
    open_page(page, base, "bizcard-status")
    done = sum(i.checked for i in checklist.items)
    assert page.locator("[data-hb-bar] .hb-count").text_content() == (
        f"{done} / {len(checklist.items)}"
    )
    assert page.locator("[data-hb-bar] button").count() == 0
    assert page.locator(BOXES).evaluate_all("bs => bs.every(b => b.disabled)")
    page.locator("li[data-hb-item] .task-list-control").first.click(force=True)
    assert len(ticked_on(page)) == done
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('hb-'))") == []


def test_readable_without_javascript(browser, base) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(f"{base}/checklists/code-review/")
        assert pg.locator("[data-hb-bar]").count() == 0
        boxes = pg.locator("li.task-list-item input[type=checkbox]")
        assert boxes.count() == len(PAGES["code-review"].items)
        assert pg.locator("li.task-list-item a[href]").count() >= boxes.count()
    finally:
        context.close()


def test_phone_width_and_print(browser, base, artifacts_dir) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True)
    try:
        pg = context.new_page()
        open_page(pg, base)
        assert pg.evaluate("document.documentElement.scrollWidth") <= 360
        for button in pg.locator("[data-hb-bar] button:visible").all():
            box = button.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["height"] >= 32
        pg.locator("li[data-hb-item] .task-list-control").first.tap()
        assert len(ticked_on(pg)) == 1
        pg.emulate_media(media="print")
        after = pg.locator("li[data-hb-item] .hb-ref").first.evaluate(
            "a => getComputedStyle(a, '::after').content"
        )
        assert f"{SITE_URL}latest/" in after
        border = pg.locator("li[data-hb-item] .task-list-indicator").first.evaluate(
            "s => getComputedStyle(s, '::before').borderTopStyle"
        )
        assert border == "solid"
        assert pg.locator("[data-hb-bar] button").first.is_hidden()
        pg.screenshot(path=str(artifacts_dir / "checklist-print.png"), full_page=True)
    finally:
        context.close()


# WCAG contrast of an element's text against the page background, as the browser renders both.
CONTRAST_JS = """el => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92
      : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const fg = lum(getComputedStyle(el).color);
  const bg = lum(getComputedStyle(document.querySelector(".md-main")).backgroundColor
    .startsWith("rgba(0, 0, 0, 0)") ? getComputedStyle(document.body).backgroundColor
    : getComputedStyle(document.querySelector(".md-main")).backgroundColor);
  return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_colour_scheme_keeps_the_bar_readable(page, base, artifacts_dir, scheme) -> None:
    page.emulate_media(color_scheme=scheme)
    open_page(page, base, "production-readiness")
    tick(page, 0)
    tick(page, 2)
    want = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == want
    bar = page.locator("[data-hb-bar]")
    assert bar.locator(".hb-count").text_content().startswith("2 / ")
    for element in (bar.locator(".hb-count"), bar.locator("button").first):
        ratio = element.evaluate(CONTRAST_JS)
        assert ratio >= 4.5, f"{scheme}: contrast {ratio:.2f} of {element} below WCAG AA"
    page.screenshot(path=str(artifacts_dir / f"checklist-{scheme}.png"), full_page=False)


def test_ticks_and_share_links_of_earlier_editions_still_apply(page, base) -> None:
    """Earlier editions named items by their first words; those names map to today's ids."""
    items = PAGES["code-review"].items
    old = [cl.derive_id(items[1].text), cl.derive_id(items[6].text)]
    open_page(page, base)
    page.evaluate(
        f"localStorage.setItem({json.dumps(KEY)}, "
        f"{json.dumps(json.dumps({'v': 1, 'ticked': old}))})"
    )
    page.reload()
    page.wait_for_selector("[data-hb-bar]")
    assert ticked_on(page) == [items[1].id, items[6].id]
    tick(page, 0)
    assert saved(page)["ticked"] == [items[0].id, items[1].id, items[6].id]

    open_page(page, base, query=f"?hb-ticked={old[1]},{cl.derive_id(items[9].text)}")
    page.wait_for_selector("[data-hb-shared]:not([hidden])")
    assert ticked_on(page) == [items[6].id, items[9].id]


def test_every_link_left_in_the_items_is_crawlable(page, base) -> None:
    """Moving an item's link out of its text must not leave an `<a>` without `href` behind
    (Lighthouse's SEO audit `crawlable-anchors`); the text keeps the address for copying."""
    open_page(page, base)
    assert page.locator("article a:not([href])").count() == 0
    assert page.locator("article .hb-ref[data-hb-href]").count() > 0
