"""Review rules: read from `docs/<page>.review.yml` beside the page they link, and checked.

A rule file lives with the page so that the page's author keeps the two together; its shape is
the JSON Schema in rule.schema.json (validated with jsonschema), and every error names the file
and line.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import yaml

if TYPE_CHECKING:
    from ast_grep_py import Config

RULE_SUFFIX = ".review.yml"
SCHEMA = Path(__file__).with_name("rule.schema.json")
# Two sentences look like "word. Word": a rule says its reason in one.
TWO_SENTENCES = re.compile(r"[a-z)`'\"][.!?]\s+[A-Z]")


class RuleError(Exception):
    """A rule file that breaks the format; the message starts with `file:line:`."""


@dataclass(frozen=True)
class Case:
    file: str
    diff: str
    new: bool
    line: int


@dataclass
class Rule:
    id: str
    page: str  # the page under docs/ the rule links, e.g. "security/cors.md"
    section: str  # the anchor of the section on that page
    why: str
    source: str  # the rule file, relative to the repository root
    line: int
    files: list[str] | None = None
    exclude: list[str] | None = None
    change: str | None = None
    added: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None
    ast: dict[str, Any] | None = None
    languages: tuple[str, ...] = ()
    fire: list[Case] = field(default_factory=list)
    quiet: list[Case] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"

    def wants_path(self, path: str) -> bool:
        """True when the rule looks at this file (gitignore-style globs, as `exclude_docs`)."""
        if self.files and not _spec(tuple(self.files)).match_file(path):
            return False
        return not (self.exclude and _spec(tuple(self.exclude)).match_file(path))


@functools.cache
def _spec(globs: tuple[str, ...]):  # -> pathspec.GitIgnoreSpec, imported when first needed
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(globs)


def _plain(node: yaml.Node, lines: dict[tuple, int], path: tuple = ()) -> Any:
    """A composed YAML node as plain data, recording the line (1-based) of every value."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key, value in node.value:
            name = yaml.safe_load(yaml.serialize(key))
            out[name] = _plain(value, lines, (*path, name))
            lines[(*path, name)] = key.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, lines, (*path, i)) for i, item in enumerate(node.value)]
    return yaml.safe_load(yaml.serialize(node))


def _line_of(lines: dict[tuple, int], path: tuple) -> int:
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise RuleError(f"{where}: not a regular expression ({exc})") from exc


def load_file(path: Path, root: Path) -> list[Rule]:
    """The rules of one `*.review.yml` file; RuleError names the file and line of a problem."""
    import jsonschema

    source = path.relative_to(root).as_posix()
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise RuleError(f"{source}:{line}: not valid YAML ({exc})") from exc
    if node is None:
        raise RuleError(f"{source}:1: empty rule file")
    lines: dict[tuple, int] = {}
    data = _plain(node, lines)
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    errors = sorted(validator.iter_errors(data), key=lambda e: _line_of(lines, tuple(e.path)))
    if errors:
        err = errors[0]
        where = ".".join(str(p) for p in err.path) or "top level"
        raise RuleError(f"{source}:{_line_of(lines, tuple(err.path))}: {where}: {err.message}")
    page_file = path.with_name(path.name[: -len(RULE_SUFFIX)] + ".md")
    if not page_file.is_file():
        raise RuleError(f"{source}:1: no page {page_file.relative_to(root).as_posix()} beside it")
    page = page_file.relative_to(root / "docs").as_posix()
    rules = []
    for i, raw in enumerate(data["rules"]):
        at = lambda *keys, i=i: f"{source}:{_line_of(lines, ('rules', i, *keys))}"  # noqa: E731
        if TWO_SENTENCES.search(raw["why"]):
            raise RuleError(f"{at('why')}: `why` is one sentence")
        options: dict[str, Any] = {k: raw.get(k) for k in ("files", "exclude", "change", "ast")}
        options |= {k: _compile(raw[k], at(k)) for k in ("added", "unless") if k in raw}
        if ast := raw.get("ast"):
            lang = ast["language"]
            options["languages"] = (lang,) if isinstance(lang, str) else tuple(lang)
        line = _line_of(lines, ("rules", i))
        rule = Rule(raw["id"], page, raw["section"], raw["why"], source, line, **options)
        for kind in ("fire", "quiet"):
            for j, test in enumerate(raw["tests"][kind]):
                case_line = _line_of(lines, ("rules", i, "tests", kind, j))
                getattr(rule, kind).append(
                    Case(test["file"], test["diff"], bool(test.get("new")), case_line)
                )
        if ast:
            _check_ast(rule, at("ast"))
        rules.append(rule)
    return rules


def _check_ast(rule: Rule, where: str) -> None:
    """Hand the ast-grep rule to ast-grep once, so that a broken rule fails here, with its line."""
    from ast_grep_py import SgRoot

    for lang in rule.languages:
        try:
            SgRoot("", lang).root().find_all(config_of(rule))
        except Exception as exc:  # ast-grep raises plain RuntimeError/ValueError on bad rules
            # Its message carries a Rust backtrace after the reasons; keep the reasons.
            reasons = str(exc).split("Stack backtrace")[0].split()
            raise RuleError(
                f"{where}: ast-grep refuses the rule for {lang}: {' '.join(reasons)}"
            ) from exc


def config_of(rule: Rule) -> Config:
    """The ast-grep config (rule, constraints, utils) of a rule; its shape was checked by the
    schema and by ast-grep itself when the file was loaded."""
    assert rule.ast is not None
    return cast(
        "Config", {k: v for k, v in rule.ast.items() if k in ("rule", "constraints", "utils")}
    )


def load_rules(root: Path) -> list[Rule]:
    """Every rule of the handbook, in file order; ids are unique across files."""
    rules: dict[str, Rule] = {}
    for path in sorted((root / "docs").rglob(f"*{RULE_SUFFIX}")):
        for rule in load_file(path, root):
            if rule.id in rules:
                raise RuleError(
                    f"{rule.where}: rule id {rule.id!r} is also used at {rules[rule.id].where}"
                )
            rules[rule.id] = rule
    return list(rules.values())
