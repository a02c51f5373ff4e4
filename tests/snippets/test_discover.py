"""Discovery and fence rules on small pages written by the test: fast, no toolchains."""

from __future__ import annotations

from pathlib import Path

import pytest
from handbook.snippets.discover import discover, flatten_containers
from handbook.snippets.fences import FenceError, parse_info


def tree(tmp_path: Path, page: str, files: dict[str, str] | None = None) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(page)
    for name, text in (files or {"a.py": "# --8<-- [start:s]\nx = 1\n# --8<-- [end:s]\n"}).items():
        path = tmp_path / "snippets" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_brace_form_and_known_attributes() -> None:
    info = parse_info('{ .ts .annotate title="Illustrative: types only" hl_lines="1 2" }')
    assert (info.language, info.classes, info.illustrative_reason) == (
        "ts",
        ["annotate"],
        "types only",
    )
    assert parse_info('python title="x.py" linenums="3"').attributes == {
        "title": "x.py",
        "linenums": "3",
    }


@pytest.mark.parametrize(
    ("info", "message"),
    [
        ('python tilte="x"', "unknown fence attribute 'tilte'"),
        ("{ .python .wide }", "unknown fence class '.wide'"),
        ("pythn", "unknown language 'pythn'"),
        ('{ .python title="x"', "unclosed brace"),
    ],
)
def test_bad_info_strings(info: str, message: str) -> None:
    with pytest.raises(FenceError, match=message.replace(".", r"\.").replace("(", r"\(")):
        parse_info(info)


def test_nested_containers_keep_line_numbers() -> None:
    page = (
        '1. item\n\n    !!! note\n\n        === "Tab"\n\n            ```python\n'
        "            x = 1\n            ```\n"
    )
    lines = flatten_containers(page)
    assert len(lines) == len(page.split("\n"))
    assert lines[6] == "    ```python"


def test_fences_in_nested_admonition_tab_and_list_are_classified(tmp_path: Path) -> None:
    page = (
        '1. item\n\n    !!! note\n\n        === "Tab"\n\n            ```python\n'
        '            --8<-- "a.py:s"\n            ```\n\n'
        '??? tip "Folded"\n\n    ```python\n    print(1)\n    ```\n'
    )
    found = discover(tree(tmp_path, page))
    assert [(b.where.line, b.kind) for b in found.blocks] == [(7, "tested"), (13, "invalid")]
    assert [str(p) for p in found.problems] == [
        "docs/page.md:13: inline python block is neither tested (an include of snippets/), nor "
        'marked title="Illustrative: <reason>", nor a text block'
    ]
    assert [(i.file, i.section, i.where.line) for i in found.includes] == [("a.py", "s", 8)]


def test_escaped_includes_in_a_markdown_example_are_not_includes(tmp_path: Path) -> None:
    page = (
        '````markdown title="Illustrative: syntax"\n```python\n;--8<-- "gone.py"\n```\n````\n'
        '\n```python\n--8<-- "a.py"\n```\n'
    )
    found = discover(tree(tmp_path, page))
    assert found.problems == []
    assert [i.file for i in found.includes] == ["a.py"]


def test_mixed_include_and_code_is_rejected(tmp_path: Path) -> None:
    found = discover(tree(tmp_path, '```python\n--8<-- "a.py"\nprint(2)\n```\n'))
    assert [str(p) for p in found.problems] == [
        "docs/page.md:2: a tested block holds only include lines; move the inline code into the "
        "snippet file"
    ]


def test_tooling_files_are_not_snippets_but_patterns_may_be_unincluded(tmp_path: Path) -> None:
    files = {
        "a.py": "x = 1\n",
        "patterns/shared.py": "y = 2\n",
        "_harness/h.mjs": "",
        "_types/t.d.ts": "",
        "tsconfig.json": "{}",
        "package.json": "{}",
        "lonely/b.sql": "SELECT 1;\n",
    }
    found = discover(tree(tmp_path, '```python\n--8<-- "a.py"\n```\n', files))
    assert found.snippet_files == ["a.py", "lonely/b.sql", "patterns/shared.py"]
    assert [str(p) for p in found.problems] == [
        "snippets/lonely/b.sql:1: snippet file is not included by any page"
    ]


def test_generated_fragments_under_docs_resolve_like_the_build(tmp_path: Path) -> None:
    """mkdocs.yml searches snippets/ then docs/: a fragment in docs/about/generated/ is found."""
    root = tree(
        tmp_path, '--8<-- "about/generated/figures.md"\n\n--8<-- "about/generated/gone.md"\n'
    )
    fragment = root / "docs" / "about" / "generated" / "figures.md"
    fragment.parent.mkdir(parents=True)
    fragment.write_text("| a | b |\n|---|---|\n| 1 | 2 |\n")
    problems = [p.message for p in discover(root).problems]
    assert not any("figures.md" in m for m in problems)
    assert any("no file snippets/about/generated/gone.md" in m for m in problems)


def test_generated_fragments_are_not_pages_of_their_own(tmp_path: Path) -> None:
    """A fenced block in a generated fragment is counted on the page that includes it, never as
    a page under about/generated/, which the build does not render (no link to it may exist)."""
    root = tree(tmp_path, '```text\n--8<-- "about/generated/example.md"\n```\n')
    fragment = root / "docs" / "about" / "generated" / "example.md"
    fragment.parent.mkdir(parents=True)
    fragment.write_text("```diff\n+ added\n```\n")
    paths = {b.where.path for b in discover(root).blocks}
    assert paths == {"docs/page.md"}
