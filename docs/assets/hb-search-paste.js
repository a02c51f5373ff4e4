/* Search as soon as text arrives in the search box, however it arrives. Material re-runs the
   search on `keyup` only, so a query pasted with the mouse, dropped, or pasted with a phone's
   long-press left "Type to start searching" until another key was pressed. On every `input`
   event this replays a `keyup` on the box; Material ignores a value it has already searched. */
(function () {
  "use strict";

  function mount() {
    var input = document.querySelector("[data-md-component=search-query]");
    if (!input || input.hasAttribute("data-hb-search-paste")) return;
    input.setAttribute("data-hb-search-paste", "");
    input.addEventListener("input", function (ev) {
      if (ev.isComposing) return; /* an IME is still composing the word */
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(mount);
  } else {
    document.addEventListener("DOMContentLoaded", mount);
  }
})();
