"""An end-to-end test: a real browser (Debian Chromium via Playwright) against a served page."""

import functools
import http.server
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

PAGE = """<!doctype html><html lang="en"><title>New device</title>
<form data-hb-device-form>
  <label>Serial number <input name="serial" required></label>
  <button>Create</button>
</form>
<p role="status"></p>
<script>
  document.querySelector("[data-hb-device-form]").addEventListener("submit", (e) => {
    e.preventDefault();
    const serial = new FormData(e.target).get("serial");
    document.querySelector("[role=status]").textContent = `Device ${serial} created`;
  });
</script></html>"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


with tempfile.TemporaryDirectory() as root:
    Path(root, "index.html").write_text(PAGE)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"

    # --8<-- [start:e2e]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(url)
        page.get_by_role("button", name="Create").click()  # empty form: the browser refuses
        expect(page.get_by_role("status")).to_have_text("")
        page.get_by_label("Serial number").fill("SN-42")
        page.get_by_role("button", name="Create").click()
        expect(page.get_by_role("status")).to_have_text("Device SN-42 created")
        browser.close()
    # --8<-- [end:e2e]
    server.shutdown()
