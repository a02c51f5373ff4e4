// State at the right scope: component state in the component, preferences in localStorage
// behind a small namespaced wrapper, and secrets in neither.
import assert from "node:assert/strict";

// --8<-- [start:component-state]
export class DeviceManager {
  constructor(root, api) {
    Object.assign(this, { root, api });
    this.state = { devices: [], loading: false, error: null, filters: {} };
  }

  setState(updates) {
    this.state = { ...this.state, ...updates }; // replace, never mutate: render sees a snapshot
    this.render();
  }

  async loadDevices() {
    this.setState({ loading: true, error: null });
    try {
      const devices = await this.api.getDevices(this.state.filters);
      this.setState({ devices, loading: false });
    } catch {
      this.setState({ loading: false, error: "Failed to load devices" });
    }
  }

  render() {
    const { devices, loading, error } = this.state;
    this.root.setAttribute("aria-busy", String(loading));
    const rows = devices.map((d) => Object.assign(document.createElement("li"), { textContent: d }));
    if (error) rows.push(Object.assign(document.createElement("li"), { textContent: error }));
    this.root.replaceChildren(...rows);
  }
}
// --8<-- [end:component-state]

// --8<-- [start:local-state]
const SENSITIVE = /token|password|secret|card/i;

export class LocalStateManager {
  constructor(namespace, storage = localStorage) {
    Object.assign(this, { namespace, storage });
  }

  get(key, fallback) {
    const raw = this.storage.getItem(`${this.namespace}:${key}`);
    if (raw === null) return fallback;
    try {
      return JSON.parse(raw);
    } catch {
      return fallback; // corrupted or written by an older version: do not crash the page
    }
  }

  set(key, value) {
    // Any script on the origin can read localStorage, so one XSS bug would leak it all.
    if (SENSITIVE.test(key)) throw new Error(`refusing to store "${key}" in localStorage`);
    try {
      this.storage.setItem(`${this.namespace}:${key}`, JSON.stringify(value));
    } catch {
      // Quota full or storage disabled (private mode): the preference just is not remembered.
    }
  }
}

export class AppState {
  constructor() {
    this.storage = new LocalStateManager("cvd-app");
  }

  getUserPreferences() {
    return {
      theme: this.storage.get("theme", "light"),
      pageSize: this.storage.get("pageSize", 50),
      language: this.storage.get("language", "en"),
    };
  }

  setUserPreference(key, value) {
    this.storage.set(key, value);
    if (key === "theme") document.body.dataset.theme = value; // no className overwrite
    if (key === "language") document.documentElement.lang = value;
  }
}
// --8<-- [end:local-state]

// --8<-- [start:test]
const list = document.createElement("ul");
const renders = [];
const manager = new DeviceManager(list, {
  getDevices: async () => (renders.length > 2 ? Promise.reject(new Error("500")) : ["VM-1", "VM-2"]),
});
const originalRender = manager.render.bind(manager);
manager.render = () => { renders.push(manager.state.loading); originalRender(); };
await manager.loadDevices();
assert.deepEqual(renders, [true, false]); // loading, then loaded
assert.deepEqual([...list.children].map((li) => li.textContent), ["VM-1", "VM-2"]);
await manager.loadDevices();
assert.equal(manager.state.error, "Failed to load devices");
assert.deepEqual(manager.state.devices, ["VM-1", "VM-2"]); // old data kept while erroring

const app = new AppState();
assert.deepEqual(app.getUserPreferences(), { theme: "light", pageSize: 50, language: "en" });
document.body.className = "has-sidebar";
app.setUserPreference("theme", "dark");
app.setUserPreference("pageSize", 100);
assert.equal(localStorage.getItem("cvd-app:pageSize"), "100");
assert.equal(new AppState().getUserPreferences().pageSize, 100); // survives a reload
assert.equal(document.body.className, "has-sidebar"); // other classes untouched
assert.equal(document.body.dataset.theme, "dark");

localStorage.setItem("cvd-app:language", "{not json");
assert.equal(app.getUserPreferences().language, "en");
assert.throws(() => app.storage.set("accessToken", "eyJ..."), /refusing to store "accessToken"/);
assert.equal(localStorage.getItem("cvd-app:accessToken"), null);
// --8<-- [end:test]
