"""Publish editions of the handbook with mike and keep every published path reachable.

A reader's bookmark into an old edition must still lead somewhere in the next one, so a page that
moves has to leave a redirect behind; `check-paths` proves that before `publish` runs mike.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET  # noqa: S405 - parses sitemaps we built ourselves
from dataclasses import dataclass
from pathlib import Path

from handbook.project import DEFAULT_ALIAS, Project, ProjectError, tool_env

DEFAULT_BRANCH = "gh-pages"
# A calendar edition name (2026.11, 2026.11.1) keeps the version selector sortable.
VERSION_RE = re.compile(r"^\d{4}\.(0?[1-9]|1[0-2])(\.\d+)?$")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class VersionsError(Exception):
    """A problem the person running the command has to fix; the message says what and where."""


@dataclass(frozen=True)
class Edition:
    """One entry of mike's versions.json."""

    version: str
    title: str
    aliases: tuple[str, ...]


def _mike() -> str:
    found = shutil.which("mike", path=tool_env()["PATH"])  # this interpreter's mike first
    if not found:
        raise VersionsError("mike is not installed: run `make install`")
    return found


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - argv list, no shell
        ["git", "-C", str(repo), *args],  # noqa: S607 - git from PATH, as the Makefile does
        capture_output=True,
        text=True,
        check=check,
    )


def read_editions(repo: Path, branch: str) -> list[Edition]:
    """The editions listed in the branch's versions.json (empty when nothing is published)."""
    shown = _git(repo, "show", f"{branch}:versions.json", check=False)  # fails without a branch
    if shown.returncode != 0:
        return []
    try:
        data = json.loads(shown.stdout)
    except json.JSONDecodeError as exc:
        raise VersionsError(
            f"{branch}:versions.json line {exc.lineno}: not valid JSON ({exc.msg})"
        ) from exc
    return [
        Edition(e["version"], e.get("title", e["version"]), tuple(e.get("aliases", [])))
        for e in data
    ]


def edition_for(editions: list[Edition], name: str) -> Edition | None:
    """The edition called `name`, by version or alias."""
    for edition in editions:
        if edition.version == name or name in edition.aliases:
            return edition
    return None


def _normalize(path: str) -> str:
    """`guide/a/index.html` and `guide/a/` are the same page; the home page is ``."""
    path = path.lstrip("/")
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path


def pages_in_directory(site: Path) -> set[str]:
    """Every HTML path of a built edition, redirect pages included (they keep old links alive)."""
    if not site.is_dir():
        raise VersionsError(f"{site}: not a directory with a built edition")
    return {_normalize(p.relative_to(site).as_posix()) for p in site.rglob("*.html")}


def pages_in_sitemap(sitemap: Path, text: str | None = None) -> set[str]:
    """The page paths of a sitemap.xml, relative to the edition root its URLs share."""
    try:
        root = ET.fromstring(text if text is not None else sitemap.read_text(encoding="utf-8"))  # noqa: S314
    except ET.ParseError as exc:
        line = exc.position[0]
        raise VersionsError(f"{sitemap}:{line}: not a valid sitemap ({exc})") from exc
    urls = [loc.text.strip() for loc in root.iter(f"{SITEMAP_NS}loc") if loc.text]
    if not urls:
        raise VersionsError(f"{sitemap}:1: the sitemap lists no pages")
    prefix = os.path.commonprefix(urls)
    prefix = prefix[: prefix.rfind("/") + 1]
    return {_normalize(url[len(prefix) :]) for url in urls}


def pages_in_branch(repo: Path, branch: str, name: str) -> tuple[Edition, set[str]]:
    """The HTML paths of edition `name` (a version or alias) as committed on the mike branch."""
    edition = edition_for(read_editions(repo, branch), name)
    if edition is None:
        raise VersionsError(f"{branch}:versions.json: no edition or alias called {name!r}")
    listed = _git(repo, "ls-tree", "-r", "--name-only", branch, "--", f"{edition.version}/")
    prefix = f"{edition.version}/"
    pages = {
        _normalize(p[len(prefix) :]) for p in listed.stdout.splitlines() if p.endswith(".html")
    }
    return edition, pages


def _source_hint(path: str) -> str:
    """The Markdown file a lost path most likely came from, for the redirect_maps suggestion."""
    if path in ("", "index.html"):
        return "index.md"
    if path.endswith("/"):
        return f"{path.rstrip('/')}.md"
    return path.removesuffix(".html") + ".md"


def check_paths(
    *, repo: Path, config_file: Path, branch: str, previous: str | None
) -> tuple[str, list[str]]:
    """Build the current sources and compare them with the previous edition: its label, and its
    paths that the build has neither as a page nor as a redirect."""
    if previous and Path(previous).is_dir():
        label, old = previous, pages_in_directory(Path(previous))
    elif previous and Path(previous).is_file():
        label, old = previous, pages_in_sitemap(Path(previous))
    else:
        edition, old = pages_in_branch(repo, branch, previous or DEFAULT_ALIAS)
        label = f"edition {edition.version} ({branch})"
    with tempfile.TemporaryDirectory(prefix="hb-check-paths-") as tmp:
        built = Project.from_root(config_file.parent, config_file).build(Path(tmp) / "site")
        current = pages_in_directory(built)
    return label, sorted(old - current)


def _report_lost(label: str, lost: list[str], config_file: Path) -> None:
    for path in lost:
        print(
            f"{config_file}: /{path} of {label} is gone from this build and has no redirect; "
            f"add `<old>.md: <new>.md` (e.g. {_source_hint(path)}) to redirects.redirect_maps",
            file=sys.stderr,
        )
    print(f"{len(lost)} path(s) of {label} disappeared without a redirect", file=sys.stderr)


def publish(
    *, repo: Path, config_file: Path, version: str, branch: str, alias: str, title: str | None
) -> list[Edition]:
    """Deploy the sources as `version`, move `alias` to it, and make `alias` the default once."""
    if not VERSION_RE.match(version):
        raise VersionsError(f"version {version!r}: use the calendar form YYYY.MM, e.g. 2026.11")
    # mike and the Markdown includes work from the config's directory, inside the repository.
    workdir = config_file.parent
    top = _git(workdir, "rev-parse", "--show-toplevel", check=False)
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != repo.resolve():
        raise VersionsError(f"{config_file}: not inside the git repository {repo}")
    before = read_editions(repo, branch)
    if before and edition_for(before, alias) is not None:
        label, lost = check_paths(repo=repo, config_file=config_file, branch=branch, previous=alias)
        if lost:
            _report_lost(label, lost, config_file)
            raise VersionsError("publish stopped: add the redirects above, then publish again")

    def mike(*args: str) -> None:  # one mike command on the branch
        argv = [_mike(), *args[:1], "-F", str(config_file), "-b", branch, *args[1:]]
        subprocess.run(argv, cwd=workdir, env=tool_env(), check=True)  # noqa: S603

    message = ["-m", f"Publish edition {version} as {alias}", *(["-t", title] if title else [])]
    mike("deploy", "--update-aliases", *message, version, alias)
    from handbook import search  # each edition searches itself: its index, committed beside it

    search.index_edition(repo, branch, version)
    if _git(repo, "cat-file", "-e", f"{branch}:index.html", check=False).returncode != 0:
        mike("set-default", alias)
    after = read_editions(repo, branch)
    kept = {e.version for e in after}
    missing = [e.version for e in before if e.version not in kept]
    if missing:  # mike must never drop an edition it was not asked to
        raise VersionsError(f"{branch}:versions.json lost edition(s) {', '.join(missing)}")
    return after


def _cmd_publish(args: argparse.Namespace) -> int:
    repo = Path(args.repo).resolve()
    after = publish(
        repo=repo,
        config_file=Path(args.config_file).resolve(),
        version=args.version,
        branch=args.branch,
        alias=args.alias,
        title=args.title,
    )
    return _print(after)


def _cmd_check_paths(args: argparse.Namespace) -> int:
    config_file = Path(args.config_file).resolve()
    label, lost = check_paths(
        repo=Path(args.repo).resolve(),
        config_file=config_file,
        branch=args.branch,
        previous=args.previous,
    )
    if lost:
        _report_lost(label, lost, config_file)
        return 1
    print(f"every path of {label} is still served (as a page or a redirect)")
    return 0


def _print(editions: list[Edition]) -> int:
    for edition in editions:
        aliases = f" [{', '.join(edition.aliases)}]" if edition.aliases else ""
        print(f"{edition.version}{aliases}")
    return 0


def _run(func):  # turns VersionsError and a failed mike run into a clear one-line failure
    def wrapper(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except (VersionsError, ProjectError) as exc:
            print(f"handbook versions: {exc}", file=sys.stderr)
            return 1
        except subprocess.CalledProcessError as exc:
            tool = Path(exc.cmd[0]).name
            print(
                f"handbook versions: {tool} {exc.cmd[1]} failed with exit code "
                f"{exc.returncode} (its messages are above)",
                file=sys.stderr,
            )
            return 1

    return wrapper


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("versions", help="publish editions with mike; check moved paths")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--branch", default=DEFAULT_BRANCH, help="the mike branch (gh-pages)")
    common.add_argument("--repo", default=".", help="git repository holding the branch")
    common.add_argument("-f", "--config-file", default="mkdocs.yml")
    sub = parser.add_subparsers(dest="versions_command", metavar="ACTION", required=True)

    pub = sub.add_parser("publish", parents=[common], help="deploy VERSION and move the alias")
    pub.add_argument("version", help="edition name, e.g. 2026.11")
    pub.add_argument("--alias", default=DEFAULT_ALIAS)
    pub.add_argument("--title", default=None)
    pub.set_defaults(func=_run(_cmd_publish))

    chk = sub.add_parser(
        "check-paths",
        parents=[common],
        help="fail naming each path of the previous edition lost without redirect",
    )
    chk.add_argument(
        "--previous",
        default=None,
        help="edition name on the branch, a built site directory, or a sitemap.xml "
        "(default: the `latest` edition on the branch)",
    )
    chk.set_defaults(func=_run(_cmd_check_paths))
