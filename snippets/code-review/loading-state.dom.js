// A list that shows loading, error, empty and ready states, and blocks double submission.
import assert from "node:assert/strict";

// --8<-- [start:render]
export async function loadInto(container, fetchDevices) {
  const button = container.querySelector("[data-hb-reload]");
  const status = container.querySelector("[role=status]");
  container.setAttribute("aria-busy", "true");
  button.disabled = true; // no second request while the first runs
  status.textContent = "Loading devices…";
  try {
    const devices = await fetchDevices();
    status.textContent = devices.length === 0 ? "No devices yet" : `${devices.length} devices`;
  } catch (error) {
    status.textContent = `Could not load devices: ${error.message}`;
  } finally {
    container.removeAttribute("aria-busy");
    button.disabled = false;
  }
}
// --8<-- [end:render]

document.body.innerHTML = `<section data-hb-devices>
  <button data-hb-reload>Reload</button><p role="status"></p></section>`;
const section = document.querySelector("[data-hb-devices]");
const status = section.querySelector("[role=status]");
const button = section.querySelector("[data-hb-reload]");

let release;
const pending = loadInto(section, () => new Promise((resolve) => { release = resolve; }));
assert.equal(status.textContent, "Loading devices…");
assert.equal(section.getAttribute("aria-busy"), "true");
assert.equal(button.disabled, true);
release([{ id: 1 }, { id: 2 }]);
await pending;
assert.equal(status.textContent, "2 devices");
assert.equal(button.disabled, false);
assert.equal(section.hasAttribute("aria-busy"), false);

await loadInto(section, async () => []);
assert.equal(status.textContent, "No devices yet");
await loadInto(section, async () => { throw new Error("503"); });
assert.equal(status.textContent, "Could not load devices: 503");
assert.equal(button.disabled, false);
