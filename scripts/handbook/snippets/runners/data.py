"""JSON, YAML and TOML snippets: parsed, and validated by schema when they are known configs.

docker-compose files, GitHub workflows and pre-commit configs go through their own validators.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import yaml

from handbook.snippets.runners import base

NAME = "data"
implicit_deps = base.no_implicit_deps
CHECK_JSONSCHEMA = base.VENV_BIN / "check-jsonschema"
PRE_COMMIT = base.VENV_BIN / "pre-commit"
matches = base.suffix_matcher(".json", ".yaml", ".yml", ".toml")
# Parsed only; the error's `lineno` is the line (TOMLDecodeError has it from Python 3.14 on).
PARSERS: dict[str, tuple[Callable[[str], object], type[ValueError]]] = {
    ".json": (json.loads, json.JSONDecodeError),
    ".toml": (tomllib.loads, tomllib.TOMLDecodeError),
}


def version() -> str:
    tools = (base.tool_version([str(tool), "--version"]) for tool in (CHECK_JSONSCHEMA, PRE_COMMIT))
    return " / ".join([f"PyYAML {yaml.__version__}", *tools])


def kind_of(file: Path, documents: list[object]) -> str | None:
    """Which known config a parsed YAML file is: by name first, then by its top-level keys."""
    name = file.name.lower()
    doc = documents[0] if len(documents) == 1 else None
    keys = set(doc) if isinstance(doc, dict) else set()
    if name.startswith(".pre-commit-config") or name.startswith("pre-commit-config"):
        return "pre-commit"
    if "compose" in name:
        return "compose"
    if "workflows" in file.parts or ("jobs" in keys and ("on" in keys or True in keys)):
        return "github-workflow"
    compose_keys = set("services volumes networks configs secrets name version include".split())
    if "services" in keys and not keys - compose_keys and not name.startswith("."):
        return "compose"
    if "repos" in keys and isinstance(doc.get("repos"), list):  # type: ignore[attr-defined]
        return "pre-commit"
    return None


def run(ctx: base.Context, file: Path) -> base.Outcome:
    text = file.read_text(encoding="utf-8")
    if file.suffix in PARSERS:
        parse, error = PARSERS[file.suffix]
        try:
            parse(text)
        except error as exc:
            return base.Outcome(False, f"{file.suffix[1:]}: {exc}", getattr(exc, "lineno", None))
        return base.Outcome(True)
    try:
        documents = list(yaml.safe_load_all(text))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return base.Outcome(False, f"yaml: {exc}", mark.line + 1 if mark else None)
    kind = kind_of(file, documents)
    schema = {"compose": "vendor.compose-spec", "github-workflow": "vendor.github-workflows"}
    if kind in schema:
        argv = [str(CHECK_JSONSCHEMA), "--builtin-schema", schema[kind], str(file)]
    elif kind == "pre-commit":
        argv = [str(PRE_COMMIT), "validate-config", str(file)]
    else:
        return base.Outcome(True)
    ran = base.run_clean(argv, ctx.timeout)
    if ran.returncode != 0:
        outcome = base.failed(ran, file, f"{kind} validation", r"line (\d+)")
        outcome.line = outcome.line or line_of_json_path(text, ran.output)
        return outcome
    return base.Outcome(True)


JSON_PATH = re.compile(r"(?:Best Deep Match:\s*|::)(\$[^\s:]*)")
PATH_STEP = re.compile(r"\.([A-Za-z_][\w-]*)|\[(\d+)\]|\['([^']*)'\]")


def line_of_json_path(text: str, output: str) -> int | None:
    """The YAML line of the deepest JSON path check-jsonschema names (`$.jobs.test['runs-on']`)."""
    paths = JSON_PATH.findall(output)
    if not paths:
        return None
    node = yaml.compose(text)
    for step in PATH_STEP.finditer(max(paths, key=len)):
        name, index, quoted = step.groups()
        if isinstance(node, yaml.SequenceNode) and index is not None:
            node = node.value[int(index)] if int(index) < len(node.value) else node
        elif isinstance(node, yaml.MappingNode):
            key = quoted if quoted is not None else name
            match = [v for k, v in node.value if k.value == key]
            if not match:
                break
            node = match[0]
        else:
            break
    return node.start_mark.line + 1 if node is not None else None
