/* Search answered from the handbook's index: point Material at the handbook's search worker.

   Material reads its page configuration (the JSON in #__config) once, when its bundle starts;
   this file runs just before, from the `config` block of overrides/main.html, and swaps the
   worker Material documents as the search extension point (`search`) for hb-search-worker.js,
   passing Material's own worker along for sites without the index (`mkdocs serve`). A page built
   by another engine (Zensical reads the same mkdocs.yml and overrides) keeps its own search: the
   worker speaks Material's protocol, so it is swapped in only where Material generated the page. */
(function () {
  "use strict";
  var script = document.currentScript;
  var el = document.getElementById("__config");
  var generator = document.querySelector("meta[name=generator]");
  if (!script || !el || !generator || !/mkdocs-material-/.test(generator.content)) return;
  var config;
  try {
    config = JSON.parse(el.textContent);
  } catch (err) {
    return;
  }
  if (!config.search || config.search.indexOf("hb-search-worker") !== -1) return;
  /* On the 404 page MkDocs writes the base as an absolute path without its final slash
     ("/2026.11"): Material resolves "search/search_index.json" against it and fetches
     /search/search_index.json, outside the edition, so its search never starts there. */
  if (/^\/.*[^/]$/.test(config.base || "")) config.base += "/"; /* pages keep "." and ".." */
  var worker = new URL("hb-search-worker.js", script.src);
  worker.searchParams.set("material", new URL(config.search, document.baseURI).href);
  /* A search opened from its address starts in the worker at once (hb-search-worker.js); with
     it, Material asks for the worker hb-search-early.js already started for that address. */
  var opened = new URLSearchParams(location.search).get("q");
  if (opened) worker.searchParams.set("q", opened);
  config.search = worker.href;
  el.textContent = JSON.stringify(config);
})();
