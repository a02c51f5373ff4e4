/* Checklist pages: ticks saved in this browser per page and item, progress, reset with undo,
   copy as Markdown and share links. Works on pages whose title has data-hb-checklist. */
(() => {
  const KEY = "hb-checklist:";
  const PARAM = "hb-ticked";
  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const SHORT = /^[0-9a-z]{4}$/;

  // Same rules as derive_id() and short_id() in scripts/handbook/checklists.py (a browser test
  // compares them). An item's id is a 4-character hash of its first words, so a share link
  // with every item ticked stays short, and ids survive items added, removed or reordered.
  const words = (s) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, " ").trim().split(" ").slice(0, 8).join("-");
  // FNV-1a, written out because crypto.subtle exists only in secure contexts and the handbook
  // is often read over plain HTTP on an intranet host.
  const shortId = (slug) => {
    let h = 0x811c9dc5;
    for (const c of slug) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
    return (h % 1679616).toString(36).padStart(4, "0");
  };
  const squash = (s) => s.replace(/\s+/g, " ").trim();

  // Where copied links point: the site_url (from the canonical link, which mike writes with the
  // edition number) plus the edition in the address being read, `latest/` or `2026.01/`; a
  // build that is not published as an edition links to `latest/`. Fixed at first load: the
  // script runs once while instant navigation swaps pages under it.
  const cfgNode = document.getElementById("__config");
  const cfg = cfgNode ? JSON.parse(cfgNode.textContent) : {};
  const root = new URL(String(cfg.base || ".").replace(/\/?$/, "/"), location.href);
  const first = location.pathname.slice(root.pathname.length);
  const canon = document.querySelector("link[rel=canonical]");
  const canonRoot = canon && canon.href.endsWith(first)
    ? canon.href.slice(0, canon.href.length - first.length) : root.href;
  const segment = root.pathname.split("/").filter(Boolean).pop() || "";
  const versioned = Boolean(cfg.version && segment);
  const site = versioned ? new URL("../", canonRoot).href : canonRoot;
  const edition = versioned ? segment : "latest";

  const abs = (href) => {
    const u = new URL(href, location.href);
    if (u.origin !== location.origin || !u.pathname.startsWith(root.pathname)) return u.href;
    return `${site}${edition}/${u.pathname.slice(root.pathname.length)}${u.hash}`;
  };

  // Inline HTML back to the Markdown it came from (text, links, code, emphasis), or plain text.
  const md = (node, plain) => [...node.childNodes].map((n) => {
    if (n.nodeType === 3) return n.data;
    if (n.nodeType !== 1 || n.matches(".task-list-control, .headerlink, .hb-count, .hb-guide")) {
      return "";
    }
    const inner = md(n, plain);
    if (plain) return inner;
    const href = n.dataset.hbHref || (n.tagName === "A" && n.getAttribute("href"));
    if (href) return `[${inner}](${abs(href)})`;
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

  // The item's text becomes the label of its box: the box gets the text as its accessible name,
  // and a click or tap on the text ticks it. The item's first handbook link moves out of the
  // text into a "Guide" link at the end of the row (space reserved by the CSS), so a tap meant
  // to tick does not open a page; the text keeps the link's address for copying and printing.
  const enhance = (li, box, id, interactive) => {
    box.id = `hb-box-${id}`;
    const text = el("label", "hb-text", "", { for: box.id });
    text.append(...[...li.childNodes].filter((n) => !(n.nodeType === 1
      && n.matches(".task-list-control, ul, ol"))));
    li.append(text);
    for (const a of text.querySelectorAll("a[href]")) a.dataset.hbUrl = abs(a.getAttribute("href"));
    // The first link into the handbook (an item may also cite another site).
    const link = interactive && [...text.querySelectorAll("a[href]")]
      .find((a) => new URL(a.getAttribute("href"), location.href).origin === location.origin);
    if (!link) return;
    const guide = el("a", "hb-guide", "Guide", {
      href: link.getAttribute("href"),
      "aria-label": `Guide: ${squash(link.textContent)}`,
      "data-hb-url": link.dataset.hbUrl,
    });
    // A span, not an `<a>` without href: a link that goes nowhere is no link (crawlable-anchors).
    const ref = el("span", "hb-ref", "", {
      "data-hb-href": link.getAttribute("href"),
      "data-hb-url": link.dataset.hbUrl,
    });
    ref.append(...link.childNodes);
    link.replaceWith(ref);
    li.append(guide);
  };

  function mount() {
    const h1 = document.querySelector("h1[data-hb-checklist]");
    if (!h1 || h1.dataset.hbMounted !== undefined) return;
    h1.dataset.hbMounted = "";
    const article = h1.closest("article") || document.body;
    const page = location.pathname.slice(root.pathname.length);
    const recorded = h1.dataset.hbChecklist === "recorded";

    const groups = [];
    let group = { h: null, items: [] };
    const legacy = new Map(); // ids of earlier editions (the first words) -> today's ids
    for (const n of article.querySelectorAll("h2, li.task-list-item")) {
      if (n.tagName === "H2") {
        groups.push(group);
        group = { h: n, items: [] };
        continue;
      }
      const box = n.querySelector("input[type=checkbox]");
      if (!box) continue;
      const slug = words(md(n, true));
      const id = n.id || shortId(slug);
      legacy.set(slug, id);
      n.dataset.hbItem = id;
      enhance(n, box, id, !recorded);
      group.items.push({ li: n, box, id });
    }
    groups.push(group);
    const used = groups.filter((g) => g.items.length);
    const items = used.flatMap((g) => g.items);
    const ids = new Set(items.map((i) => i.id));
    const known = (x) => (ids.has(x) ? x : legacy.get(x));

    const meter = el("progress", "hb-meter", "", { max: items.length, "aria-hidden": "true" });
    const count = el("span", "hb-count");
    const row = el("div", "hb-bar-row");
    const bar = el("div", "hb-checklist-bar", "", {
      "data-hb-bar": "", role: "region", "aria-label": "Checklist progress and actions",
    });
    row.append(meter, count);
    bar.append(row);
    for (const g of used) {
      if (g.h) g.count = g.h.insertBefore(el("span", "hb-count"), g.h.querySelector(".headerlink"));
    }
    // At the end of the article and sticky at the bottom of the screen: reachable on long lists,
    // and inserting it moves nothing the reader is looking at.
    article.append(bar);

    const refresh = () => {
      const done = items.filter((i) => i.box.checked).length;
      meter.value = done;
      count.textContent = `${done} / ${items.length}`;
      for (const g of used) {
        if (g.count) g.count.textContent = `${g.items.filter((i) => i.box.checked).length} / ${g.items.length}`;
      }
    };
    if (recorded) {
      row.prepend(el("span", "hb-note", "Recorded state:"));
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
          return new Set(v.ticked.map(known).filter(Boolean));
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

    // Share links name each ticked item by 4 characters, end to end: its id, or for an id the
    // page gives an item of its own (`{ #db-backed-up }`) the same hash of that id. A list
    // with "," holds the word ids of earlier editions.
    const token = (id) => (SHORT.test(id) ? id : shortId(id));
    const byToken = new Map(items.map((i) => [token(i.id), i.id]));
    const encode = (set) => [...set].map(token).join("");
    let shared = null;
    const param = new URLSearchParams(location.search).get(PARAM);
    if (param !== null) {
      const legacyList = param.includes(",");
      const list = legacyList ? param.split(",") : param.match(/.{4}/g) || [];
      if ((legacyList ? list.every((x) => ID.test(x)) : /^(?:[0-9a-z]{4})*$/.test(param))) {
        shared = new Set(list.map((x) => (legacyList ? known(x) : byToken.get(x))).filter(Boolean));
        if (shared.size < list.length) {
          console.warn("hb-checklist: a share link names items this edition does not have; they are left out");
        }
      } else {
        console.warn("hb-checklist: ignoring a share link that is not a list of item ids");
      }
    }

    const status = el("span", "hb-status", "", { role: "status" });
    const manual = el("textarea", "hb-manual", "", {
      "data-hb-manual-copy": "", readonly: "", rows: "6", "aria-label": "Text to copy",
    });
    manual.hidden = true;
    manual.addEventListener("keydown", (e) => {
      if (e.key === "Escape") manual.hidden = true;
    });
    const say = (text) => { status.textContent = text; };
    const button = (text, onclick, hidden) => {
      const b = el("button", "hb-btn", text, { type: "button" });
      b.addEventListener("click", (e) => {
        manual.hidden = true;
        onclick(e);
      });
      b.hidden = !!hidden;
      return b;
    };
    const dropParam = () => {
      const u = new URL(location.href);
      u.searchParams.delete(PARAM);
      history.replaceState(history.state, "", u.href);
      banner.hidden = true;
      shared = null;
    };

    // Copying goes through Material's clipboard integration (clipboard.js, bound to every
    // [data-clipboard-text] element): it copies with a selection and the copy command, which
    // needs no secure context, where navigator.clipboard is missing. Its handler runs after
    // ours in the same click, so the text is set here and the outcome read just after.
    const copy = (trigger, text, done) => {
      let copied = false;
      const seen = () => { copied = true; };
      document.addEventListener("copy", seen);
      trigger.setAttribute("data-clipboard-text", text);
      setTimeout(() => {
        document.removeEventListener("copy", seen);
        trigger.removeAttribute("data-clipboard-text");
        if (copied) { say(done); return; }
        const byHand = () => {
          manual.value = text;
          manual.hidden = false;
          manual.focus();
          manual.select();
          say("This browser did not let the page copy: the text is selected below, copy it with Ctrl+C (⌘C on a Mac).");
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(() => say(done), byHand);
        } else {
          byHand();
        }
      }, 0);
    };

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
    const asMarkdown = button("Copy as Markdown", (e) => {
      const parts = [`## [${squash(md(h1, true))}](${site}${edition}/${page})`];
      for (const g of used) {
        if (g.h) parts.push(`### ${squash(md(g.h, true))}`);
        parts.push(g.items.map((i) => `- [${i.box.checked ? "x" : " "}] ${squash(md(i.li))}`).join("\n"));
      }
      copy(e.currentTarget, `${parts.join("\n\n")}\n`, "Copied as a Markdown task list.");
    });
    const share = button("Share link", (e) => {
      const u = new URL(location.href);
      u.hash = "";
      u.searchParams.set(PARAM, encode(ticked()));
      copy(e.currentTarget, u.href, "Link with these ticks copied.");
    });
    row.append(reset, undo, asMarkdown, share);

    const banner = el("div", "hb-shared", "", { "data-hb-shared": "", role: "region", "aria-label": "Shared ticks" });
    banner.append(
      el("span", "", "You are looking at ticks from a shared link; your own are unchanged. "),
      button("Keep these as mine", () => { save(); dropParam(); say("Saved as your ticks."); }),
      button("Back to mine", () => { show(load()); dropParam(); say("Showing your ticks."); }),
    );
    banner.hidden = !shared;
    bar.prepend(banner);
    bar.append(status, manual);

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
