// Runs queries through the site's search worker exactly as Material's search box does: the
// worker named by the page configuration, given the search index the page script fetches.
// Evaluated by Playwright in a page of the built site; `arg` is {queries: [...]}.
// Returns, per query, the result groups in the order the UI lists them, each with the page, the
// sections the UI shows beside it, and all its matching sections, best first.
async (arg) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base + "/", location.href);
  const worker = new Worker(new URL(config.search, location.href));
  // READY may come before SETUP (the handbook's worker reads its index description itself).
  const ready = new Promise((resolve) => {
    worker.onmessage = (ev) => {
      if (ev.data.type === 1) resolve();
    };
  });
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  // The handbook's worker may answer in two messages, the first marked `hbPartial`.
  const next = () => new Promise((resolve) => {
    worker.onmessage = (ev) => {
      if (ev.data.type === 3 && !(ev.data.data && ev.data.data.hbPartial)) resolve(ev.data);
    };
  });
  // Message types of Material's worker protocol: 0 setup, 1 ready, 2 query, 3 result.
  worker.postMessage({ type: 0, data: { ...index, options: { suggest: true } } });
  await ready;
  let reply;
  const out = [];
  for (const query of arg.queries) {
    reply = next();
    worker.postMessage({ type: 2, data: query });
    const { data } = await reply;
    // Locations relative to the site's base, as the query files name pages.
    const rel = (loc) => new URL(loc, base).href.slice(base.href.length);
    const groups = data.items.map((raw) => {
      const items = raw.map((d) => ({ ...d, location: rel(d.location) }));
      // Same partition as Material's renderSearchResultItem: the article, then the
      // sections that score as high as the first item of the group.
      const threshold = items[0].score;
      const article = items.find((d) => !d.location.includes("#")) || items[0];
      const shown = items.filter((d) => d !== article && d.score >= threshold);
      const sections = items.filter((d) => d !== article);
      return {
        page: article.location.split("#")[0],
        shown: shown.map((d) => d.location),
        sections: sections.map((d) => d.location),
        score: items[0].score,
        title: article.title.replace(/<[^>]+>/g, ""),
      };
    });
    out.push(groups);
  }
  worker.terminate();
  return out;
}
