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
const loading: Loadable<Device[]> = { status: "loading" };
// @ts-expect-error: there is no data while loading, and the compiler says so
export const count = loading.data.length;
// --8<-- [end:refused]
