"""Which rules a diff fires, and on which added lines.

Three kinds of rule, simplest first:
- `files` alone: the change touches a file (a new migration, a Dockerfile, a workflow);
- `added`: a regular expression on each added line, enough where one line tells (`verify=False`);
- `ast`: an ast-grep rule, for what only the structure tells (`time.sleep` inside an `async def`,
  `@lru_cache` on a function that does I/O, a query inside a loop). ast-grep is a maintained
  tree-sitter matcher with a Python binding and no service to run; semgrep would do the same
  with a far heavier install.

What the structural matcher sees: a diff carries only hunks, the added lines with a few lines
of context. With `root` (a checkout of the new tree, as in CI) the whole new file is parsed, once
its lines are checked against the diff. Otherwise each hunk is parsed on its own (tree-sitter
recovers from the missing rest), after the enclosing line git prints in the hunk header when
that line opens a block (`async def report():`): a call whose `async def` is neither in the hunk
nor in its header is not seen. A match counts only when it covers an added line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .diff import FileChange
from .rules import Rule, config_of

# The language ast-grep parses a file in, by its suffix.
LANGUAGES = {
    **dict.fromkeys((".py", ".pyi"), "python"),
    **dict.fromkeys((".js", ".mjs", ".cjs", ".jsx"), "javascript"),
    **dict.fromkeys((".ts", ".mts", ".cts"), "typescript"),
    ".tsx": "tsx",
}


@dataclass(frozen=True)
class Finding:
    rule: Rule
    path: str
    line: int  # line in the new file; 0 for a deleted file


@dataclass(frozen=True)
class View:
    """Source text handed to the parser, and the new-file line number of each of its lines."""

    text: str
    numbers: tuple[int | None, ...]  # None for a line the diff does not have (a hunk header)


def _whole_file(change: FileChange, root: Path) -> View | None:
    """The new file from the checkout, when it is the file the diff describes."""
    file = root / change.path
    if change.status == "deleted" or not file.is_file():
        return None
    if not file.resolve().is_relative_to(root.resolve()):
        return None  # a path or symlink leading out of the checkout: use the hunks
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for hunk in change.hunks:
        for line in hunk.lines:
            if line.number > len(lines) or lines[line.number - 1].rstrip("\r") != line.text:
                return None  # the checkout is not the diff's new side: use the hunks
    return View("\n".join(lines) + "\n", tuple(range(1, len(lines) + 1)))


def _hunk_views(change: FileChange) -> list[View]:
    views = []
    for hunk in change.hunks:
        if not hunk.lines:
            continue
        texts = [line.text for line in hunk.lines]
        numbers: list[int | None] = [line.number for line in hunk.lines]
        if texts[0][:1].isspace() and hunk.section.rstrip().endswith((":", "{")):
            texts.insert(0, hunk.section)
            numbers.insert(0, None)
        else:
            # A fragment from inside a block: drop the indentation its lines share.
            cut = min((len(t) - len(t.lstrip()) for t in texts if t.strip()), default=0)
            texts = [t[cut:] for t in texts]
        views.append(View("\n".join(texts) + "\n", tuple(numbers)))
    return views


class Matcher:
    """Matches rules against the files of one diff, parsing each file at most once."""

    def __init__(self, files: list[FileChange], root: Path | None = None) -> None:
        self.files = files
        self.root = root
        self._trees: dict[str, list[tuple[View, Any]]] = {}

    def _parsed(self, change: FileChange, lang: str) -> list[tuple[View, Any]]:
        """Each view of the file with its ast-grep tree (the suffix fixes a file's language)."""
        from ast_grep_py import SgRoot

        if change.path not in self._trees:
            whole = _whole_file(change, self.root) if self.root else None
            views = [whole] if whole else _hunk_views(change)
            self._trees[change.path] = [(view, SgRoot(view.text, lang).root()) for view in views]
        return self._trees[change.path]

    def findings(self, rules: list[Rule]) -> list[Finding]:
        found: dict[tuple[str, str, int], Finding] = {}
        for change in self.files:
            if change.binary:
                continue
            for rule in rules:
                for line in self._fire(rule, change):
                    found.setdefault((rule.id, change.path, line), Finding(rule, change.path, line))
        return list(found.values())

    def _fire(self, rule: Rule, change: FileChange) -> list[int]:
        if rule.change not in (None, change.status) or not rule.wants_path(change.path):
            return []
        if rule.added is not None:
            return [
                line.number
                for line in change.added
                if rule.added.search(line.text)
                and not (rule.unless and rule.unless.search(line.text))
            ]
        if rule.ast is not None:
            return self._fire_ast(rule, change)
        return [change.first_line]  # a `files` rule: the change touches the file

    def _fire_ast(self, rule: Rule, change: FileChange) -> list[int]:
        lang = LANGUAGES.get(PurePosixPath(change.path).suffix.lower())
        if lang not in rule.languages:
            return []
        added = {line.number for line in change.added}
        hits = []
        for view, tree in self._parsed(change, lang):
            for node in tree.find_all(config_of(rule)):
                span = node.range()
                covered = view.numbers[span.start.line : span.end.line + 1]
                hits += [n for n in covered if n in added][:1]  # its first added line, if any
        return hits
