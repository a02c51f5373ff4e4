"""Run one command and measure it: wall time, CPU time and peak memory of its process tree.

GNU time reports the figures: a child spawned straight from this (large) process would carry
this process's peak memory in its own counters, since Linux keeps the peak across exec.
"""

from __future__ import annotations

import os
import signal
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TIME = "/usr/bin/time"


@dataclass
class Measured:
    """What one run cost."""

    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    returncode: int
    output: str

    def tail(self, lines: int = 15) -> str:
        return "\n".join(self.output.strip().splitlines()[-lines:])


def _spawn_in(cmd: list[str], cwd: Path, env: dict, out: int) -> int:
    """posix_spawn has no cwd argument before Python 3.13: change directory around the call."""
    here = os.getcwd()
    os.chdir(cwd)
    try:
        return os.posix_spawnp(
            cmd[0],
            cmd,
            env,
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_DUP2, out, 1),
                (os.POSIX_SPAWN_DUP2, out, 2),
            ],
            setsid=True,
        )
    finally:
        os.chdir(here)


def run(cmd: list[str], cwd: Path, env: dict | None = None, timeout: float = 1800) -> Measured:
    """Run cmd to completion (killed after timeout); output is kept to explain a failure."""
    if not Path(TIME).is_file():
        raise SystemExit(f"{TIME} not found: install the Debian package 'time' (make install does)")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "time.txt"
        start = time.perf_counter()
        timed = [TIME, "-f", "%M %U %S", "-o", str(report), *cmd]
        pid = _spawn_in(timed, cwd, {**os.environ, **(env or {})}, out.fileno())
        deadline = start + timeout
        while True:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                break
            if time.perf_counter() > deadline:
                os.killpg(pid, signal.SIGKILL)
                done, status, usage = os.wait4(pid, 0)
                break
            time.sleep(0.02)
        wall = time.perf_counter() - start
        returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
        figures = report.read_text().split() if report.is_file() else []
    try:  # last line of GNU time's report: max RSS in KiB, user s, sys s
        rss_kib, user, system = (float(x) for x in figures[-3:])
    except ValueError:
        rss_kib, user, system = 0.0, usage.ru_utime, usage.ru_stime
    if wall >= timeout:
        text += f"\n[killed after {timeout:.0f} s]"
    return Measured(wall, user + system, rss_kib / 1024, returncode, text)
