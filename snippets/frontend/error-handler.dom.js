// Global error feedback: uncaught errors, unhandled rejections and failed requests all end in
// one place that tells the user something useful and reports the details.
import assert from "node:assert/strict";
import { startTestServer } from "./api-client.js";

// --8<-- [start:handler]
export class ErrorHandler {
  // Everything it talks to is passed in: the toast, the reporter, the page navigation.
  constructor({ notify, report, goToLogin }) {
    Object.assign(this, { notify, report, goToLogin });
    window.addEventListener("error", (event) =>
      this.handleError({ type: "javascript", message: event.message, error: event.error }));
    window.addEventListener("unhandledrejection", (event) =>
      this.handleError({ type: "promise", message: "Unhandled promise rejection",
        error: event.reason }));
  }

  // Wrap a fetch function instead of replacing window.fetch for every script on the page.
  wrapFetch(fetchImpl) {
    return async (url, init) => {
      let response;
      try {
        response = await fetchImpl(url, init);
      } catch (error) {
        this.notify("Cannot reach the server. Check your connection.");
        this.report({ type: "network", url: String(url), error });
        throw error; // the caller still decides what to do next
      }
      if (!response.ok) this.handleHttpError(response, url);
      return response;
    };
  }

  handleError(info) {
    this.notify("An unexpected error occurred. Please try again.");
    this.report(info);
  }

  handleHttpError(response, url) {
    if (response.status === 401) {
      this.goToLogin(); // session expired
    } else if (response.status === 403) {
      this.notify("You do not have permission to perform this action.");
    } else if (response.status >= 500) {
      this.notify("Server error. Please try again later.");
      this.report({ type: "http", status: response.status, url: String(url) });
    }
    // 4xx validation errors are shown by the form that sent the request.
  }
}
// --8<-- [end:handler]

// --8<-- [start:test]
const toasts = [];
const reports = [];
const redirects = [];
const handler = new ErrorHandler({
  notify: (message) => toasts.push(message),
  report: (info) => reports.push(info.type),
  goToLogin: () => redirects.push("/login"),
});

window.dispatchEvent(new window.ErrorEvent("error", { message: "x is not defined" }));
window.dispatchEvent(Object.assign(new Event("unhandledrejection"), { reason: new Error("boom") }));
assert.deepEqual(reports, ["javascript", "promise"]);

const { server, url } = await startTestServer();
try {
  const fetchWithFeedback = handler.wrapFetch(globalThis.fetch);
  toasts.length = 0;
  assert.equal((await fetchWithFeedback(`${url}/api/me`)).status, 401);
  assert.deepEqual(redirects, ["/login"]);
  await fetchWithFeedback(`${url}/api/admin`);
  await fetchWithFeedback(`${url}/api/broken`);
  await fetchWithFeedback(`${url}/api/nothing-here`); // 404: left to the caller
  assert.deepEqual(toasts, [
    "You do not have permission to perform this action.",
    "Server error. Please try again later.",
  ]);
} finally {
  server.close();
}
await assert.rejects(handler.wrapFetch(globalThis.fetch)("http://127.0.0.1:9/"), TypeError);
assert.equal(toasts.at(-1), "Cannot reach the server. Check your connection.");
assert.deepEqual(reports, ["javascript", "promise", "http", "network"]);
// --8<-- [end:test]
