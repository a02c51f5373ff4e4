// Installed before any page script: records when the first search result is in the page and how
// many there are. DOMContentLoaded is read afterwards from the navigation entry: the first result
// can come before it, when the entry still says 0.
window.__hbFirst = null;
new MutationObserver((m, o) => {
  if (document.querySelector(".md-search-result__item")) {
    window.__hbFirst = performance.now();
    window.__hbCount = document.querySelectorAll(".md-search-result__item").length;
    o.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
