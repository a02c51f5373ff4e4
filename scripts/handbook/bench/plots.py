"""Draw the Performance page's curves as SVG from a results file (matplotlib, Agg backend).

SVGs are reproducible (fixed hash salt, no date): an unchanged result gives an unchanged file.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first

LABELS = {"stock": "Stock Material", "handbook": "Handbook configuration", "zensical": "Zensical"}
LABELS |= {"old": "old: Material's lunr search", "new": "new: Pagefind index, Material's box"}
STYLE = {"stock": "o-", "handbook": "s-", "zensical": "^-", "Pagefind": "s-", "new": "s-"}


# The sizes and SVG settings; the background is transparent so the page shows through, and
# hb-theme.css inverts the plots on the dark scheme.
plt.style.use(Path(__file__).with_name("plots.mplstyle"))


def _save(fig) -> str:
    fig.tight_layout()
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None}, transparent=True)
    plt.close(fig)
    return out.getvalue()


def _series(data: dict, key: str) -> dict[str, tuple[list[int], list[float]]]:
    out: dict[str, tuple[list[int], list[float]]] = {}
    for entry in data["build"].get("synthetic", []):
        for config, timing in entry["configs"].items():
            if timing.get(key) is not None:
                xs, ys = out.setdefault(config, ([], []))
                xs.append(entry["pages"])
                ys.append(timing[key])
    return out


def line_chart(
    series, title: str, ylabel: str, goal_ms: float | None = None, log: bool = False
) -> str:
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    for config, (xs, ys) in series.items():
        ax.plot(xs, ys, STYLE.get(config, "o-"), label=LABELS.get(config, config))
    if goal_ms:
        ax.axhline(goal_ms, color="grey", linestyle="--", linewidth=1, label=f"{goal_ms:g} ms goal")
    if log:
        ax.set_yscale("log")
        # Plain numbers, not 10^n: an exponent is drawn at 70 % of the label size, too small on
        # a phone.
        ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    ax.set_xlabel("pages")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(True, alpha=0.3)
    ax.legend()
    return _save(fig)


def draw(data: dict) -> dict[str, str]:
    """build-time.svg, build-memory.svg and search-time.svg (those measured): name -> SVG."""
    written = {}
    if "synthetic" in data["build"]:
        written["build-time.svg"] = line_chart(
            _series(data, "median_s"), "Build time (median)", "seconds"
        )
        written["build-memory.svg"] = line_chart(
            _series(data, "peak_rss_mb"), "Peak memory of the build", "MB (max RSS)"
        )
    if isinstance(data["search"], list):
        sized = [s for s in data["search"] if s.get("pages")]
        series = {
            "Material search": (
                [s["pages"] for s in sized],
                [s["material"]["median_ms"] for s in sized],
            ),
            "Pagefind": ([s["pages"] for s in sized], [s["pagefind"]["median_ms"] for s in sized]),
        }
        written["search-time.svg"] = line_chart(
            series, "Time to first search result (median)", "ms from navigation start", 300
        )
    return written
