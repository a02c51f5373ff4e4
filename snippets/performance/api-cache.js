// A client-side cache with a time to live; the clock is injected so the test needs no waiting.
import assert from "node:assert/strict";

// --8<-- [start:cache]
export class ApiCache {
  constructor({ ttlMs = 5 * 60 * 1000, now = Date.now } = {}) {
    this.entries = new Map(); // key -> { value, expiresAt }
    this.ttlMs = ttlMs;
    this.now = now;
  }

  set(key, value, ttlMs = this.ttlMs) {
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
  }

  get(key) {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() >= entry.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }
}

// Fetch through the cache: concurrent callers of the same key share one request.
export function cachedFetch(cache, fetchJson) {
  return (url) => {
    const hit = cache.get(url);
    if (hit !== undefined) return hit;
    const pending = fetchJson(url).catch((error) => {
      cache.entries.delete(url); // never cache a failure
      throw error;
    });
    cache.set(url, pending);
    return pending;
  };
}
// --8<-- [end:cache]

let t = 0;
const cache = new ApiCache({ ttlMs: 1000, now: () => t });
cache.set("devices", ["D01"]);
assert.deepEqual(cache.get("devices"), ["D01"]);
t = 999;
assert.deepEqual(cache.get("devices"), ["D01"]);
t = 1000;
assert.equal(cache.get("devices"), undefined); // expired
assert.equal(cache.entries.size, 0); // and removed

// A cached null or 0 is still a hit: the original returned null for both "missing" and "null".
cache.set("count", 0);
assert.equal(cache.get("count"), 0);

const calls = [];
const fetchJson = async (url) => {
  calls.push(url);
  if (url === "/api/fail") throw new Error("503");
  return { url };
};
const get = cachedFetch(cache, fetchJson);
const [a, b] = await Promise.all([get("/api/routes"), get("/api/routes")]);
assert.deepEqual(a, b);
assert.deepEqual(calls, ["/api/routes"]); // one request for two callers
await assert.rejects(get("/api/fail"));
await assert.rejects(get("/api/fail"));
assert.equal(calls.filter((u) => u === "/api/fail").length, 2); // failure not cached
