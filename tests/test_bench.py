"""Benchmarks: `handbook bench --quick` writes results that fit the schema; each part measures.

The quick run uses real builds, real Chromium and real Pagefind, only smaller and once.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from handbook.bench import configs, page, proc, results, synth

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def quick_results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One `handbook bench --quick` run into a temp results file and work directory."""
    tmp = tmp_path_factory.mktemp("bench")
    out = tmp / "results.json"
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from handbook.cli import main; sys.exit(main())",
            "bench",
            "--quick",
            "--out",
            str(out),
            "--work",
            str(tmp / "work"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return results.read(out)


@pytest.mark.slow
@pytest.mark.browser
def test_quick_run_fits_the_schema_and_measures_every_part(quick_results: dict) -> None:
    data = quick_results
    assert data["quick"] is True and data["command"].startswith("handbook bench --quick")
    assert data["machine"]["cores"] >= 1 and data["tools"]["mkdocs-material"]
    real = data["build"]["real"]
    assert real["ok"] and real["html_pages"] > 1 and real["peak_rss_mb"] > 20
    (synthetic,) = data["build"]["synthetic"]
    assert synthetic["pages"] == 30
    for config in ("stock", "handbook"):
        assert synthetic["configs"][config]["ok"], synthetic["configs"][config]["error"]
    zensical = synthetic["configs"]["zensical"]  # a Zensical incompatibility is a finding, recorded
    assert zensical["ok"] or zensical["error"].strip()
    scale = data["build"]["scaling"]  # alternate builds at 30 and 90 pages
    assert set(scale["sizes"]) == {"30", "90"} and scale["rounds"] == 1
    assert scale["sizes"]["90"]["median_s"] > scale["sizes"]["30"]["median_s"] > 0
    assert {p["config"] for p in data["profile"]} == {"stock", "handbook"}
    for site in data["search"]:
        assert site["material"]["results"] > 0 and site["pagefind"]["results"] > 0
        assert site["material"]["js_heap_workers_mb"] is not None
    kinds = {w["kind"]: w for w in data["weight"]["pages"]}
    assert set(kinds) == {"guide", "checklist"}
    assert all(w["gzip_bytes"] < w["raw_bytes"] for w in kinds.values())
    assert data["snippets"]["skipped"].startswith("--quick")


@pytest.mark.slow
@pytest.mark.browser
def test_the_fragments_render_from_quick_results(quick_results: dict) -> None:
    files = page.fragments(quick_results)
    assert set(files) >= {f"docs/about/generated/{n}.md" for n in page.FRAGMENTS}
    assert files == page.fragments(copy.deepcopy(quick_results))  # byte for byte
    build = files["docs/about/generated/perf-build.md"]
    assert f"{quick_results['build']['real']['median_s']:.1f} s" in build
    assert f"**{quick_results['build']['scaling']['ratio']:.2f}×** for 3.00× the pages" in build
    assert "Not measured: --quick" in files["docs/about/generated/perf-snippets.md"]


@pytest.mark.slow
@pytest.mark.browser
def test_growth_profile_names_the_part_that_grows_fastest(quick_results: dict) -> None:
    data = copy.deepcopy(quick_results)
    base = next(p for p in data["profile"] if p["config"] == "handbook")
    nav = "navigation (nav-item.html, nav.html, tabs)"
    small = {**copy.deepcopy(base), "pages": 1000, "growth": True}
    big = {**copy.deepcopy(base), "pages": 3000, "growth": True, "total_s": base["total_s"] * 3}
    for name, phase in big["phases"].items():
        phase["seconds"] *= 4 if name == nav else 3
    small["phases"].setdefault(nav, {"seconds": 1.0, "share": 0.1})
    big["phases"].setdefault(nav, {"seconds": 4.0, "share": 0.1})
    data["profile"] += [small, big]
    results.validate(data)
    text = page.fragments(data)["docs/about/generated/perf-growth.md"]
    assert f"grows fastest is **{nav}** (4.00×)" in text
    assert "| whole build (profiled) |" in text and "| 3.00× |" in text


def test_schema_rejects_a_result_without_its_machine(tmp_path: Path) -> None:
    good = {
        "schema": "handbook-bench/1",
        "quick": True,
        "date": "2026-12-01T10:00:00+00:00",
        "command": "handbook bench --quick",
        "runs": 1,
        "machine": {"cores": 2, "memory_gib": 23.5, "os": "Linux"},
        "tools": {
            k: "1"
            for k in ("python", "mkdocs", "mkdocs-material", "zensical", "pagefind", "chromium")
        },
        "goals": {},
        **{
            k: {"skipped": "not selected"}
            for k in ("build", "profile", "snippets", "search", "weight")
        },
    }
    results.validate(good)
    bad = copy.deepcopy(good)
    del bad["machine"]
    with pytest.raises(ValueError, match="machine"):
        results.validate(bad)
    broken = tmp_path / "results.json"
    broken.write_text('{\n  "schema": \n}')
    with pytest.raises(ValueError, match=r"results.json:3"):
        results.read(broken)


def test_synthetic_pages_have_the_stated_shape(tmp_path: Path) -> None:
    site = synth.generate(tmp_path, 20)
    pages = sorted(site.docs.glob("section-*/page-*.md"))
    assert len(pages) == 20
    for path in pages[:5]:
        text = path.read_text()
        prose = re.sub(r"```.*?```", "", text, flags=re.S)
        assert 700 <= len(prose.split()) <= 1300
        assert 4 <= len(re.findall(r"^## (?!Checklist)", text, re.M)) <= 6
        assert text.count("\n```") == 6  # three blocks, each opened and closed
        assert len(re.findall(r"^- \[[ x]\] ", text, re.M)) == 8
        assert text.count("!!! note") == 1
    assert synth.generate(tmp_path / "again", 20).nav == site.nav  # deterministic


def test_handbook_config_keeps_the_real_features_and_tags(tmp_path: Path) -> None:
    site = synth.generate(tmp_path, 10)
    written = configs.handbook_config(site, tmp_path / "out", ROOT / "mkdocs.yml")
    real = configs.load_config(ROOT / "mkdocs.yml")
    ours = configs.load_config(written)
    assert ours["theme"]["features"] == real["theme"]["features"]
    assert json.dumps(ours["plugins"], default=str).count("search") >= 1
    assert [str(e)[:20] for e in ours["markdown_extensions"]] == [
        str(e)[:20] for e in real["markdown_extensions"]
    ]
    assert "!!python/object/apply:pymdownx.slugs.slugify" in written.read_text()
    assert ours["nav"] == site.nav


def test_bad_config_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "mkdocs.yml"
    bad.write_text("site_name: x\ntheme:\n  name: [unclosed\n")
    with pytest.raises(SystemExit, match=r"mkdocs.yml:\d+"):
        configs.load_config(bad)


def test_peak_memory_and_cpu_are_those_of_the_child() -> None:
    allocate = "b = bytearray(150 * 2**20); b[::4096] = b'x' * len(b[::4096]); sum(range(10**7))"
    measured = proc.run([sys.executable, "-c", allocate], ROOT)
    assert measured.returncode == 0
    assert measured.peak_rss_mb >= 150
    assert 0 < measured.cpu_s <= measured.wall_s * 2 + 0.5
    small = proc.run([sys.executable, "-c", "pass"], ROOT)
    assert small.peak_rss_mb < 100


def test_merge_fills_only_missing_parts_and_names_their_run() -> None:
    from handbook.bench import runner

    base = {
        "command": "handbook bench",
        "date": "2026-12-01T11:00:00+00:00",
        "build": {"skipped": "not measured yet"},
        "search": {"skipped": "x"},
        "weight": {"pages": [], "own_assets": {"within_goal": True}},
        "snippets": {"skipped": "not measured yet"},
        "profile": {"skipped": "x"},
    }
    other = {
        "command": "handbook bench --only snippets",
        "date": "2026-12-01T11:30:00+00:00",
        "build": {"skipped": "not selected"},
        "search": {"skipped": "not selected"},
        "weight": {"pages": ["other"], "own_assets": {"within_goal": False}},
        "snippets": {"skipped": None, "cold": {}, "goals": {"warm_le_3s": True}},
        "profile": [{"config": "stock"}],
    }
    merged = runner.merge(base, other)
    assert merged["snippets"]["measured_by"]["command"] == "handbook bench --only snippets"
    assert merged["profile"][0]["measured_by"]["date"].startswith("2026-12-01T11:30")
    assert merged["weight"] == base["weight"]  # measured parts are never replaced
    assert merged["build"] == {"skipped": "not measured yet"}
    # A part that `other` had merged in from a third run keeps that run's name.
    third = {"command": "handbook bench --only build", "date": "2026-11-30T09:00:00+00:00"}
    other["build"] = {"real": {}, "measured_by": third}
    assert runner.merge(base, other)["build"]["measured_by"] == third
    assert merged["goals"]["snippets_warm_le_3s"] is True


def test_a_part_merged_from_another_run_names_that_run_on_its_fragment() -> None:
    data = results.read(ROOT / "bench" / "results.json")
    other = {"command": "handbook bench --only build", "date": data["date"]}
    data["build"] = {**data["build"], "measured_by": other}
    text = page.fragments(data)["docs/about/generated/perf-build.md"]
    assert "Measured in a separate run: `handbook bench --only build`." in text
    assert (
        "Measured in a separate run" not in page.fragments(data)["docs/about/generated/perf-run.md"]
    )


@pytest.mark.browser
def test_page_weight_counts_what_a_worker_fetches_after_the_network_went_idle(
    tmp_path: Path, browser
) -> None:
    """The search worker starts when the deferred bundle runs and fetches its index after that:
    read at `networkidle`, a visit missed the worker's files in some loads (and its script in
    all). Here a worker starts 0.8 s after the load, past Playwright's 0.5 s idle window."""
    from handbook.bench import weight

    (tmp_path / "index.html").write_text(
        "<!doctype html><title>late</title><script>"
        'addEventListener("load", () => setTimeout(() => new Worker("w.js"), 800));'
        "</script>",
        encoding="utf-8",
    )
    (tmp_path / "w.js").write_text('fetch("late.txt").then((r) => r.text());\n', encoding="utf-8")
    (tmp_path / "late.txt").write_text("fetched by the worker\n", encoding="utf-8")
    (visit,) = weight.measure(tmp_path, {"late": ""}, browser)
    assert {"index.html", "w.js", "late.txt"} <= set(visit["files"]), visit["files"]
    assert visit["requests"] == 3
