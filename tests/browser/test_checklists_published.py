"""Checklist pages where the handbook is really published: two editions behind nginx, reached as
http://handbook.test/ (plain HTTP on a host name, so not a secure context; tests/published.py).

Copied Markdown, share links, the print view and the pull-request templates must link to pages
that exist; copying must work without navigator.clipboard; the boxes must be named, focusable
where it shows and visible enough; a phone must tick on a tap; the page must not shift.
"""

from __future__ import annotations

import io
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from handbook import checklists as cl
from handbook.project import Project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
PROJECT = Project.from_root(ROOT)
SITE_URL = PROJECT.site_url
PAGES = {c.name: c for c in cl.load_checklists(PROJECT.docs_dir)}
INTERACTIVE = [name for name, c in PAGES.items() if not c.recorded]
LONGEST = max(INTERACTIVE, key=lambda n: len(PAGES[n].items))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ITEMS = "li[data-hb-item]"
LINK = re.compile(r"\]\((https?://[^)\s]+)\)")


# --- helpers ------------------------------------------------------------------------------------


def open_checklist(page, site, name: str, edition: str = "latest", query: str = ""):
    page.goto(site.url(f"checklists/{name}/{query}", edition))
    page.wait_for_selector("[data-hb-bar]")
    return page


def tick_all(page) -> None:
    page.eval_on_selector_all(
        f"{ITEMS} input[type=checkbox]", "bs => bs.forEach(b => { if (!b.checked) b.click() })"
    )


def clipboard(site, context) -> str:
    """What the system clipboard holds, read from the same server as a secure context
    (http://127.0.0.1:<port>): handbook.test cannot read it back."""
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.direct_url)
    reader = context.new_page()
    try:
        reader.goto(site.direct_url + "/versions.json")
        return reader.evaluate("navigator.clipboard.readText()")
    finally:
        reader.close()


def copy_all_ticked(page, site, name: str, edition: str, button: str, status: str) -> str:
    """Open a checklist, tick every item, press `button` and return what it put on the clipboard."""
    open_checklist(page, site, name, edition)
    tick_all(page)
    page.get_by_role("button", name=button).click()
    page.wait_for_selector(f".hb-status:text('{status}')")
    return clipboard(site, page.context)


def to_fixture(site, url: str) -> str:
    """An address on the configured site_url, answered by the fixture's nginx instead."""
    assert url.startswith(SITE_URL) or url.startswith(site.base_url + "/"), url
    path = url[len(SITE_URL) - 1 :] if url.startswith(SITE_URL) else url[len(site.base_url) :]
    return site.direct_url + path


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        self.ids.update(v for k, v in attrs if k == "id" and v)


def handbook_links(site, urls: list[str]) -> list[str]:
    """The links into the handbook; links to other sites (OWASP, PyPI) stay as written."""
    return [u for u in urls if u.startswith((SITE_URL, site.base_url + "/"))]


def assert_links_exist(site, urls: list[str], where: str) -> None:
    """Every handbook address answers 200 from the published site and has its #anchor."""
    assert handbook_links(site, urls), f"{where}: no links"
    seen: dict[str, set[str]] = {}
    for url in handbook_links(site, urls):
        base, _, anchor = to_fixture(site, url).partition("#")
        if base not in seen:
            try:
                with urllib.request.urlopen(base, timeout=10) as response:  # loopback only
                    assert response.status == 200, f"{where}: {url} -> {response.status}"
                    parser = _Ids()
                    parser.feed(response.read().decode("utf-8", "replace"))
                    seen[base] = parser.ids
            except urllib.error.HTTPError as exc:
                pytest.fail(f"{where}: {url} -> {exc.code}")
        if anchor:
            assert anchor in seen[base], f"{where}: {url}: no #{anchor} on that page"


@pytest.fixture
def errors(published_page) -> list[str]:
    seen: list[str] = []
    published_page.on("pageerror", lambda e: seen.append(str(e)))
    return seen


# --- links that exist ---------------------------------------------------------------------------


@pytest.mark.parametrize("edition", ["latest", "2026.01"])
def test_copied_markdown_links_exist(published_site, published_page, errors, edition):
    page = published_page
    for name in INTERACTIVE:
        text = copy_all_ticked(page, published_site, name, edition, "Copy as Markdown", "Copied")
        links = LINK.findall(text)
        assert len(links) >= len(PAGES[name].items) + 1, (name, text)
        # The documented choice: links go to the edition of the page they were copied from.
        ours = handbook_links(published_site, links)
        assert ours and all(f"/{edition}/" in u for u in ours), (name, ours[:3])
        assert_links_exist(published_site, links, f"{edition} {name} copied Markdown")
    assert errors == []


@pytest.mark.parametrize("edition", ["latest", "2026.01"])
def test_copied_markdown_equals_the_export_for_that_edition(
    published_site, published_page, edition
):
    """From latest the copy is the pull-request template's list; from 2026.01 the same list
    with links into 2026.01."""
    page = published_page
    checklist = PAGES["code-review"]
    open_checklist(page, published_site, "code-review", edition)
    page.locator(f"{ITEMS} .task-list-control").nth(2).click()
    page.get_by_role("button", name="Copy as Markdown").click()
    page.wait_for_selector(".hb-status:text('Copied')")
    wanted = cl.render_markdown(PROJECT, checklist, {checklist.items[2].id}, edition)
    assert clipboard(published_site, page.context) == wanted


@pytest.mark.parametrize("edition", ["latest", "2026.01"])
def test_print_view_links_exist(published_site, published_page, edition):
    page = published_page
    for name in INTERACTIVE:
        open_checklist(page, published_site, name, edition)
        page.emulate_media(media="print")
        shown = page.eval_on_selector_all(
            f"{ITEMS} a, {ITEMS} .hb-ref",
            "as => as.map(a => getComputedStyle(a, '::after').content)"
            ".filter(c => c && c !== 'none')",
        )
        page.emulate_media(media="screen")
        urls = [m.group(1) for c in shown if (m := re.search(r"<(\S+)>", c))]
        assert len(urls) >= len(PAGES[name].items), (name, shown[:3])
        assert_links_exist(published_site, urls, f"{edition} {name} print view")


def test_pull_request_templates_link_pages_that_exist(published_site):
    github = ROOT / ".github"
    templates = [
        github / "pull_request_template.md",
        *sorted((github / "PULL_REQUEST_TEMPLATE").glob("*.md")),
    ]
    for template in templates:
        links = LINK.findall(template.read_text(encoding="utf-8"))
        assert_links_exist(published_site, links, template.relative_to(ROOT).as_posix())


@pytest.mark.parametrize("edition", ["latest", "2026.01"])
def test_share_link_with_everything_ticked_is_short_and_reopens(
    published_site, published_page, edition
):
    page = published_page
    longest = 0
    for name in INTERACTIVE:
        link = copy_all_ticked(page, published_site, name, edition, "Share link", "copied")
        assert link.startswith(published_site.url(f"checklists/{name}/", edition)), link
        longest = max(longest, len(link))
        assert len(link) <= 200, f"{name}: {len(link)} characters: {link}"
        assert_links_exist(published_site, [link], f"{edition} {name} share link")
        reader = published_site.new_page()
        reader.goto(link)
        reader.wait_for_selector("[data-hb-shared]:not([hidden])")
        ticked = reader.eval_on_selector_all(
            f"{ITEMS} input", "bs => bs.filter(b => b.checked).length"
        )
        assert ticked == len(PAGES[name].items), name
        reader.context.close()
    print(f"{edition}: longest share link with everything ticked: {longest} characters")


# --- clipboard without a secure context ---------------------------------------------------------


def test_copy_works_without_a_secure_context_and_says_so(published_site, published_page, errors):
    page = published_page
    open_checklist(page, published_site, "code-review")
    assert page.evaluate("window.isSecureContext") is False
    page.get_by_role("button", name="Share link").click()
    status = page.locator(".hb-status")
    status.wait_for(state="visible", timeout=5_000)
    assert "copied" in status.inner_text().lower()
    assert "hb-ticked=" in clipboard(published_site, page.context)
    assert errors == []


def test_when_copying_is_impossible_the_text_is_shown_selected(
    published_site, published_page, errors
):
    page = published_page
    # A browser that refuses every copy command (policy, old engine): nothing reaches the
    # clipboard, so the reader must be told and given the text to copy by hand.
    page.add_init_script("document.execCommand = () => false;")
    open_checklist(page, published_site, "security-review")
    page.get_by_role("button", name="Copy as Markdown").click()
    status = page.locator(".hb-status")
    status.wait_for(state="visible", timeout=5_000)
    assert "copied" not in status.inner_text().lower()
    manual = page.locator("[data-hb-manual-copy]")
    manual.wait_for(state="visible", timeout=5_000)
    wanted = cl.render_markdown(PROJECT, PAGES["security-review"], set())
    assert manual.input_value() == wanted
    assert page.evaluate(
        "document.activeElement === document.querySelector('[data-hb-manual-copy]')"
    )
    selected = page.evaluate(
        "(() => { const t = document.activeElement; "
        "return t.value.slice(t.selectionStart, t.selectionEnd) })()"
    )
    assert selected == wanted
    assert errors == []


# --- accessible names, focus, contrast ----------------------------------------------------------

# The checklist itself: its lists and its bar. The theme's header, search dialog and link colours
# are the whole site's, audited with every page.
CHECKLIST = {
    "include": [["article ul.task-list"], ["[data-hb-bar]"], ["article h1"], ["article h2"]]
}


def run_axe(page, rules: list[str] | None = None) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    options = {"runOnly": {"type": "rule", "values": rules}} if rules else {}
    result = page.evaluate("([ctx, opts]) => axe.run(ctx, opts)", [CHECKLIST, options])
    return [
        {
            "id": v["id"],
            "nodes": len(v["nodes"]),
            "help": v["help"],
            "first": v["nodes"][0]["target"],
        }
        for v in result["violations"]
    ]


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violation_on_checklist_pages(published_site, published_page, name):
    page = published_page
    open_checklist(page, published_site, name)
    assert run_axe(page, ["label"]) == []
    violations = run_axe(page)
    assert violations == [], violations
    names = page.eval_on_selector_all(
        f"{ITEMS} input",
        "bs => bs.map(b => b.labels ? [...b.labels].map(l => "
        "l.textContent).join(' ').replace(/\\s+/g, ' ').trim() : '')",
    )
    texts = [i.text for i in PAGES[name].items]
    assert [n.lower() for n in names] == [t.lower() for t in texts]


def _pixels(page, clip: dict):
    from PIL import Image

    shot = page.screenshot(clip=clip, animations="disabled", caret="hide")
    return Image.open(io.BytesIO(shot)).convert("RGB")


def _box_clip(page, index: int) -> dict:
    """The area where the item's checkbox is drawn: in the 2em left of the item, one line high
    (nothing of the item's text, whose letters would dominate a contrast measure)."""
    box = page.locator(ITEMS).nth(index).bounding_box()
    return {"x": max(box["x"] - 40, 0), "y": box["y"] - 6, "width": 39, "height": 36}


def _changed(a, b) -> int:
    return sum(
        1
        for p, q in zip(a.get_flattened_data(), b.get_flattened_data(), strict=True)
        if sum(abs(x - y) for x, y in zip(p, q, strict=True)) > 60
    )


def test_focus_is_visible_on_every_control(published_site, published_page):
    page = published_page
    page.set_viewport_size({"width": 1280, "height": 900})
    open_checklist(page, published_site, "code-review")
    page.mouse.move(0, 0)
    box = page.locator(f"{ITEMS} input").first
    controls = [("checkbox", box, _box_clip(page, 0))]
    for i, link in enumerate(page.locator(f"{ITEMS} a[href]").all()[:2]):
        controls.append((f"item link {i}", link, None))
    for button in page.locator("[data-hb-bar] button:visible").all():
        controls.append((button.inner_text(), button, None))
    for label, control, clip in controls:
        page.evaluate("document.activeElement && document.activeElement.blur()")
        if clip is None:
            b = control.bounding_box()
            clip = {
                "x": max(b["x"] - 6, 0),
                "y": b["y"] - 6,
                "width": b["width"] + 12,
                "height": b["height"] + 12,
            }
        before = _pixels(page, clip)
        control.focus()
        assert control.evaluate("e => e.matches(':focus-visible')"), label
        after = _pixels(page, clip)
        assert _changed(before, after) >= 20, f"{label}: focus draws nothing visible"


def _contrast(page, clip: dict) -> float:
    """Contrast of the box's most distinct pixel against the page background (axe-core's
    formula), from what Chromium actually painted: masks and transparency included."""
    img = _pixels(page, clip)
    colours = list(img.get_flattened_data())
    background = max(set(colours), key=colours.count)
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """([bg, fgs]) => {
             const C = axe.commons.color.Color;
             const b = new C(bg[0], bg[1], bg[2], 1);
             return Math.max(...fgs.map(f => axe.commons.color.getContrast(b,
                                                              new C(f[0], f[1], f[2], 1))));
           }""",
        [background, list(set(colours))],
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_unticked_and_ticked_boxes_reach_3_to_1(published_site, published_page, scheme):
    page = published_page
    page.emulate_media(color_scheme=scheme)
    open_checklist(page, published_site, "code-review")
    page.locator(f"{ITEMS} input").nth(1).evaluate("b => b.click()")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.mouse.move(0, 0)
    unticked = _contrast(page, _box_clip(page, 0))
    ticked = _contrast(page, _box_clip(page, 1))
    print(f"{scheme}: unticked {unticked:.2f}:1, ticked {ticked:.2f}:1")
    assert unticked >= 3.0 and ticked >= 3.0, (scheme, unticked, ticked)


# --- a phone --------------------------------------------------------------------------------

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "has_touch": True,
    "is_mobile": True,
    "device_scale_factor": 3,
}


def test_a_tap_on_the_item_text_ticks_it_and_the_link_stays_reachable(published_site):
    page = published_site.new_page(**PHONE)
    open_checklist(page, published_site, "code-review")
    url = page.url
    # The middle of the item's first word, wherever its markup puts it.
    point = page.locator(ITEMS).first.evaluate(
        """li => {
             const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
             for (let n = walker.nextNode(); n; n = walker.nextNode()) {
               if (!n.data.trim() || n.parentElement.closest('.task-list-control')) continue;
               const start = n.data.search(/\\S/);
               const range = document.createRange();
               range.setStart(n, start);
               range.setEnd(n, start + n.data.slice(start).search(/\\s|$/));
               const r = range.getBoundingClientRect();
               return {x: r.x + r.width / 2, y: r.y + r.height / 2};
             }
           }"""
    )
    page.touchscreen.tap(point["x"], point["y"])
    page.wait_for_timeout(300)
    assert page.url == url, "a tap on the item text opened a link"
    assert page.locator(f"{ITEMS} input").first.is_checked()

    link = page.locator(ITEMS).first.locator("a[href]").first
    assert link.is_visible()
    box = link.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box  # WCAG 2.5.8 target size
    assert link.inner_text().strip(), "the link has no visible text"
    target = link.evaluate("a => a.href")
    assert "review-process" in target
    link.tap()
    page.wait_for_url(target)
    page.context.close()


def test_progress_and_actions_stay_reachable_on_a_long_list(published_site):
    page = published_site.new_page(**PHONE)
    open_checklist(page, published_site, LONGEST)
    page.locator(ITEMS).last.scroll_into_view_if_needed()
    for selector in ("[data-hb-bar] .hb-count", "[data-hb-bar] button:text('Share link')"):
        element = page.locator(selector).first
        inside = element.evaluate(
            """e => { const r = e.getBoundingClientRect();
                      const x = r.x + r.width / 2, y = r.y + r.height / 2;
                      const hit = document.elementFromPoint(x, y);
                      return r.top >= 0 && r.bottom <= innerHeight
                             && (hit === e || e.contains(hit)) }"""
        )
        assert inside, f"{selector} is not reachable at the end of the list"
    page.context.close()


CLS = """
window.hbShift = 0;
new PerformanceObserver(list => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.hbShift += e.value;
}).observe({type: 'layout-shift', buffered: true});
"""


@pytest.mark.parametrize("name", [LONGEST, "code-review"])
def test_the_page_does_not_shift_when_the_script_mounts(published_site, name):
    context = published_site.new_context(**PHONE)
    context.add_init_script(CLS)
    page = context.new_page()
    # A phone as Lighthouse's mobile run sees it (150 ms round trips, 1.6 Mbit/s, a CPU 4 times
    # slower): the text is painted before the scripts at the end of the page have run.
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 150,
            "downloadThroughput": 1.6e6 / 8,
            "uploadThroughput": 0.75e6 / 8,
        },
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    open_checklist(page, published_site, name)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    shift = page.evaluate("window.hbShift")
    context.close()
    assert shift <= 0.02, f"cumulative layout shift {shift:.3f}"


# --- ids that survive editions --------------------------------------------------------------


def test_share_link_from_one_edition_opens_in_another_by_ids(published_site, published_page):
    page = published_page
    items = PAGES["code-review"].items
    open_checklist(page, published_site, "code-review", "2026.01")
    for i in (0, 3):
        page.locator(f"{ITEMS} input").nth(i).evaluate("b => b.click()")
    page.get_by_role("button", name="Share link").click()
    page.wait_for_selector(".hb-status:text('copied')")
    link = clipboard(published_site, page.context)
    query = urlsplit(link).query
    page.goto(published_site.url("checklists/code-review/?" + query))
    page.wait_for_selector("[data-hb-shared]:not([hidden])")
    ticked = page.eval_on_selector_all(
        ITEMS, "ls => ls.filter(l => l.querySelector('input').checked).map(l => l.dataset.hbItem)"
    )
    assert ticked == [items[0].id, items[3].id]
