// Lazy loading: images get their real src when they scroll into view; heavy modules load on use.
import assert from "node:assert/strict";

// jsdom has no IntersectionObserver (it does no layout); this stand-in lets the test say which
// elements became visible, and records what was observed.
class TestIntersectionObserver {
  static instances = [];
  constructor(callback) {
    this.callback = callback;
    this.targets = new Set();
    TestIntersectionObserver.instances.push(this);
  }
  observe(el) { this.targets.add(el); }
  unobserve(el) { this.targets.delete(el); }
  disconnect() { this.targets.clear(); }
  show(el) { this.callback([{ target: el, isIntersecting: true }], this); }
}
window.IntersectionObserver = TestIntersectionObserver;

// --8<-- [start:images]
export function lazyLoadImages(root = document) {
  const images = root.querySelectorAll("img[data-src]");
  if (images.length === 0) return null;
  const observer = new window.IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const img = entry.target;
      img.src = img.dataset.src;
      img.removeAttribute("data-src");
      observer.unobserve(img);
    }
  }, { rootMargin: "200px" }); // start loading a little before the image is visible
  images.forEach((img) => observer.observe(img));
  return observer;
}
// --8<-- [end:images]

// --8<-- [start:modules]
export async function loadComponent(importer, indicator) {
  indicator?.removeAttribute("hidden");
  indicator?.setAttribute("aria-busy", "true");
  try {
    const module = await importer(); // e.g. () => import("./components/route-map.js")
    return module.default;
  } finally {
    indicator?.setAttribute("hidden", "");
    indicator?.removeAttribute("aria-busy");
  }
}
// --8<-- [end:modules]

document.body.innerHTML = `
  <img alt="Cabinet A" data-src="/img/a.webp" width="320" height="240">
  <img alt="Cabinet B" data-src="/img/b.webp" width="320" height="240">
  <p data-hb-loading hidden>Loading…</p>`;
const observer = lazyLoadImages();
const [first, second] = document.querySelectorAll("img");
assert.equal(first.getAttribute("src"), null); // nothing downloaded up front
observer.show(first);
assert.equal(first.getAttribute("src"), "/img/a.webp");
assert.equal(first.hasAttribute("data-src"), false);
assert.equal(observer.targets.has(first), false); // stops watching once loaded
assert.equal(second.getAttribute("src"), null);

const indicator = document.querySelector("[data-hb-loading]");
const chart = await loadComponent(
  () => import("data:text/javascript,export default 'route-map'"), indicator);
assert.equal(chart, "route-map");
assert.equal(indicator.hidden, true); // hidden again after loading
await assert.rejects(loadComponent(() => Promise.reject(new Error("404")), indicator));
assert.equal(indicator.hidden, true); // and after a failure
