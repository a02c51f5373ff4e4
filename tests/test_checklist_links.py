"""Every checklist item links to the section that explains it, in the built site.

A link must carry an anchor, must not point at a section's reading list (`<section>/index.md`)
nor at a page's top (the anchor of its `h1`, which is the whole page, not the item's section),
and the linked section (its heading up to the next heading of the same or a higher level) must
mention the item's key term: at least half of the key words of the link text (the words left
after articles and the checklists' stock verbs such as "is set up" or "are configured").
Reviewed exceptions, each with a reason, live in tests/checklist_link_exceptions.yml.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from handbook import checklists as cl
from handbook.project import Project

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Project.from_root(ROOT)
EXCEPTIONS = Path(__file__).with_name("checklist_link_exceptions.yml")
LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])+)\]\(([^)\s]+)\)")
# Words that carry no topic: articles, verbs of state, and the checklist's stock verbs.
STOP = set(
    """a an the and or of to in on for with by as at from into its it is are be been
was were has have no not any all every each this that these those than then there their our your
properly proper set up enabled configured implemented handled pass passes passed done ready
run runs used using make made get works work being against""".split()
)
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class Section:
    id: str
    level: int
    text: str


class _Sections(HTMLParser):
    """Headings with ids inside the page's <article>, each with the text up to the next heading
    of the same or a higher level. Navigation and the table of contents are outside <article>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # >0 while inside <article>
        self.open: list[Section] = []
        self.done: dict[str, Section] = {}
        self.skip = 0  # inside a heading's permalink anchor

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "article":
            self.depth += 1
            return
        if not self.depth:
            return
        if tag in HEADINGS:
            level = int(tag[1])
            while self.open and self.open[-1].level >= level:
                closed = self.open.pop()
                self.done.setdefault(closed.id, closed)
            if a.get("id"):
                self.open.append(Section(a["id"] or "", level, ""))
        if tag == "a" and "headerlink" in (a.get("class") or ""):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1
        elif tag == "a" and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            for section in self.open:
                section.text += data + " "

    def close(self) -> None:
        super().close()
        for section in self.open:
            self.done.setdefault(section.id, section)


def sections(html: str) -> dict[str, Section]:
    parser = _Sections()
    parser.feed(html)
    parser.close()
    return parser.done


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text.lower())
    return re.findall(r"[a-z0-9]+", re.sub(r"[\u0300-\u036f]", "", text))


def key_words(link_text: str) -> list[str]:
    return [w for w in words(link_text) if w not in STOP and not w.isdigit()]


def mentions(section_text: str, word: str) -> bool:
    """A key word is mentioned when a word of the section starts with its first five letters
    (so "collected" finds "collect", "asynchronously" finds "async")."""
    stem = word[:5]
    return any(
        w.startswith(stem) or (len(w) >= 4 and word.startswith(w)) for w in set(words(section_text))
    )


def html_file(site: Path, doc: str) -> Path:
    """Where MkDocs writes a page (directory URLs, as mkdocs.yml builds)."""
    from mkdocs.structure.files import File

    return site / File(doc, "", "", use_directory_urls=True).dest_uri


def check(docs: Path, site: Path, exceptions: list[dict]) -> tuple[list[str], list[dict]]:
    """Problems, as `docs/<page>:<line>: ...` lines, and the exceptions that were used."""
    problems: list[str] = []
    used: list[dict] = []
    cache: dict[str, dict[str, Section]] = {}
    for checklist in cl.load_checklists(docs):
        for item in checklist.items:
            where = f"docs/{checklist.source}:{item.line}"
            for text, href in LINK.findall(item.body):
                if Project.is_external(href):
                    continue  # an outside reference; the page says why it links out
                doc, anchor = PROJECT.resolve_link(checklist.source, href)
                if posixpath.basename(doc) == "index.md":
                    problems.append(
                        f"{where}: [{text}] links the section index {doc}; "
                        "link the section that explains the item"
                    )
                    continue
                if not anchor:
                    problems.append(f"{where}: [{text}] links {doc} without an anchor")
                    continue
                if doc not in cache:
                    cache[doc] = sections(html_file(site, doc).read_text(encoding="utf-8"))
                section = cache[doc].get(anchor)
                if section is None:
                    problems.append(f"{where}: [{text}] #{anchor} is not a heading of {doc}")
                    continue
                if section.level == 1:
                    problems.append(
                        f"{where}: [{text}] #{anchor} is the top of {doc}; "
                        "link the section that explains the item"
                    )
                    continue
                keys = key_words(text)
                missing = [w for w in keys if not mentions(section.text, w)]
                if 2 * (len(keys) - len(missing)) >= len(keys):
                    continue
                excused = [
                    e for e in exceptions if e["page"] == checklist.source and e["link"] == text
                ]
                if excused:
                    used.extend(excused)
                    continue
                problems.append(
                    f"{where}: [{text}] -> {doc}#{anchor}: the section does not "
                    f"mention {', '.join(repr(w) for w in missing)}"
                )
    return problems, used


def load_exceptions(path: Path) -> list[dict]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for n, entry in enumerate(entries):
        if (
            not isinstance(entry, dict)
            or set(entry) != {"page", "link", "reason"}
            or not str(entry["reason"]).strip()
        ):
            raise ValueError(f"{path.name}: entry {n + 1} needs page, link and a reason")
    return entries


@pytest.fixture(scope="module")
def site(request: pytest.FixtureRequest) -> Path:
    import os

    own = os.environ.get("HB_CHECKLISTS_SITE")
    return Path(own) if own else request.getfixturevalue("built_site")


def test_every_checklist_link_lands_on_a_section_that_explains_it(site: Path) -> None:
    exceptions = load_exceptions(EXCEPTIONS)
    problems, used = check(ROOT / "docs", site, exceptions)
    assert not problems, "\n".join(problems)
    unused = [e for e in exceptions if e not in used]
    assert not unused, f"exceptions no longer needed, remove them: {unused}"


# --- the check itself, on a small fixture site --------------------------------------------

PAGE = """<html><body><nav><h2 id="toc">Retry-After everywhere</h2></nav><article>
<h1 id="rate-limiting">Rate limiting<a class="headerlink" href="#rate-limiting">idempotency</a></h1>
<p>Intro.</p>
<h2 id="per-account">Per account</h2><p>Limit each account. Send Retry-After.</p>
<h3 id="detail">Detail</h3><p>Counters in Redis.</p>
<h2 id="other">Other</h2><p>Idempotency keys.</p>
</article></body></html>"""


def fixture_tree(tmp_path: Path, item: str) -> tuple[Path, Path]:
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "checklists").mkdir(parents=True)
    (docs / "checklists" / "review.md").write_text(
        "# Review {#review data-hb-checklist}\n\n## Group {#group}\n\n" + item + "\n",
        encoding="utf-8",
    )
    (site / "security" / "rate-limiting").mkdir(parents=True)
    (site / "security" / "rate-limiting" / "index.html").write_text(PAGE, encoding="utf-8")
    return docs, site


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("- [ ] [Accounts are limited](../security/rate-limiting.md#per-account)", None),
        ("- [ ] [Redis counters](../security/rate-limiting.md#per-account)", None),  # h3 inside h2
        ("- [ ] [Accounts are limited](../security/rate-limiting.md)", "without an anchor"),
        ("- [ ] [Accounts are limited](../security/index.md#x)", "links the section index"),
        ("- [ ] [Accounts are limited](../security/rate-limiting.md#nope)", "is not a heading"),
        # The page's h1 mentions everything on the page; it is still not the item's section.
        ("- [ ] [Rate limiting](../security/rate-limiting.md#rate-limiting)", "is the top of"),
        # The next h2's text, the permalink's text and the table of contents are not the section.
        (
            "- [ ] [Idempotency keys](../security/rate-limiting.md#per-account)",
            "does not mention 'idempotency', 'keys'",
        ),
        # Half of the key words is enough: "limited" and "account" are there, "emails" is not.
        ("- [ ] [Emails and accounts are limited](../security/rate-limiting.md#per-account)", None),
        (
            "- [ ] [Emails and keys are limited](../security/rate-limiting.md#per-account)",
            "does not mention 'emails', 'keys'",
        ),
        ("- [ ] [Redis counters](../security/rate-limiting.md#other)", "does not mention 'redis'"),
    ],
)
def test_check_on_a_fixture(tmp_path: Path, item: str, expected: str | None) -> None:
    docs, site = fixture_tree(tmp_path, item)
    problems, _ = check(docs, site, [])
    if expected is None:
        assert problems == []
    else:
        assert len(problems) == 1 and expected in problems[0], problems
        assert problems[0].startswith("docs/checklists/review.md:5: ")


def test_a_reviewed_exception_silences_one_link(tmp_path: Path) -> None:
    docs, site = fixture_tree(
        tmp_path, "- [ ] [Idempotency keys](../security/rate-limiting.md#per-account)"
    )
    exceptions = [{"page": "checklists/review.md", "link": "Idempotency keys", "reason": "r"}]
    assert check(docs, site, exceptions) == ([], exceptions)


def test_an_exception_without_a_reason_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "exceptions.yml"
    bad.write_text("- {page: checklists/review.md, link: X, reason: ''}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="entry 1 needs page, link and a reason"):
        load_exceptions(bad)
