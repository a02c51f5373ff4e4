/* A search opened from its address (`?q=`, the link search.share copies) starts while the page is
   still parsed. Material starts its search worker when its bundle runs, after the whole page;
   inlined in the page head (overrides/main.html), this starts the handbook's worker at once and
   hands it to Material when Material asks for its search worker: the page's `Worker` constructor
   is wrapped until that one call. The worker says READY only once handed over, so none of its
   messages arrives before Material listens. Without `?q=`, on a page another engine built, or
   once Material runs (it keeps its worker across instant page loads), this does nothing. */
(function () {
  "use strict";
  var script = document.currentScript;
  var opened = new URLSearchParams(location.search).get("q");
  var generator = document.querySelector("meta[name=generator]");
  if (!opened || !script || !window.Worker || typeof document$ !== "undefined") return;
  if (!generator || !/mkdocs-material-/.test(generator.content)) return;

  var url = new URL(script.getAttribute("data-hb-search-worker"), document.baseURI);
  url.searchParams.set("q", opened);
  url.searchParams.set("early", "");
  var Native = window.Worker;
  var early = new Native(url.href);

  function Worker(address, options) {
    window.Worker = Native;
    var asked = new URL(String(address), document.baseURI);
    if (asked.pathname !== url.pathname || asked.searchParams.get("q") !== opened) {
      early.terminate();
      return new Native(address, options);
    }
    early.postMessage({ type: "hb-material", data: asked.searchParams.get("material") });
    return early;
  }
  Worker.prototype = Native.prototype;
  window.Worker = Worker;
})();
