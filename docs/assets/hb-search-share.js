/* Search share link: copy the link of the query as typed now. Material's share button copies the
   link of the previous keystroke and leaves "+" unescaped, so "N+1" would reopen as "N 1". */
(function () {
  "use strict";

  function shareUrl(query) {
    var url = new URL(window.location.href);
    url.hash = "";
    url.search = "";
    url.searchParams.set("q", query); // URLSearchParams writes spaces as "+" and "+" as %2B
    return url.href;
  }

  function mount() {
    var share = document.querySelector("[data-md-component=search-share]");
    var input = document.querySelector("[data-md-component=search-query]");
    if (!share || !input || share.hasAttribute("data-hb-share-fixed")) return;
    share.setAttribute("data-hb-share-fixed", "");
    // Capture phase: runs before the clipboard handler Material delegates from the document.
    share.addEventListener("click", function () {
      var href = shareUrl(input.value);
      share.setAttribute("data-clipboard-text", href);
      share.href = href;
    }, true);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(mount);
  } else {
    document.addEventListener("DOMContentLoaded", mount);
  }
})();
