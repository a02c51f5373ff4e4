// Drives scripts/handbook/review/upsert-comment.cjs against an in-memory stand-in for the GitHub
// issues API (the tests run without network), and prints what each scenario left behind as JSON.
"use strict";

const path = require("path");
const upsert = require(path.resolve(__dirname, "../../scripts/handbook/review/upsert-comment.cjs"));

function fakeGitHub(comments) {
  let nextId = 1000;
  const calls = [];
  const issues = {
    async listComments({ page = 1, per_page = 30 }) {
      calls.push("list");
      const start = (page - 1) * per_page;
      return { data: comments.slice(start, start + per_page) };
    },
    async createComment({ body }) {
      calls.push("create");
      comments.push({ id: nextId++, body, user: { login: "github-actions[bot]" } });
    },
    async updateComment({ comment_id, body }) {
      calls.push(`update ${comment_id}`);
      comments.find((c) => c.id === comment_id).body = body;
    },
    async deleteComment({ comment_id }) {
      calls.push(`delete ${comment_id}`);
      comments.splice(comments.findIndex((c) => c.id === comment_id), 1);
    },
  };
  // Octokit's paginate: call the list method page by page until a short page.
  async function paginate(method, params) {
    const all = [];
    for (let page = 1; ; page++) {
      const { data } = await method({ ...params, page });
      all.push(...data);
      if (data.length < params.per_page) return all;
    }
  }
  return { github: { rest: { issues }, paginate }, comments, calls };
}

const context = { repo: { owner: "team", repo: "service" }, issue: { number: 7 } };
const M = upsert.MARKER;
const others = (n) => Array.from({ length: n }, (_, i) => ({ id: i + 1, body: `looks good ${i}` }));

async function run(comments, steps) {
  const api = fakeGitHub(comments);
  const results = [];
  for (const [body, matched] of steps) {
    results.push(await upsert({ github: api.github, context, body, matched }));
  }
  return { results, comments: api.comments.map((c) => c.body), calls: api.calls };
}

(async () => {
  const out = {
    marker: M,
    nothingToSay: await run(others(2), [[`${M} nothing`, false]]),
    createThenUpdate: await run(others(2), [
      [`${M} first`, true],
      [`${M} second`, true],
      [`${M} second`, true],
      [`${M} nothing`, false],
    ]),
    ourCommentOnPageTwo: await run([...others(150), { id: 500, body: `${M} old` }], [[`${M} new`, true]]),
    duplicatesFromARace: await run(
      [{ id: 1, body: `${M} a` }, { id: 2, body: "other" }, { id: 3, body: `${M} b` }],
      [[`${M} c`, true]],
    ),
  };
  try {
    await upsert({ github: fakeGitHub([]).github, context, body: "no marker", matched: true });
    out.unmarked = "accepted";
  } catch (err) {
    out.unmarked = err.message;
  }
  process.stdout.write(JSON.stringify(out));
})();
