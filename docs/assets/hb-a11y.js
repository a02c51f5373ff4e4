/* Accessible names and keyboard access that Material's own markup lacks (Material 9.8).
   Each fix below is for an element Material renders, so it finds Material's elements rather than
   data-hb-* ones; tests/browser/test_axe.py (axe-core) and the Lighthouse run check the result.
   Written by hand because no setting of Material adds these attributes. */
(function () {
  "use strict";

  /* Material: the instant-navigation progress bar has role="progressbar" and no name. */
  function nameProgressBar() {
    var bar = document.querySelector("[data-md-component=progress][role=progressbar]");
    if (bar && !bar.hasAttribute("aria-label")) bar.setAttribute("aria-label", "Loading page");
  }

  /* Material: the search box is a role="dialog" with no name; it takes its input's label. */
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (!dialog || dialog.hasAttribute("aria-label")) return;
    var input = dialog.querySelector("input[aria-label]");
    dialog.setAttribute("aria-label", input ? input.getAttribute("aria-label") : "Search");
  }

  /* Material: the version button is labelled "Select version" while it shows "2026.02 latest";
     a spoken command ("click 2026.02") must match the label, so the label starts with the text. */
  function labelVersionButton(button) {
    var shown = button.textContent.replace(/\s+/g, " ").trim();
    var label = button.getAttribute("aria-label") || "";
    if (!shown || label.indexOf(shown) === 0) return;
    button.setAttribute("aria-label", shown + ": " + (label || "select version"));
  }

  function watchVersionButton() {
    var topic = document.querySelector(".md-header__inner");
    if (!topic) return;
    var apply = function () {
      var button = topic.querySelector(".md-version__current");
      if (button) labelVersionButton(button);
    };
    apply(); // Material renders the selector once versions.json has arrived
    new MutationObserver(apply).observe(topic, { childList: true, subtree: true });
  }

  /* Material wraps tables in a sideways-scrolling box that a keyboard cannot reach; a box that
     overflows becomes focusable (WCAG 2.1.1), and stops being so when the page is wide enough. */
  function focusableScrollBoxes() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap");
    if (!boxes.length) return;
    var update = function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Table, scrolls sideways");
      } else if (box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    };
    var observer = typeof ResizeObserver === "function"
      ? new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { update(entry.target); });
      })
      : null;
    Array.prototype.forEach.call(boxes, function (box) {
      update(box);
      if (observer) observer.observe(box);
    });
  }

  var headerDone = false;
  function mount() {
    if (!headerDone) { // the header and the progress bar survive instant navigation
      headerDone = true;
      nameProgressBar();
      nameSearchDialog();
      watchVersionButton();
    }
    focusableScrollBoxes();
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(mount);
  } else {
    document.addEventListener("DOMContentLoaded", mount);
  }
})();
