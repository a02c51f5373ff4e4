// Animation and DOM updates that cost one frame or one mutation, not one per item.
import assert from "node:assert/strict";

// --8<-- [start:animation]
// requestAnimationFrame runs at the display's rate, pauses in background tabs, and can be stopped.
export function startAnimation(draw) {
  let frameId;
  const frame = (time) => {
    draw(time);
    frameId = requestAnimationFrame(frame);
  };
  frameId = requestAnimationFrame(frame);
  return () => cancelAnimationFrame(frameId);
}
// --8<-- [end:animation]

// --8<-- [start:batch]
// Build the rows off-document and insert them once, instead of touching the live DOM per row.
export function renderRows(list, items) {
  const fragment = document.createDocumentFragment();
  for (const item of items) {
    const row = document.createElement("li");
    row.textContent = item;
    fragment.append(row);
  }
  list.replaceChildren(fragment);
}
// --8<-- [end:batch]

// --8<-- [start:test]
let frames = 0;
const stop = startAnimation(() => { frames += 1; });
await new Promise((resolve) => setTimeout(resolve, 200));
stop();
const counted = frames;
assert.ok(counted >= 3, `expected several frames in 200 ms, got ${counted}`);
await new Promise((resolve) => setTimeout(resolve, 100));
assert.equal(frames, counted); // stopped means stopped

// Count what the live document sees: one mutation batch for the fragment, 100 for the loop.
const list = document.createElement("ul");
document.body.append(list);
const observer = new MutationObserver(() => {});
observer.observe(list, { childList: true });
const items = Array.from({ length: 100 }, (_, i) => `Device ${i}`);

renderRows(list, items);
assert.equal(observer.takeRecords().length, 1);
for (const item of items) { // the pattern to avoid
  const row = document.createElement("li");
  row.textContent = item;
  list.append(row);
}
assert.equal(observer.takeRecords().length, 100);
assert.equal(list.children.length, 200);
// --8<-- [end:test]
