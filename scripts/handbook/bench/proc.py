"""Run one command and measure it: wall time, CPU time and peak memory of its process tree.

os.wait4 gives the rusage of exactly that child (and the descendants it waited for), not the whole run's.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


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


def run(cmd: list[str], cwd: Path, env: dict | None = None, timeout: float = 1800) -> Measured:
    """Run cmd to completion (killed after timeout); combined output is kept to explain a failure."""
    with tempfile.TemporaryFile() as out, open(os.devnull, "rb") as stdin:
        start = time.perf_counter()
        proc = subprocess.Popen(  # noqa: S603 - commands are built by the bench, not from input
            cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdin=stdin, stdout=out,
            stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if wall >= timeout:
        text += f"\n[killed after {timeout:.0f} s]"
    return Measured(
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=usage.ru_maxrss / 1024,  # Linux reports kilobytes
        returncode=proc.returncode,
        output=text,
    )
