// API client: one place that talks to the backend, turns failures into ApiError, and times out.
// Checked against a real HTTP server on 127.0.0.1 started by the test below.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";

// --8<-- [start:client]
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = "ApiError";
    this.status = status; // 0 when the request never got an answer
    this.code = code;
  }
}

export class ApiClient {
  constructor(baseUrl, { fetchImpl = globalThis.fetch, timeoutMs = 10_000 } = {}) {
    this.baseUrl = baseUrl;
    this.fetch = fetchImpl;
    this.timeoutMs = timeoutMs;
    this.accessToken = null; // kept in memory, not in localStorage (see safe rendering)
  }

  async request(method, path, body) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (this.accessToken) headers.Authorization = `Bearer ${this.accessToken}`;
    let response;
    try {
      response = await this.fetch(new URL(path, this.baseUrl), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (cause) {
      const timedOut = cause.name === "TimeoutError";
      throw new ApiError(0, timedOut ? "timeout" : "network",
        timedOut ? "The server took too long to answer." : "Cannot reach the server.");
    }
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      // The backend's error envelope: {"error": {"code": ..., "message": ...}}
      const error = data?.error ?? {};
      throw new ApiError(response.status, error.code ?? "http_error",
        error.message ?? `Request failed (${response.status}).`);
    }
    return data;
  }

  async login(email, password) {
    const session = await this.request("POST", "/api/auth/login", { email, password });
    this.accessToken = session.access_token;
    return session.user;
  }
}
// --8<-- [end:client]

// A tiny backend for the checks: one good login, an error envelope, a slow route.
export function startTestServer() {
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => { raw += chunk; });
    req.on("end", () => {
      const send = (status, body) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.url === "/api/auth/login") {
        const { email, password } = JSON.parse(raw || "{}");
        if (email === "ada@example.com" && password === "Str0ng!pass") {
          return send(200, { access_token: "t-123", user: { email, name: "Ada" } });
        }
        return send(401, { error: { code: "bad_credentials", message: "Wrong e-mail or password." } });
      }
      if (req.url === "/api/me") {
        return req.headers.authorization === "Bearer t-123"
          ? send(200, { name: "Ada" })
          : send(401, { error: { code: "unauthenticated", message: "Log in first." } });
      }
      if (req.url === "/api/admin") {
        return send(403, { error: { code: "forbidden", message: "Admins only." } });
      }
      if (req.url === "/api/slow") return setTimeout(() => send(200, {}), 1500);
      if (req.url === "/api/broken") return send(500, "not an envelope");
      return send(404, { error: { code: "not_found", message: "No such route." } });
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({ server, url: `http://127.0.0.1:${server.address().port}` });
    });
  });
}

async function check() {
  const { server, url } = await startTestServer();
  try {
    // The default timeout for the checks that must not time out, even on a loaded machine;
    // a short one only where the timeout itself is under test.
    const api = new ApiClient(url);
    const impatient = new ApiClient(url, { timeoutMs: 200 });
    await assert.rejects(api.request("GET", "/api/me"), { status: 401, code: "unauthenticated" });
    assert.deepEqual(await api.login("ada@example.com", "Str0ng!pass"), {
      email: "ada@example.com", name: "Ada",
    });
    assert.deepEqual(await api.request("GET", "/api/me"), { name: "Ada" }); // token sent
    await assert.rejects(api.login("ada@example.com", "wrong"), {
      name: "ApiError", status: 401, message: "Wrong e-mail or password.",
    });
    await assert.rejects(api.request("GET", "/api/broken"), {
      status: 500, code: "http_error", message: "Request failed (500).",
    });
    await assert.rejects(impatient.request("GET", "/api/slow"), { status: 0, code: "timeout" });
  } finally {
    server.close();
  }
  const offline = new ApiClient("http://127.0.0.1:9/");
  await assert.rejects(offline.request("GET", "/api/me"), { status: 0, code: "network" });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await check();
