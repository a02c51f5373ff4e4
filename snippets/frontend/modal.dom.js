// A reusable modal dialog: focus moves in and back, Escape and the backdrop close it,
// and the title and content can never inject markup.
import assert from "node:assert/strict";

// --8<-- [start:modal]
export class ModalComponent {
  constructor({ title = "Modal", size = "medium", content = null, closeOnOverlay = true } = {}) {
    this.options = { title, size, closeOnOverlay };
    this.isOpen = false;
    this.modal = this.createElement(content);
    this.bindEvents();
  }

  createElement(content) {
    const modal = document.createElement("div");
    modal.className = `modal modal-${this.options.size}`;
    modal.innerHTML = `
      <div class="modal-backdrop"></div>
      <div class="modal-container" role="dialog" aria-modal="true" aria-labelledby="modal-title">
        <div class="modal-header">
          <h3 id="modal-title" class="modal-title"></h3>
          <button class="modal-close" type="button" aria-label="Close">&times;</button>
        </div>
        <div class="modal-body"></div>
      </div>`; // fixed template; the variable parts are filled in below as text or nodes
    modal.querySelector(".modal-title").textContent = this.options.title;
    if (content) modal.querySelector(".modal-body").append(content);
    document.body.append(modal);
    return modal;
  }

  bindEvents() {
    this.modal.querySelector(".modal-close").addEventListener("click", () => this.close());
    if (this.options.closeOnOverlay) {
      this.modal.querySelector(".modal-backdrop").addEventListener("click", () => this.close());
    }
    this.escapeHandler = (event) => {
      if (event.key === "Escape" && this.isOpen) this.close();
    };
  }

  open() {
    this.returnFocus = document.activeElement; // where focus goes back on close
    this.modal.classList.add("active");
    this.isOpen = true;
    this.modal.querySelector("button, input, select, textarea, [tabindex]")?.focus();
    document.addEventListener("keydown", this.escapeHandler);
    this.emit("open");
  }

  close() {
    this.modal.classList.remove("active");
    this.isOpen = false;
    document.removeEventListener("keydown", this.escapeHandler);
    this.returnFocus?.focus();
    this.emit("close");
  }

  emit(name) {
    this.modal.dispatchEvent(new CustomEvent(`modal:${name}`));
  }
}
// --8<-- [end:modal]

// --8<-- [start:test]
const opener = document.createElement("button");
document.body.append(opener);
opener.focus();

const field = document.createElement("input");
const modal = new ModalComponent({ title: '<img src=x onerror="alert(1)">', content: field });
const events = [];
modal.modal.addEventListener("modal:open", () => events.push("open"));
modal.modal.addEventListener("modal:close", () => events.push("close"));

// The title is text, not markup.
assert.equal(modal.modal.querySelector("img"), null);
assert.equal(modal.modal.querySelector(".modal-title").textContent, '<img src=x onerror="alert(1)">');

modal.open();
assert.ok(modal.modal.classList.contains("active"));
assert.equal(document.activeElement, modal.modal.querySelector(".modal-close")); // focus moved in

document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
assert.equal(modal.isOpen, false);
assert.equal(document.activeElement, opener); // and back to where it was

modal.open();
modal.modal.querySelector(".modal-backdrop").click();
assert.equal(modal.isOpen, false);
document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" })); // listener removed
assert.deepEqual(events, ["open", "close", "open", "close"]);
// --8<-- [end:test]
