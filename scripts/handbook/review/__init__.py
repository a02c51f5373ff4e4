"""`handbook review`: read a pull request's diff and write one comment linking the sections of
the handbook (and the checklist items) that apply to what it touches.

Rules live beside the pages they link (`docs/<page>.review.yml`); see rules.py and match.py.
Pages, their URLs and the site URL come from the project core (handbook.project).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from handbook.project import DEFAULT_ALIAS, Project

if TYPE_CHECKING:
    from .rules import Rule


# What check_rules says of a test case that does not behave as declared (fire: True or False).
MISBEHAVES = {True: "does not fire on this case", False: "fires on a case it must not"}


def default_site_url(project: Project) -> str:
    """The configured site URL plus the `latest` alias, where review links point by default."""
    return f"{project.site_url}{DEFAULT_ALIAS}/"


def review(
    diff_text: str,
    name: str,
    project: Project,
    site_url: str | None = None,
    fmt: str = "markdown",
    checkout: Path | None = None,
    rules: list[Rule] | None = None,
) -> str:
    """The comment for one diff. `checkout`: the new tree, to parse whole files (see match.py)."""
    from .comment import checklist_items, render_json, render_markdown, sections_of
    from .diff import parse_diff
    from .match import Matcher
    from .rules import load_rules

    site_url = site_url or default_site_url(project)
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    files = parse_diff(diff_text, name)
    rules = load_rules(project.root) if rules is None else rules
    findings = Matcher(files, checkout).findings(rules)
    sections = sections_of(findings, project, site_url)
    items = checklist_items(sections, project, site_url)
    if fmt == "json":
        return render_json(sections, items, site_url)
    return render_markdown(sections, items)


def check_rules(root: Path) -> list[str]:
    """Problems with the rules: format, page, anchor in the page source, and their own tests."""
    from .comment import headings
    from .diff import DiffError, parse_diff, synthesize
    from .match import Matcher
    from .rules import load_rules

    problems = []
    for rule in load_rules(root):
        if rule.section not in headings(root / "docs" / rule.page)[1]:
            problems.append(
                f"{rule.where}: rule {rule.id!r}: no section #{rule.section} on docs/{rule.page}"
            )
        for fire, cases in ((True, rule.fire), (False, rule.quiet)):
            for case in cases:
                where = f"{rule.source}:{case.line}"
                try:
                    files = parse_diff(synthesize(case.file, case.diff, case.new), where)
                except DiffError as exc:
                    problems.append(f"{where}: {exc}")
                    continue
                if bool(Matcher(files).findings([rule])) != fire:
                    problems.append(f"{where}: rule {rule.id!r} {MISBEHAVES[fire]}")
    return problems


def fragments(project: Project) -> dict[str, str]:
    """The generated files of the "Reviewing with the handbook" page, path -> text: the corpus
    figures, the example comment (of tests/review/golden/example.diff) and the CORS rule file.
    `handbook generate` writes them."""
    from . import corpus
    from .rules import load_rules

    root = project.root
    rules = load_rules(root)
    example = corpus.EXAMPLE_DIFF.as_posix()
    diff_text = (root / example).read_text(encoding="utf-8")
    comment = review(diff_text, example, project, rules=rules)
    rule_text = (root / corpus.RULE_EXAMPLE).read_text(encoding="utf-8")
    return {
        corpus.FIGURES_FRAGMENT.as_posix(): corpus.figures_markdown(corpus.evaluate(root, rules)),
        corpus.EXAMPLE_FRAGMENT.as_posix(): corpus.render(
            "review-example.md", diff_path=example, diff_text=diff_text, comment=comment
        ),
        corpus.RULE_FRAGMENT.as_posix(): corpus.render(
            "review-rule-example.md", rule_path=corpus.RULE_EXAMPLE.as_posix(), rule_text=rule_text
        ),
    }


def _run(args: argparse.Namespace) -> int:
    from .diff import DiffError
    from .rules import RuleError, load_rules

    project: Project = args.project
    try:
        if args.check_rules:
            if problems := check_rules(project.root):
                print("\n".join(problems), file=sys.stderr)
                return 1
            print(f"{len(load_rules(project.root))} review rules, each with its section and tests")
            return 0
        if args.corpus:
            from .corpus import evaluate, figures_markdown

            figures = evaluate(project.root, load_rules(project.root))
            sys.stdout.write(figures_markdown(figures))
            return 0 if figures["all"].meets_bars() else 1
        if args.diff is None:
            print("error: --diff FILE (or -) is required", file=sys.stderr)
            return 2
        stdin = args.diff == "-"
        try:
            raw = sys.stdin.buffer.read() if stdin else Path(args.diff).read_bytes()
        except OSError as exc:
            print(f"error: {args.diff}: {exc.strerror}", file=sys.stderr)
            return 2
        # A diff may carry bytes of any encoding (a Latin-1 file changed); they cannot match a
        # rule, so they are replaced rather than refused.
        text, name = raw.decode("utf-8", "replace"), "<stdin>" if stdin else args.diff
        checkout = Path(args.checkout) if args.checkout else None
        sys.stdout.write(review(text, name, project, args.site_url, args.format, checkout))
        return 0
    except (DiffError, RuleError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "review",
        help="link the handbook sections and checklist items a diff touches",
        description="Write one Markdown comment (or JSON) naming, for each rule a unified diff "
        "fires, the file and line, why it matters and the section's permalink.",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--diff", metavar="FILE", help="unified diff as `git diff` prints it; - for stdin"
    )
    mode.add_argument(
        "--check-rules",
        action="store_true",
        help="check every docs/**/*.review.yml: format, section, its own test cases",
    )
    mode.add_argument(
        "--corpus",
        action="store_true",
        help="measure the rules on tests/review/; exit 1 below the bars",
    )
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown")
    parser.add_argument("--site-url", help="base of the links (default: site_url + latest/)")
    parser.add_argument(
        "--checkout",
        metavar="DIR",
        help="checkout of the new tree: parse whole files, not only hunks",
    )
    parser.set_defaults(func=_run)
