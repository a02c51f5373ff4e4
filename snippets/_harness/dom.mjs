// Runs a `*.dom.js` snippet inside a jsdom window: `window`, `document`, `localStorage` and the
// usual DOM classes are globals, the way they are for browser code mounted by the handbook.
import { JSDOM } from "jsdom";
import { pathToFileURL } from "node:url";

const file = process.argv[2];
if (!file) {
  console.error("usage: node dom.mjs SNIPPET.dom.js");
  process.exit(2);
}
const dom = new JSDOM("<!doctype html><html><head></head><body></body></html>", {
  url: "http://127.0.0.1/",
  pretendToBeVisual: true,
});
const { window } = dom;
const globals = [
  "window", "document", "localStorage", "sessionStorage", "navigator", "location", "history",
  "HTMLElement", "Element", "Node", "Event", "CustomEvent", "KeyboardEvent", "MouseEvent",
  "MutationObserver", "DOMParser", "getComputedStyle", "requestAnimationFrame",
  "cancelAnimationFrame",
];
for (const name of globals) {
  const value = name === "window" ? window : window[name];
  Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
}
await import(pathToFileURL(file).href);
