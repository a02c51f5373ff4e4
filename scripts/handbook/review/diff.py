"""A unified diff (as `git diff` prints it) read into files, hunks and added lines.

Parsing is unidiff's (a maintained parser of the format); this module only keeps what the rules
need and turns unidiff's errors, which carry no position, into `name:line: message`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class DiffError(Exception):
    """A diff that cannot be read; the message starts with `name:line:`."""


@dataclass(frozen=True)
class Line:
    number: int  # line number in the new file
    text: str  # without the leading `+`/` ` and without the line end
    added: bool


@dataclass
class Hunk:
    section: str  # the text git prints after `@@ ... @@` (the enclosing function or class line)
    lines: list[Line] = field(default_factory=list)  # the new side: context and added lines


@dataclass
class FileChange:
    path: str  # the path in the new tree (the old one for a deleted file)
    status: str  # "added", "modified", "deleted" or "renamed"
    binary: bool = False
    hunks: list[Hunk] = field(default_factory=list)

    @property
    def added(self) -> list[Line]:
        return [line for hunk in self.hunks for line in hunk.lines if line.added]

    @property
    def first_line(self) -> int:
        """Where a finding about the whole file points: its first added line, else first hunk."""
        lines = self.added or [line for hunk in self.hunks for line in hunk.lines]
        return lines[0].number if lines else 0


# A file's status and the unidiff property that tells it, asked in this order.
STATUSES = (("added", "is_added_file"), ("deleted", "is_removed_file"), ("renamed", "is_rename"))


def _strip_prefix(path: str | None) -> str | None:
    if path is None or path == "/dev/null":
        return None
    return path[2:] if path[:2] in ("a/", "b/") else path


def parse_diff(text: str, name: str = "<diff>") -> list[FileChange]:
    """The files a unified diff changes. An empty diff changes nothing; text that is not a diff
    raises DiffError naming the line."""
    from unidiff import PatchSet
    from unidiff.errors import UnidiffParseError

    if not text.strip():
        return []
    lines = text.splitlines(keepends=True)
    unread = iter(lines)  # where unidiff stops reading is the line its error is about
    try:
        patch = PatchSet(unread)
    except UnidiffParseError as exc:
        at = max(len(lines) - sum(1 for _ in unread), 1)
        shown = lines[at - 1].rstrip("\n") if at <= len(lines) else ""
        reason = str(exc).strip()
        raise DiffError(
            f"{name}:{at}: not a unified diff ({reason}); the line reads {shown!r}"
        ) from exc
    if not len(patch):
        first = next(i for i, raw in enumerate(lines, 1) if raw.strip())
        raise DiffError(
            f"{name}:{first}: not a unified diff: no `diff --git` or `---`/`+++` file header "
            f"(line reads {lines[first - 1].rstrip()!r})"
        )
    files: list[FileChange] = []
    for patched in patch:
        source, target = _strip_prefix(patched.source_file), _strip_prefix(patched.target_file)
        status = next((s for s, flag in STATUSES if getattr(patched, flag)), "modified")
        change = FileChange(target or source or patched.path, status, patched.is_binary_file)
        for hunk in patched:
            # Exactly the added and context lines carry a new-file number.
            new_side = [
                Line(line.target_line_no, line.value.rstrip("\r\n"), line.is_added)
                for line in hunk
                if line.target_line_no is not None
            ]
            change.hunks.append(Hunk(hunk.section_header.strip(), new_side))
        files.append(change)
    return files


def synthesize(path: str, body: str, new_file: bool = False) -> str:
    """A `git diff` text for one file from a hunk body (lines starting with `+`, `-` or ` `,
    optionally after one `@@` line).

    Rule files state their test cases as hunk bodies; this adds the headers git would print, so
    the cases go through the same parser as a real pull request.
    """
    lines = [raw if raw else " " for raw in body.rstrip("\n").split("\n")]
    # A body may open with `@@` (plus the text git prints after a hunk header): YAML needs it
    # when the first real line is a context line, whose leading space would set the indentation.
    section = ""
    if lines and lines[0].startswith("@@"):
        section = lines.pop(0)[2:].strip().removeprefix("@@").strip()
    bad = [raw for raw in lines if raw[0] not in "+- "]
    if bad:
        raise DiffError(f"{path}: a test line must start with '+', '-' or ' ': {bad[0]!r}")
    old = sum(1 for raw in lines if raw[0] in "- ")
    new = sum(1 for raw in lines if raw[0] in "+ ")
    new_file = new_file or old == 0
    head = [f"diff --git a/{path} b/{path}"]
    head += ["new file mode 100644", "--- /dev/null"] if new_file else [f"--- a/{path}"]
    old_range = "-0,0" if new_file else f"-1,{old}"
    head += [f"+++ b/{path}", f"@@ {old_range} +1,{new} @@ {section}".rstrip()]
    return "\n".join(head + lines) + "\n"
