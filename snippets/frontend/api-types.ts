// The API's request and response shapes as types: the compiler refuses a wrong field before
// the request is ever sent. Checked with `tsc --strict --noEmit`.

// --8<-- [start:types]
export interface User {
  email: string;
  name: string;
  role: "admin" | "driver" | "viewer";
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface LoginResponse {
  access_token: string;
  user: User;
}

/** The error envelope every endpoint returns with a 4xx or 5xx status. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { code?: unknown }).code === "string" &&
    typeof (error as { message?: unknown }).message === "string"
  );
}
// --8<-- [end:types]

// --8<-- [start:checks]
const request: LoginRequest = { email: "ada@example.com", password: "Str0ng!pass" };

// @ts-expect-error: a misspelled field is a compile error, not a 422 at runtime
const typo: LoginRequest = { emial: "ada@example.com", password: "x" };

// @ts-expect-error: "superuser" is not a role the API knows
const badRole: User = { email: "a@example.com", name: "A", role: "superuser" };

function messageOf(body: unknown): string {
  // Narrowing: after the guard, body.error.message is a string; before it, access fails.
  return isErrorBody(body) ? body.error.message : "Request failed.";
}

export const examples = { request, typo, badRole, messageOf };
// --8<-- [end:checks]

// Run by node after the type check: the guard accepts the envelope and nothing else.
import assert from "node:assert/strict";

assert.equal(isErrorBody({ error: { code: "NOT_FOUND", message: "Interview 7 not found" } }), true);
assert.equal(isErrorBody({ error: { code: 404 } }), false);
assert.equal(isErrorBody({ error: "Not found" }), false);
assert.equal(isErrorBody(null), false);
assert.equal(messageOf({ error: { code: "AUTH_ERROR", message: "Unauthorized" } }), "Unauthorized");
assert.equal(messageOf("<html>502 Bad Gateway</html>"), "Request failed.");
