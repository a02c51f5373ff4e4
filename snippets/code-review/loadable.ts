// Every remote value is in exactly one state, and the compiler makes the UI handle all four.

// --8<-- [start:types]
export interface Device {
  id: number;
  name: string;
  serialNumber: string;
}

export type Loadable<T> =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; data: T };

export function describe(state: Loadable<Device[]>): string {
  switch (state.status) {
    case "idle":
      return "";
    case "loading":
      return "Loading devices…";
    case "error":
      return `Could not load devices: ${state.message}`;
    case "ready":
      return state.data.length === 0 ? "No devices yet" : `${state.data.length} devices`;
    default: {
      const unhandled: never = state; // a new state that is not handled fails to compile
      return unhandled;
    }
  }
}
// --8<-- [end:types]

// --8<-- [start:refused]
export function countWhileLoading(): number {
  const loading: Loadable<Device[]> = { status: "loading" };
  // @ts-expect-error: there is no data while loading, and the compiler says so
  return loading.data.length;
}
// --8<-- [end:refused]

// Run by node after the type check: each state renders its text, and the line the compiler
// refused really fails at runtime.
import assert from "node:assert/strict";

assert.equal(describe({ status: "idle" }), "");
assert.equal(describe({ status: "loading" }), "Loading devices…");
assert.equal(describe({ status: "error", message: "timeout" }), "Could not load devices: timeout");
assert.equal(describe({ status: "ready", data: [] }), "No devices yet");
const lobby: Device = { id: 1, name: "Lobby", serialNumber: "SN-1" };
assert.equal(describe({ status: "ready", data: [lobby, { ...lobby, id: 2 }] }), "2 devices");
assert.throws(countWhileLoading, TypeError);
