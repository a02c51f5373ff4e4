"""Draw the Performance page's curves as SVG from a results file (matplotlib, Agg backend).

SVGs are reproducible (fixed hash salt, no date): an unchanged result gives an unchanged file.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first

LABELS = {"stock": "Stock Material", "handbook": "Handbook configuration", "zensical": "Zensical"}
STYLE = {"stock": "o-", "handbook": "s-", "zensical": "^-"}


# Readable on a phone, where the page scales a plot to about half its width: labels of 12-14 px
# before scaling. Text stays text (svg.fonttype none) in the page's own font; the background is
# transparent so the page shows through, and hb-theme.css inverts the plots on the dark scheme.
plt.rcParams.update({
    "svg.fonttype": "none",
    "font.size": 13,
    "axes.titlesize": 14,
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
})


def _save(fig, path: Path) -> Path:
    plt.rcParams["svg.hashsalt"] = "handbook-bench"
    fig.tight_layout()
    fig.savefig(path, format="svg", metadata={"Date": None, "Creator": None}, transparent=True)
    plt.close(fig)
    return path


def _series(data: dict, key: str) -> dict[str, tuple[list[int], list[float]]]:
    out: dict[str, tuple[list[int], list[float]]] = {}
    for entry in data["build"].get("synthetic", []):
        for config, timing in entry["configs"].items():
            if timing.get(key) is not None:
                xs, ys = out.setdefault(config, ([], []))
                xs.append(entry["pages"])
                ys.append(timing[key])
    return out


def _line_chart(series, title: str, ylabel: str, path: Path) -> Path:
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    for config, (xs, ys) in series.items():
        ax.plot(xs, ys, STYLE.get(config, "o-"), label=LABELS.get(config, config))
    ax.set_xlabel("pages")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(True, alpha=0.3)
    ax.legend()
    return _save(fig, path)


def draw(data: dict, img_dir: Path) -> list[Path]:
    """Write build-time.svg, build-memory.svg and search-time.svg; returns the files written."""
    img_dir.mkdir(parents=True, exist_ok=True)
    written = []
    if "synthetic" in data["build"]:
        written.append(
            _line_chart(
                _series(data, "median_s"),
                "Build time (median)",
                "seconds",
                img_dir / "build-time.svg",
            )
        )
        written.append(
            _line_chart(
                _series(data, "peak_rss_mb"),
                "Peak memory of the build",
                "MB (max RSS)",
                img_dir / "build-memory.svg",
            )
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
        fig, ax = plt.subplots(figsize=(6.4, 3.8))
        for (label, (xs, ys)), style in zip(series.items(), ["o-", "s-"], strict=True):
            ax.plot(xs, ys, style, label=label)
        ax.axhline(300, color="grey", linestyle="--", linewidth=1, label="300 ms goal")
        ax.set_xlabel("pages")
        ax.set_ylabel("ms from navigation start")
        ax.set_title("Time to first search result (median)")
        ax.grid(True, alpha=0.3)
        ax.legend()
        written.append(_save(fig, img_dir / "search-time.svg"))
    return written
