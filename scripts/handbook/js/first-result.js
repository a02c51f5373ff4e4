// Installed before any page script: records when the first search result is in the page, how
// many there are, and when DOMContentLoaded started (for "after DOMContentLoaded").
window.__hbFirst = null;
new MutationObserver((m, o) => {
  if (document.querySelector(".md-search-result__item")) {
    window.__hbFirst = performance.now();
    window.__hbCount = document.querySelectorAll(".md-search-result__item").length;
    window.__hbDomContentLoaded =
      performance.getEntriesByType("navigation")[0]?.domContentLoadedEventStart ?? null;
    o.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
