"""Check commit subjects against the team's Conventional Commits convention."""

import re

# --8<-- [start:check]
TYPES = ("feat", "fix", "docs", "refactor", "test", "perf", "build", "ci", "chore", "revert")
SUBJECT = re.compile(
    rf"^(?P<type>{'|'.join(TYPES)})"   # what kind of change
    r"(?:\((?P<scope>[a-z0-9-]+)\))?"  # optional scope: feat(auth): ...
    r"(?P<breaking>!)?: "              # ! marks a breaking change
    r"(?P<summary>[a-z].{0,70})$"      # imperative, lower case, short
)


def check_subject(subject: str) -> str | None:
    """Return None when the subject follows the convention, else what is wrong."""
    if SUBJECT.match(subject):
        return None if not subject.endswith(".") else "no full stop at the end"
    if ":" not in subject:
        return "missing '<type>: '"
    kind = subject.split(":", 1)[0].split("(", 1)[0].rstrip("!")
    if kind not in TYPES:
        return f"unknown type {kind!r}"
    return "summary must start lower case and stay under 72 characters"
# --8<-- [end:check]


for good in [
    "feat: add user authentication",
    "fix: resolve login redirect issue",
    "docs: update API documentation",
    "refactor: simplify database queries",
    "test: add unit tests for auth service",
    "feat(routes)!: drop the v1 route export",
]:
    assert check_subject(good) is None, good

assert check_subject("Fixed stuff") == "missing '<type>: '"
assert check_subject("feature: add login") == "unknown type 'feature'"
assert check_subject("fix: Resolve login") is not None
assert check_subject("fix: resolve login.") == "no full stop at the end"
