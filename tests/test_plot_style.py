"""The Performance page's plots read on both colour schemes and on a phone.

Drawn on a transparent background (the page's own background shows through) with labels large
enough to survive a phone's scaling; on the dark scheme hb-theme.css inverts them.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT
from handbook.bench import page, results

MIN_LABEL_PT = 11.0


def test_plots_are_transparent_with_large_labels():
    data = results.read(ROOT / "bench" / "results.json")
    drawn = {Path(p): t for p, t in page.fragments(data).items() if p.endswith(".svg")}
    assert drawn, "no plot drawn from bench/results.json"
    for svg, text in drawn.items():
        assert isinstance(text, str)
        # matplotlib paints the figure's background as the first path, filled white by default.
        first_patch = re.search(r'<g id="patch_1">\s*<path d="[^"]*"\s*style="([^"]*)"', text)
        assert first_patch is None or "fill: #ffffff" not in first_patch.group(1), (
            f"{svg.name}: white background"
        )
        sizes = [float(s) for s in re.findall(r"font-size:\s*([\d.]+)px", text)]
        assert sizes, f"{svg.name}: labels drawn as outlines, not text"
        assert min(sizes) >= MIN_LABEL_PT, f"{svg.name}: labels of {min(sizes)} px"


def test_dark_scheme_inverts_plots():
    css = (ROOT / "docs" / "assets" / "hb-theme.css").read_text(encoding="utf-8")
    rule = re.search(r'\[data-md-color-scheme="slate"\][^{]*img[^{]*\{[^}]*filter:[^}]*invert', css)
    assert rule, "no dark-scheme filter for the plots in hb-theme.css"
