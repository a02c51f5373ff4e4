/* Search worker of the handbook: Material's search box, answered from the site's Pagefind index.

   Material starts the worker named by `search` in its page configuration (hb-search-config.js
   points that at this file) and speaks four messages to it: SETUP {config, docs, options},
   READY, QUERY "text" and RESULT {items: [[page, ...sections]], suggest: [...]}. This worker
   keeps those shapes exactly, so the header box, the result list with its sections, the
   suggestions, highlighting on the target page, search.share and the keyboard stay Material's.

   The index is Pagefind's (built by `handbook search index` after the build): split into chunks,
   so a cold visitor downloads the chunks of the words typed, not the whole site; stemmed with
   Snowball for English and, in its own bundle, Russian. When the site has no Pagefind index
   (`mkdocs serve`, a build that was not indexed) the search index Material sent holds the pages,
   and this worker hands everything to Material's own lunr worker instead.

   Ranking, on top of Pagefind's (BM25 with heading weights, whole words before longer ones):
   - pages holding every typed word come first (one Pagefind search for all words); pages that
     hold only some follow, by how many they hold;
   - an identifier (get_db, allow_origins, N+1) is searched whole first; its parts only widen the
     list when the whole finds too little;
   - a word that finds nothing is retried with its ending cut back (a misspelling usually differs
     late in the word: dependancies -> dependan), so one typo does not empty the list.
   Hand-written because no library maps Pagefind's results onto Material's worker protocol. */

"use strict";

var SETUP = 0;
var READY = 1;
var QUERY = 2;
var RESULT = 3;

var PAGES = 30; /* result groups sent (each needs its page's fragment from the index) */
var FIRST = 5; /* the groups a reader sees at once (Material renders 10, the rest on scroll) */

var here = new URL(self.location.href);
var site = new URL("../", here); /* the worker lives in <edition>/assets/ */
var lunrWorker = here.searchParams.get("material"); /* Material's own worker, for the fallback */

/* A worker started from the page head (hb-search-early.js, `early` in its address) runs before
   Material listens to it: it says READY only once Material has taken it over, a message that
   also names Material's own worker. */
var takeOver = null;
var handedOver = here.searchParams.has("early")
  ? new Promise(function (done) { takeOver = done; })
  : Promise.resolve();

var engines = null; /* [{pagefind, lang}] once set up */
var options = { suggest: true };
var boosts = {}; /* page location -> `search: boost` of its front matter */
var fallback = false;
var queue = Promise.resolve();
var asked = 0;

/* ё and е are one letter to most people who type Russian; the index folds them the same way. */
function fold(text) {
  return text.replace(/ё/g, "е").replace(/Ё/g, "Е");
}

function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
  });
}

/* The words of a query as typed: Material's query syntax (+required, -excluded, field:, ~1, *)
   is lunr's, so its marks are dropped rather than searched for; `--strict-markers` is a flag. */
function words(query) {
  return fold(query)
    .split(/\s+/)
    .map(function (w) {
      return w.replace(/^[+]+(?=\S)/, "").replace(/[~^][0-9]*$/, "").replace(/\*+$/, "");
    })
    .filter(function (w) {
      return /[\p{L}\p{N}]/u.test(w);
    });
}

/* The parts of an identifier: get_db -> get db, allowOrigins -> allow origins, N+1 -> n 1. */
function parts(word) {
  return word
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function isIdentifier(word) {
  return parts(word).length > 1;
}

/* Pagefind asks for its files one after the other: pagefind.js, then pagefind-entry.json, then
   the language's meta and wasm, then the index chunks of the words. Here the entry is asked for
   at once, beside pagefind.js, and the meta and wasm as soon as the entry names them; Pagefind's
   own fetch of each gets that response: two round trips less before the first result. Pagefind
   has no option to start loading before its script runs, hence this small hand-written table.
   `metaCacheTag` (one of Pagefind's options) makes the entry's address known in advance; a new
   value per worker keeps it as uncached as Pagefind's own per-load stamp. */
var TAG = String(Date.now());
var early = new Map(); /* absolute URL -> Promise<Response>, each handed out once */
var GZIPPED = /\.(pf_meta|pf_index|pf_fragment|pf_filter|pagefind)$/;

/* Pagefind's files are gzip, which Pagefind inflates in JavaScript; the browser's own gzip
   (DecompressionStream) does it natively, and Pagefind skips its inflate when the bytes already
   start with its signature: less work in the worker before each result. */
function fetchFile(url) {
  var response = nativeFetch(url);
  if (!GZIPPED.test(new URL(url).pathname)) return response;
  return response.then(function (r) {
    if (!r.ok) return r;
    return r.arrayBuffer().then(function (bytes) {
      var head = new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
      if (head[0] !== 0x1f || head[1] !== 0x8b) return new Response(bytes); /* already plain */
      return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")));
    });
  });
}

var nativeFetch = self.fetch.bind(self);
self.fetch = function (input, init) {
  var key = String((input && input.url) || input);
  var hit = early.get(key);
  if (hit) {
    early.delete(key);
    return hit;
  }
  return init || typeof DecompressionStream === "undefined" ? nativeFetch(input, init) : fetchFile(key);
};

function prefetch(base) {
  var entry = new URL("pagefind-entry.json?ts=" + TAG, base).href;
  /* Pagefind reads the entry only once the meta and wasm are asked for, so it never asks first. */
  early.set(entry, nativeFetch(entry).then(function (response) {
    return response.clone().json().then(function (json) {
      /* Pagefind's choice in a worker (no <html lang>): the language with the most pages. */
      var lang = Object.values(json.languages || {}).sort(function (a, b) {
        return b.page_count - a.page_count;
      })[0];
      if (!lang) return response;
      ["pagefind." + lang.hash + ".pf_meta", "wasm." + (lang.wasm || "unknown") + ".pagefind"]
        .forEach(function (name) {
          var url = new URL(name, base).href;
          early.set(url, self.fetch(url));
        });
      return response;
    }, function () {
      return response;
    });
  }));
}

/* Pagefind's search waits for its WebAssembly by checking every 50 ms. A bundle counts as loaded
   right after its instantiation instead (or after 2 s if none is seen), so that the first search
   is not left waiting for the next check. */
var waitingForWasm = [];
var instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = function () {
  var made = instantiate.apply(WebAssembly, arguments);
  var waiting = waitingForWasm.splice(0);
  var release = function () {
    setTimeout(function () { waiting.forEach(function (done) { done(); }); }, 0);
  };
  made.then(release, release);
  return made;
};

function instantiated() {
  return new Promise(function (done) {
    waitingForWasm.push(done);
    setTimeout(done, 2000);
  });
}

/* Load one Pagefind bundle as a module (Chromium and Firefox allow import() in classic workers). */
function loadBundle(bundle) {
  if (!bundle.ready) {
    var base = new URL(bundle.path, site);
    prefetch(base);
    bundle.ready = import(new URL("pagefind.js", base).href).then(function (pagefind) {
      var opts = { baseUrl: "/", excerptLength: 24, metaCacheTag: TAG };
      return pagefind.options(opts).then(function () {
        var wasm = instantiated(); /* Pagefind instantiates it once its files are in */
        return pagefind.init().then(function () { return wasm; });
      }).then(function () {
        return pagefind;
      });
    });
  }
  return bundle.ready;
}

/* The main bundle starts loading as soon as the worker starts, while Material is still fetching
   its search configuration (a site without the index answers 404, and the setup falls back). */
var main = { path: "pagefind/", test: null, ready: null };
loadBundle(main).catch(function () {});

/* A bundle of another language than the first (pagefind-ru/) is loaded only for a query in its
   script: an English query downloads nothing of the Russian index. */
var SCRIPTS = { ru: /[\u0400-\u04ff]/ };

/* The worker reads the index description itself, relative to its own address: on the 404 page
   Material's page script resolves search/search_index.json against an edition base without its
   final slash and misses it (and never sends SETUP), while this address is always the edition's. */
function start() {
  return fetch(new URL("search/search_index.json", site)).then(function (r) {
    return r.ok ? r.json() : null;
  }).catch(function () {
    return null;
  }).then(function (index) {
    var config = (index && index.config) || {};
    var bundles = config.pagefind || [];
    if (!bundles.length) return null; /* no index: Material's SETUP brings the pages */
    boosts = config.boosts || {};
    engines = bundles.map(function (path, i) {
      if (path === main.path) return main;
      var lang = (/-([a-z]{2})\/$/.exec(path) || [])[1];
      return { path: path, test: i === 0 || !SCRIPTS[lang] ? null : SCRIPTS[lang], ready: null };
    });
    return loadBundle(engines[0]).then(function () {
      /* Not returned: the queue (a search opened from the address) goes on meanwhile. */
      handedOver.then(function () { postMessage({ type: READY }); });
    }, function (err) {
      console.warn("search index could not be loaded, using the built-in search", err);
      engines = null;
    });
  });
}

/* Material's SETUP: its options (suggestions); without the index, the fallback. */
function setup(data) {
  options = data.options || options;
  if (engines) return null;
  return startFallback(data);
}

/* Material's own worker, given the pages Material sent (or the full index kept beside it). */
function startFallback(data) {
  fallback = true;
  if (!lunrWorker) {
    console.warn("no search index and no built-in search worker to fall back to");
    postMessage({ type: READY });
    return Promise.resolve();
  }
  var docs = data.docs && data.docs.length
    ? Promise.resolve(data)
    : fetch(new URL("search/lunr_index.json", site)).then(function (r) { return r.json(); })
      .then(function (full) {
        return { config: full.config, docs: full.docs, options: data.options };
      });
  return docs.then(function (index) {
    /* Material's worker loads its stemmers relative to itself; importScripts would resolve them
       against this file. */
    var native = self.importScripts.bind(self);
    self.importScripts = function () {
      var urls = Array.prototype.map.call(arguments, function (u) {
        return new URL(u, new URL(lunrWorker, here)).href;
      });
      return native.apply(null, urls);
    };
    native(new URL(lunrWorker, here).href);
    /* Its message listener is now installed: hand it the setup; it answers READY itself. */
    self.dispatchEvent(new MessageEvent("message", { data: { type: SETUP, data: index } }));
  });
}

/* One Pagefind search over every bundle; results merged by page, best score kept. */
function searchAll(text) {
  var wanted = engines.filter(function (e) { return !e.test || e.test.test(text); });
  return Promise.all(wanted.map(function (bundle) {
    return loadBundle(bundle).then(function (pagefind) {
      return pagefind.search(text);
    }).then(function (found) {
      return (found && found.results) || [];
    });
  })).then(function (lists) {
    var byId = new Map();
    lists.forEach(function (list, bundle) {
      list.forEach(function (r) {
        var key = bundle + ":" + r.id;
        r.hbKey = key;
        if (!byId.has(key)) byId.set(key, r);
      });
    });
    return Array.from(byId.values()).sort(function (a, b) { return b.score - a.score; });
  });
}

/* One word's pages: the word itself; an identifier that finds nothing, by all its parts; a word
   that still finds nothing, cut back (a typo). Returns {results, weight}. */
function searchWord(word) {
  return searchAll(word).then(function (found) {
    if (found.length || !isIdentifier(word)) return { results: found, weight: 1 };
    return searchAll(parts(word).join(" ")).then(function (r) { return { results: r, weight: 0.75 }; });
  }).then(function (hit) {
    if (hit.results.length) return hit;
    return retryShorter([word]).then(function (r) { return { results: r, weight: 0.5 }; });
  });
}

/* Pages for the typed words, best first, as [{result, matched: Set(word), score}]: first by how
   many of the typed words a page holds, then by Pagefind's score of the whole query. */
function rank(typed) {
  var whole = typed.length > 1 ? searchAll(typed.join(" ")) : Promise.resolve([]);
  return Promise.all([whole].concat(typed.map(searchWord))).then(function (lists) {
    var all = lists[0];
    var entries = new Map();
    function entry(r) {
      var e = entries.get(r.hbKey);
      if (!e) {
        e = { result: r, matched: new Set(), count: 0, single: 0, whole: 0 };
        entries.set(r.hbKey, e);
      }
      return e;
    }
    /* A word found on few pages says more than one found on many (idf), so a page that misses
       only a common word ("old" in a dead link's "cors allow old") can still come first. */
    var idf = typed.map(function (word, i) {
      return 1 / Math.log2(2 + lists[i + 1].results.length);
    });
    var total = idf.reduce(function (a, b) { return a + b; }, 0) || 1;
    typed.forEach(function (word, i) {
      var hit = lists[i + 1];
      hit.results.forEach(function (r) {
        var e = entry(r);
        e.matched.add(word);
        e.count += hit.weight * idf[i] / total;
        e.single += r.score;
      });
    });
    all.forEach(function (r) {
      var e = entry(r);
      e.whole = r.score;
      e.result = r; /* its sections are scored on every typed word */
    });
    var order = Array.from(entries.values());
    var best = 0;
    order.forEach(function (e) {
      e.relevance = typed.length > 1 && e.whole ? e.whole : e.single / typed.length;
      best = Math.max(best, e.relevance);
    });
    /* Coverage of the typed words first (all of them: 2), then relevance (at most 1). */
    order.forEach(function (e) {
      e.score = 2 * e.count + e.relevance / (best || 1);
    });
    return order.sort(function (a, b) { return b.score - a.score; });
  });
}

function retryShorter(typed) {
  var cut = typed.map(function (w) {
    return w.length > 5 ? w.slice(0, Math.max(4, Math.ceil(w.length * 0.6))) : w;
  });
  if (cut.join(" ") === typed.join(" ")) return Promise.resolve([]);
  return searchAll(cut.join(" "));
}

/* A word of the page matches a typed word when they share the typed word's stem-sized start:
   close enough to tell which typed words a section holds (Pagefind reports positions only). */
function stem(word) {
  var w = fold(word).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  return w.slice(0, Math.max(3, Math.min(w.length, 5)));
}

/* A section ranks by how many of the typed words it holds, then whether its heading names one,
   then by Pagefind's weighted count of matches. */
function sectionScore(sub, stems, content) {
  var held = new Set();
  (sub.locations || []).forEach(function (at) {
    var word = stem(content[at] || "");
    stems.forEach(function (s, i) { if (s && word.indexOf(s) === 0) held.add(i); });
  });
  var title = (sub.title || "").split(/\s+/).map(stem);
  var named = stems.filter(function (s) {
    return s && title.some(function (t) { return t.indexOf(s) === 0; });
  }).length;
  var weight = (sub.weighted_locations || []).reduce(function (sum, l) {
    return sum + (l.balanced_score || l.weight || 1);
  }, 0);
  return held.size * 1e6 + named * 1e5 + Math.min(weight, 99999);
}

function relative(url) {
  return url.replace(/^\/+/, "");
}

/* Result links as full URLs of this edition: Material resolves them against its base, which on
   the 404 page lacks its final slash and would drop the edition from a relative link. */
function absolute(url) {
  return new URL(relative(url), site).href;
}

/* One result group in Material's shape: the page, then its sections, best first. The page's
   best section scores as high as the page, so Material shows it; the others go under "more". */
function group(entry, data, typed) {
  var score = entry.score;
  var terms = {};
  typed.forEach(function (w) { terms[w] = entry.matched.has(w); });
  var title = escapeHTML((data.meta && data.meta.title) || data.url);
  var stems = typed.map(stem);
  var content = (data.content || "").split(/\s+/);
  var subs = (data.sub_results || []).map(function (sub) {
    return { sub: sub, score: sectionScore(sub, stems, content) };
  }).sort(function (a, b) { return b.score - a.score; });
  var page = {
    location: absolute(data.url), title: title, text: "<p>" + (data.excerpt || "") + "</p>",
    score: score, terms: terms
  };
  var items = [page];
  var best = subs.length ? subs[0].score || 1 : 1;
  subs.forEach(function (s, i) {
    if (!s.sub.anchor || !s.sub.anchor.id || s.sub.anchor.element === "h1") {
      if (i === 0) page.text = "<p>" + (s.sub.excerpt || "") + "</p>";
      return; /* the part before the first heading is the page itself */
    }
    items.push({
      location: absolute(s.sub.url), title: escapeHTML(s.sub.title),
      text: "<p>" + (s.sub.excerpt || "") + "</p>",
      score: i === 0 ? score : score * 0.5 * (s.score / best), terms: terms
    });
  });
  return items;
}

/* Completion of the last word typed, from the best page's title (Material's suggestion). */
function suggestion(typed, items) {
  if (!options.suggest || !items.length || !typed.length) return [];
  var last = typed[typed.length - 1].toLowerCase();
  var title = items[0][0].title.replace(/<[^>]+>/g, "").toLowerCase();
  var match = title.split(/[^\p{L}\p{N}_+-]+/u).filter(function (w) {
    return w.length > last.length && w.indexOf(last) === 0;
  })[0];
  return match ? [match] : [];
}

/* Result groups for entries [from, to) of the ranking, one per page. */
function groups(order, typed, from, to, seen) {
  /* A page can come from two bundles' searches: one group per page, at its better rank. */
  var top = order.slice(from, to);
  return Promise.all(top.map(function (e) { return e.result.data(); })).then(function (data) {
    var items = [];
    top.forEach(function (e, i) {
      var first = seen.get(data[i].url);
      if (first) {
        e.matched.forEach(function (w) { first.matched.add(w); });
        return;
      }
      seen.set(data[i].url, e);
      /* `search: boost` in a page's front matter, as Material's own index applies it. */
      var boost = boosts[relative(data[i].url)];
      if (boost) e.score = 2 * e.count + (e.score - 2 * e.count) * boost;
      items.push([e, data[i]]);
    });
    items.sort(function (a, b) { return b[0].score - a[0].score; });
    return items.map(function (pair) { return group(pair[0], pair[1], typed); });
  });
}

/* The first FIRST groups are sent as soon as their pages' fragments are in (what a reader sees
   at once); the rest up to PAGES follow in a second, complete message, so the count Material
   shows is right. `hbPartial` marks the first (Material ignores the key). On the first answer
   of a cold page the rest waits a moment, so that its fragments do not compete with the page
   drawing the first results. */
var answered = 0;
function answer(query, send, current) {
  var typed = words(query);
  if (!typed.length) return Promise.resolve(send({ items: [] }));
  return rank(typed).then(function (order) {
    var seen = new Map();
    return groups(order, typed, 0, FIRST, seen).then(function (first) {
      var more = order.length > FIRST;
      send({ items: first, suggest: suggestion(typed, first), hbPartial: more });
      if (!more || !current()) return null; /* a newer query answers instead */
      var wait = answered++ ? 0 : 150;
      return new Promise(function (done) { setTimeout(done, wait); }).then(function () {
        return current() ? groups(order, typed, FIRST, PAGES, seen) : null;
      }).then(function (rest) {
        if (!rest) return;
        var items = first.concat(rest);
        send({ items: items, suggest: suggestion(typed, items) });
      });
    });
  });
}

queue = queue.then(start);

/* A search opened from its address (`?q=`, the link search.share copies) is known when the page
   starts, before Material has set up and sent it (hb-search-early.js or hb-search-config.js
   passes it on): it is run at once, and its first results are sent right after READY, which is
   when Material has put the same query in its search box; Material shows any RESULT it gets.
   Material's own QUERY for it is then answered from Pagefind's caches with the whole list only:
   its first five, the same, are not sent again. */
var opened = here.searchParams.get("q");
var openedShown = null; /* the query whose first results went out before Material asked */
if (opened) {
  queue = queue.then(function () {
    if (!engines) return null;
    var first = null;
    return answer(opened, function (data) { first = first || data; }, function () {
      return false;
    }).then(function () {
      return handedOver.then(function () {
        if (!first || asked) return; /* Material asked meanwhile: its answer follows */
        openedShown = opened;
        postMessage({ type: RESULT, data: first });
      });
    }).catch(function () {});
  });
}

self.addEventListener("message", function (ev) {
  if (fallback) return; /* Material's own worker answers */
  var message = ev.data || {};
  if (message.type === "hb-material" && takeOver) {
    lunrWorker = message.data || lunrWorker;
    takeOver();
  } else if (message.type === SETUP) {
    queue = queue.then(function () { return setup(message.data || {}); });
  } else if (message.type === QUERY) {
    var mine = ++asked;
    queue = queue.then(function () {
      /* A reader types faster than a cold index answers: only the latest query is worth it. */
      if (fallback || mine !== asked) return null;
      var shown = openedShown !== null && String(message.data) === openedShown;
      openedShown = null;
      var send = function (data) {
        if (shown && data.hbPartial) return; /* these five are in the list already */
        postMessage({ type: RESULT, data: data });
      };
      return answer(String(message.data || ""), send, function () {
        return mine === asked;
      }).catch(function (err) {
        console.warn("search failed for " + JSON.stringify(message.data), err);
        send({ items: [] });
      });
    });
  }
});
