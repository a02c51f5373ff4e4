// Keeps one handbook review comment per pull request: finds it by its hidden first-line marker,
// updates it, and creates it only when there is something to say. Run by actions/github-script
// in .github/workflows/handbook.yml; `github` is its authenticated Octokit client.
"use strict";

const MARKER = "<!-- handbook-review -->";

/**
 * @param {object} args
 * @param {object} args.github   Octokit client (github.rest.issues.*, github.paginate)
 * @param {object} args.context  workflow context: repo {owner, repo} and issue {number}
 * @param {string} args.body     the comment `handbook review` wrote (starts with MARKER)
 * @param {boolean} args.matched whether any section matched
 * @returns {Promise<string>}    what was done: "created", "updated", "unchanged" or "skipped"
 */
module.exports = async function upsertReviewComment({ github, context, body, matched }) {
  if (!body.startsWith(MARKER)) {
    throw new Error(`the comment body must start with ${MARKER}`);
  }
  const where = { owner: context.repo.owner, repo: context.repo.repo };
  const comments = await github.paginate(github.rest.issues.listComments, {
    ...where,
    issue_number: context.issue.number,
    per_page: 100,
  });
  const ours = comments.filter((c) => typeof c.body === "string" && c.body.startsWith(MARKER));
  if (ours.length === 0) {
    if (!matched) return "skipped"; // nothing to say, and nothing said before
    await github.rest.issues.createComment({ ...where, issue_number: context.issue.number, body });
    return "created";
  }
  const [first, ...extra] = ours;
  // A second comment can only come from two runs racing; keep the oldest, remove the rest.
  for (const comment of extra) {
    await github.rest.issues.deleteComment({ ...where, comment_id: comment.id });
  }
  if (first.body === body) return "unchanged";
  await github.rest.issues.updateComment({ ...where, comment_id: first.id, body });
  return "updated";
};

module.exports.MARKER = MARKER;
