"""Read, check and write bench/results.json against its JSON Schema (results.schema.json).

The schema is the contract between the benchmark, the Performance page and `make test`.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

SCHEMA = Path(__file__).with_name("results.schema.json")


def validate(data: dict, where: str = "results") -> None:
    """Raise ValueError naming the first field that does not fit the schema."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: e.path)
    if errors:
        err = errors[0]
        path = "/".join(str(p) for p in err.absolute_path) or "(top)"
        raise ValueError(f"{where}: {path}: {err.message}")


def write(data: dict, path: Path) -> None:
    """Validate, then write atomically (a half-written file never replaces a good one)."""
    validate(data, str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)


def read(path: Path) -> dict:
    """Load and validate a results file; a parse error names the file and line."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}:{exc.lineno}: not JSON: {exc.msg}") from exc
    validate(data, str(path))
    return data
