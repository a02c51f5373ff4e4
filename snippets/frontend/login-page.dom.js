// A page component that builds its own DOM, wires its own events and shows errors to the user.
// Runs in jsdom against the real ApiClient and a real HTTP server on 127.0.0.1.
import assert from "node:assert/strict";
import { ApiClient, startTestServer } from "./api-client.js";

// --8<-- [start:component]
// One function per page: it receives what it needs (no globals) and returns how to clean up.
export function mountLoginPage(root, { api, onLoggedIn }) {
  root.innerHTML = `
    <form class="auth-container" novalidate>
      <label>E-mail <input name="email" type="email" required></label>
      <label>Password <input name="password" type="password" required></label>
      <p class="auth-error" role="alert" hidden></p>
      <button type="submit">Log in</button>
    </form>`; // static markup only: no user data goes through innerHTML
  const form = root.querySelector("form");
  const errorBox = root.querySelector(".auth-error");
  const button = root.querySelector("button");

  // --8<-- [start:error-handling]
  async function onSubmit(event) {
    event.preventDefault();
    errorBox.hidden = true;
    button.disabled = true; // no double submit while waiting
    try {
      const user = await api.login(form.elements.email.value, form.elements.password.value);
      onLoggedIn(user);
    } catch (error) {
      errorBox.textContent = error.message || "Login failed."; // textContent: never HTML
      errorBox.hidden = false;
    } finally {
      button.disabled = false;
    }
  }
  // --8<-- [end:error-handling]

  form.addEventListener("submit", onSubmit);
  return () => {
    form.removeEventListener("submit", onSubmit);
    root.replaceChildren();
  };
}
// --8<-- [end:component]

// --8<-- [start:test]
const { server, url } = await startTestServer();
try {
  const root = document.createElement("main");
  document.body.append(root);
  const loggedIn = [];
  const unmount = mountLoginPage(root, {
    api: new ApiClient(url),
    onLoggedIn: (user) => loggedIn.push(user.name),
  });
  const form = root.querySelector("form");
  const submit = async (email, password) => {
    form.elements.email.value = email;
    form.elements.password.value = password;
    form.requestSubmit(); // the handler disables the button until the request has finished
    const button = form.querySelector("button");
    assert.equal(button.disabled, true);
    for (let waited = 0; button.disabled; waited += 5) {
      assert.ok(waited < 5000, "the login request did not finish");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  await submit("ada@example.com", "wrong");
  const errorBox = root.querySelector('[role="alert"]');
  assert.equal(errorBox.hidden, false);
  assert.equal(errorBox.textContent, "Wrong e-mail or password."); // the server's message
  assert.deepEqual(loggedIn, []);

  await submit("ada@example.com", "Str0ng!pass");
  assert.equal(errorBox.hidden, true);
  assert.deepEqual(loggedIn, ["Ada"]);

  unmount();
  assert.equal(root.children.length, 0);
} finally {
  server.close();
}
// --8<-- [end:test]
