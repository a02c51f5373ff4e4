"""Two machines install the same versions: the environment is exactly lock/all.txt, with hashes."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9._-]+(?:\[[^\]]*\])?==[^\s;\\]+)(?:\s*;\s*([^\\]+?))?\s*\\?$")


def pins(lock: Path) -> dict[str, str]:
    """name -> version of every package the lock installs on this machine (markers evaluated)."""
    out: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if not match:
            continue
        req = Requirement(match.group(1) + (f"; {match.group(2)}" if match.group(2) else ""))
        if req.marker is None or req.marker.evaluate():
            out[canonicalize_name(req.name)] = str(req.specifier).removeprefix("==")
    return out


def test_installed_packages_are_exactly_the_locked_ones() -> None:
    frozen = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "freeze",
            "--exclude-editable",
            "--disable-pip-version-check",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    installed = {canonicalize_name(n): v for n, _, v in (f.partition("==") for f in frozen)}
    locked = pins(ROOT / "lock" / "all.txt")
    assert installed == locked, (
        f"not locked: {sorted(set(installed.items()) - set(locked.items()))}; "
        f"locked, not installed: {sorted(set(locked.items()) - set(installed.items()))} "
        "(run `make lock`, then `make install`)"
    )


def test_every_pin_has_hashes_and_every_range_is_locked() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for name, extras in (("docs.txt", []), ("all.txt", list(project["optional-dependencies"]))):
        text = (ROOT / "lock" / name).read_text(encoding="utf-8")
        blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
        assert blocks and all("--hash=sha256:" in b for b in blocks), name
        wanted = list(project["dependencies"])
        for extra in extras:
            wanted += project["optional-dependencies"][extra]
        locked = {canonicalize_name(b.split("==", 1)[0]) for b in blocks}
        missing = {canonicalize_name(Requirement(r).name) for r in wanted} - locked
        assert not missing, f"lock/{name} lacks {sorted(missing)}: run `make lock`"
