// Debounce: run an expensive handler once, after the input has been quiet for `delay` ms.
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";

// --8<-- [start:debounce]
export const debounce = (func, delay) => {
  let timeoutId;
  return (...args) => {
    clearTimeout(timeoutId);
    timeoutId = setTimeout(() => func(...args), delay);
  };
};
// --8<-- [end:debounce]

const searches = [];
const search = debounce((query) => searches.push(query), 30);
for (const prefix of ["h", "ha", "han", "hand"]) search(prefix); // four keystrokes
await sleep(60);
assert.deepEqual(searches, ["hand"]); // one request, with the last value

search("handbook");
await sleep(10);
search("handbooks");
await sleep(60);
assert.deepEqual(searches, ["hand", "handbooks"]);
