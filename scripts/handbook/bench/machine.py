"""Describe where and with what a figure was measured: machine, tool versions, date, command.

Every result carries this, so no number stands without its context.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import shlex
import sys
from importlib import metadata

from handbook.project import CHROMIUM, version_of

PACKAGES = (
    "mkdocs mkdocs-material pymdown-extensions zensical pagefind playwright pyinstrument matplotlib"
).split()


def tools() -> dict[str, str | None]:
    """Versions of the Python packages and the programs the benchmarks drive."""
    found: dict[str, str | None] = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    found["chromium"] = version_of([CHROMIUM, "--version"])
    found["node"] = version_of(["node", "--version"])
    return found


def machine() -> dict[str, object]:
    """Cores, memory, CPU model and OS of this machine."""
    model = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            model = next(
                (ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), None
            )
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(mem / 2**30, 1),
        "cpu_model": model,
        "os": platform.platform(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def now() -> str:
    """The run date, UTC, ISO 8601."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def command_line() -> str:
    """The command as typed: `handbook bench ...`."""
    return shlex.join(["handbook", *sys.argv[1:]])
