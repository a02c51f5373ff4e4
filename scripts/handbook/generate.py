"""`handbook generate [--check]`: write every generated file of the handbook, or name stale ones.

One table of generators; each turns inputs that are committed (provenance maps, pages, checklist
pages, bench/results.json, the stored search-quality results) into files, deterministically: no
clock, no machine, no browser, so `--check` is a plain comparison that `make test` runs. Prose
stays in the Markdown pages, which include the data fragments from docs/about/generated/.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from handbook.project import GENERATED, Project

Files = dict[str, str | bytes]

# The last `handbook search quality --json` run; measuring needs Chromium, rendering does not.
SEARCH_RESULTS = "bench/search-quality.json"


def templates(module_file: str, **filters: Callable[..., Any]) -> jinja2.Environment:
    """The Jinja templates in `fragments/` beside a module: one per generated Markdown fragment.

    Markdown, not HTML: nothing is escaped, and `{#id}` is an attribute list, not a comment (a
    comment is `{## ... ##}`). A missing figure fails instead of printing blank.
    """
    env = jinja2.Environment(  # noqa: S701
        comment_start_string="{##",
        comment_end_string="##}",
        loader=jinja2.FileSystemLoader(Path(module_file).with_name("fragments")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do"],
    )
    env.filters.update(filters)
    return env


def search_quality(project: Project) -> Files:
    """The Search quality page's figures (the stored results of the last quality run); no date
    or machine in them: the same run renders the same bytes."""
    path = project.path(SEARCH_RESULTS)
    try:
        s = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{project.rel(path)}:{exc.lineno}: not JSON: {exc.msg}") from exc
    rate = lambda hits, n: f"{hits} / {n} ({100 * hits / n:.1f} %)"  # noqa: E731
    page = templates(__file__, rate=rate).get_template("search-quality.md").render(s)
    return {f"{GENERATED}/search-quality.md": page}


# name -> "module:function(project) -> Files", imported only when it runs (as the CLI's jobs);
# `handbook generate --only NAME` runs one.
GENERATORS = {
    # The Sources page's table of every element of the original guides (provenance maps).
    "sources": "handbook.provenance:generated",
    # Tested and illustrative code blocks per page and language (from the pages).
    "snippet-coverage": "handbook.snippets.coverage:generated",
    # .github pull-request templates from the checklist pages.
    "pr-templates": "handbook.checklists:templates",
    # The Performance page's fragments and plots (bench/results.json).
    "performance": "handbook.bench.page:generated",
    "search-quality": "handbook.generate:search_quality",
    # The review corpus figures, an example comment and a rule file (tests/review/, *.review.yml).
    "review": "handbook.review:fragments",
}


def generator(name: str) -> Callable[[Project], Files]:
    module, _, function = GENERATORS[name].partition(":")
    return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


def stale(project: Project, files: Files) -> list[str]:
    """The files (paths under the root) whose content on disk differs from `files`."""
    out = []
    for rel, content in files.items():
        path = project.path(rel)
        want = content.encode("utf-8") if isinstance(content, str) else content
        if not path.is_file() or path.read_bytes() != want:
            out.append(rel)
    return out


def generate(project: Project, names: list[str] | None = None, *, check: bool = False) -> list[str]:
    """Write (or with `check`, only compare) the generated files; returns the stale ones."""
    changed: list[str] = []
    for name in names or list(GENERATORS):
        files = generator(name)(project)
        for rel in stale(project, files):
            changed.append(rel)
            if not check:
                path = project.path(rel)
                path.parent.mkdir(parents=True, exist_ok=True)
                content = files[rel]
                path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return changed


def _main(args: argparse.Namespace) -> int:
    try:
        changed = generate(args.project, args.only, check=args.check)
    except (OSError, ValueError) as exc:  # an input that is missing or malformed, named
        print(f"handbook generate: {exc}", file=sys.stderr)
        return 2
    for rel in changed:
        if args.check:
            print(f"{rel}: out of date; run `handbook generate`", file=sys.stderr)
        else:
            print(f"wrote {rel}")
    if args.check and not changed:
        print("every generated file is up to date")
    return 1 if args.check and changed else 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("generate", help="write every generated file", description=__doc__)
    p.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 naming each file that is out of date",
    )
    p.add_argument(
        "--only",
        nargs="+",
        choices=list(GENERATORS),
        metavar="NAME",
        help=f"only these generators ({', '.join(GENERATORS)})",
    )
    p.set_defaults(func=_main)


__all__ = ["GENERATORS", "generate", "generator", "register", "stale"]
