/* Outdated-edition banner: point "Read the latest edition" at the same page in `latest`.
   The page may have moved or gone; a HEAD request tells, and the link stays on latest's home.
   The check runs only once Material shows the banner, so editions that are current cost nothing. */
(function () {
  "use strict";

  function retarget(link) {
    var root = new URL(link.getAttribute("data-hb-edition-root"), window.location.href);
    var latest = new URL("../latest/", root);
    var here = window.location.href.split("#")[0].split("?")[0];
    if (here.indexOf(root.href) !== 0 || root.href === latest.href) return;
    var samePage = new URL(here.slice(root.href.length), latest);
    link.setAttribute("data-hb-outdated-state", "checking");
    fetch(samePage.href, { method: "HEAD", cache: "no-store" })
      .then(function (response) {
        var found = response.ok;
        link.href = found ? samePage.href + window.location.hash : latest.href;
        link.setAttribute("data-hb-outdated-state", found ? "same-page" : "home");
        var label = link.querySelector("strong") || link;
        label.textContent = found
          ? "Read this page in the latest edition."
          : "This page is not in the latest edition: go to its home page.";
      })
      .catch(function () {
        link.setAttribute("data-hb-outdated-state", "home");
      });
  }

  function mount() {
    var link = document.querySelector("[data-hb-outdated-link]");
    if (!link) return;
    var banner = link.closest("[data-md-component=outdated]");
    if (!banner || !banner.hidden) {
      retarget(link);
      return;
    }
    // Material unhides the banner after it has read versions.json.
    var observer = new MutationObserver(function () {
      if (banner.hidden) return;
      observer.disconnect();
      retarget(link);
    });
    observer.observe(banner, { attributes: true, attributeFilter: ["hidden"] });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(mount);
  } else {
    document.addEventListener("DOMContentLoaded", mount);
  }
})();
