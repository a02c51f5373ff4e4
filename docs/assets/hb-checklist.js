/* Checklist pages: ticks saved in this browser per page and item, progress, reset with undo,
   copy as Markdown and share links. Works on pages whose title has data-hb-checklist. */
(() => {
  const KEY = "hb-checklist:";
  const PARAM = "hb-ticked";
  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  // Same rule as derive_id() in scripts/handbook/checklists.py (a browser test compares them).
  const slug = (s) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, " ").trim().split(" ").slice(0, 8).join("-");
  const squash = (s) => s.replace(/\s+/g, " ").trim();

  // Site root of this edition and the published site_url, fixed at first load: the script runs
  // once, while instant navigation swaps pages under it.
  const cfg = document.getElementById("__config");
  const root = new URL(`${cfg ? JSON.parse(cfg.textContent).base : "."}/`, location.href);
  const first = location.pathname.slice(root.pathname.length);
  const canon = document.querySelector("link[rel=canonical]");
  const site = canon && canon.href.endsWith(first)
    ? canon.href.slice(0, canon.href.length - first.length) : root.href;

  const abs = (a) => {
    const u = new URL(a.getAttribute("href"), location.href);
    if (u.origin !== location.origin || !u.pathname.startsWith(root.pathname)) return u.href;
    return `${site}latest/${u.pathname.slice(root.pathname.length)}${u.hash}`;
  };

  // Inline HTML back to the Markdown it came from (text, links, code, emphasis), or plain text.
  const md = (node, plain) => [...node.childNodes].map((n) => {
    if (n.nodeType === 3) return n.data;
    if (n.nodeType !== 1 || n.matches("label, .headerlink, .hb-count")) return "";
    const inner = md(n, plain);
    if (plain) return inner;
    if (n.tagName === "A") return `[${inner}](${abs(n)})`;
    if (n.tagName === "CODE") return `\`${n.textContent}\``;
    if (n.tagName === "STRONG") return `**${inner}**`;
    if (n.tagName === "EM") return `_${inner}_`;
    return inner;
  }).join("");

  const el = (tag, cls, text, attrs = {}) => {
    const e = document.createElement(tag);
    e.className = cls;
    if (text) e.textContent = text;
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  };

  function mount() {
    const h1 = document.querySelector("h1[data-hb-checklist]");
    if (!h1 || h1.dataset.hbMounted) return;
    h1.dataset.hbMounted = "";
    const article = h1.closest("article") || document.body;
    const page = location.pathname.slice(root.pathname.length);
    const recorded = h1.dataset.hbChecklist === "recorded";

    const groups = [];
    let group = { h: null, items: [] };
    for (const n of article.querySelectorAll("h2, li.task-list-item")) {
      if (n.tagName === "H2") {
        groups.push(group);
        group = { h: n, items: [] };
        continue;
      }
      const box = n.querySelector("input[type=checkbox]");
      if (!box) continue;
      n.dataset.hbItem = n.id || slug(md(n, true));
      for (const a of n.querySelectorAll("a[href]")) a.dataset.hbUrl = abs(a);
      group.items.push({ li: n, box, id: n.dataset.hbItem });
    }
    groups.push(group);
    const used = groups.filter((g) => g.items.length);
    const items = used.flatMap((g) => g.items);
    const ids = new Set(items.map((i) => i.id));

    const meter = el("progress", "hb-meter", "", { max: items.length, "aria-hidden": "true" });
    const count = el("span", "hb-count");
    const bar = el("div", "hb-checklist-bar", "", { "data-hb-bar": "" });
    bar.append(meter, count);
    for (const g of used) {
      if (g.h) g.count = g.h.insertBefore(el("span", "hb-count"), g.h.querySelector(".headerlink"));
    }
    h1.after(bar);

    const refresh = () => {
      const done = items.filter((i) => i.box.checked).length;
      meter.value = done;
      count.textContent = `${done} / ${items.length}`;
      for (const g of used) {
        if (g.count) g.count.textContent = `${g.items.filter((i) => i.box.checked).length} / ${g.items.length}`;
      }
    };
    if (recorded) {
      count.textContent = "";
      bar.prepend(el("span", "hb-note", "Recorded state:"));
      refresh();
      return;
    }

    const key = KEY + page;
    const load = () => {
      const raw = localStorage.getItem(key);
      if (raw === null) return new Set();
      try {
        const v = JSON.parse(raw);
        if (v && v.v === 1 && Array.isArray(v.ticked) && v.ticked.every((x) => typeof x === "string")) {
          return new Set(v.ticked.filter((x) => ids.has(x)));
        }
      } catch (e) { /* reported below */ }
      console.warn(`hb-checklist: ignoring unreadable saved ticks in localStorage["${key}"]`);
      return new Set();
    };
    const ticked = () => new Set(items.filter((i) => i.box.checked).map((i) => i.id));
    const save = () => {
      try {
        localStorage.setItem(key, JSON.stringify({ v: 1, ticked: [...ticked()] }));
      } catch (e) {
        console.warn("hb-checklist: could not save ticks", e);
      }
    };
    const show = (set) => {
      for (const i of items) i.box.checked = set.has(i.id);
      refresh();
    };

    let shared = null;
    const param = new URLSearchParams(location.search).get(PARAM);
    if (param !== null) {
      const list = param ? param.split(",") : [];
      if (list.every((x) => ID.test(x) && ids.has(x))) shared = new Set(list);
      else console.warn("hb-checklist: ignoring a share link that names items this page does not have");
    }

    const status = el("span", "hb-status", "", { role: "status" });
    const button = (text, onclick, hidden) => {
      const b = el("button", "hb-btn", text, { type: "button" });
      b.onclick = onclick;
      b.hidden = !!hidden;
      return b;
    };
    const say = (text) => { status.textContent = text; };
    const dropParam = () => {
      const u = new URL(location.href);
      u.searchParams.delete(PARAM);
      history.replaceState(history.state, "", u.href);
      banner.hidden = true;
      shared = null;
    };
    const copy = (text, done) => navigator.clipboard.writeText(text)
      .then(() => say(done), () => say("Copying was refused by the browser."));

    let before = null;
    const undo = button("Undo", () => {
      show(before);
      if (!shared) save();
      undo.hidden = true;
      say("Ticks restored.");
    }, true);
    const reset = button("Reset", () => {
      before = ticked();
      show(new Set());
      if (!shared) save();
      undo.hidden = false;
      say("All unticked.");
    });
    const asMarkdown = button("Copy as Markdown", () => {
      const parts = [`## [${squash(md(h1, true))}](${site}latest/${page})`];
      for (const g of used) {
        if (g.h) parts.push(`### ${squash(md(g.h, true))}`);
        parts.push(g.items.map((i) => `- [${i.box.checked ? "x" : " "}] ${squash(md(i.li))}`).join("\n"));
      }
      copy(`${parts.join("\n\n")}\n`, "Copied as a Markdown task list.");
    });
    const share = button("Share link", () => {
      const u = new URL(location.href);
      u.hash = "";
      u.searchParams.set(PARAM, [...ticked()].join(","));
      copy(u.href, "Link with these ticks copied.");
    });
    bar.append(reset, undo, asMarkdown, share, status);

    const banner = el("div", "hb-shared", "", { "data-hb-shared": "", role: "region", "aria-label": "Shared ticks" });
    banner.append(
      el("span", "", "You are looking at ticks from a shared link; your own are unchanged. "),
      button("Keep these as mine", () => { save(); dropParam(); say("Saved as your ticks."); }),
      button("Back to mine", () => { show(load()); dropParam(); say("Showing your ticks."); }),
    );
    banner.hidden = !shared;
    bar.after(banner);

    for (const i of items) {
      i.box.disabled = false;
      i.box.addEventListener("change", () => {
        undo.hidden = true;
        if (!shared) save();
        refresh();
      });
    }
    show(shared || load());
  }

  if (typeof document$ !== "undefined") document$.subscribe(mount);
  else mount();
})();
