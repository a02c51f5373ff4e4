"""What every runner shares: the clean sandboxed subprocess and the `Output:` block.

One place decides what a snippet's process may see, so every language gets the same isolation.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from handbook.project import version_of

VENV_BIN = Path(sys.executable).parent
SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin"
TAIL_LINES = 40
# What every snippet's process sees besides PATH and HOME: no locale, zone or hash surprises.
FIXED_ENV = dict(
    LANG="C.UTF-8", LC_ALL="C.UTF-8", TZ="UTC", PYTHONDONTWRITEBYTECODE="1", PYTHONHASHSEED="0"
) | {"NO_COLOR": "1", "NODE_OPTIONS": ""}


@dataclass
class Outcome:
    """The verdict on one snippet file: passed or the toolchain's own error and its line.

    `timed_out` marks a verdict of the clock, not of the snippet: it is never cached.
    """

    ok: bool
    error: str = ""
    line: int | None = None
    stub_calls: list[str] = field(default_factory=list)
    timed_out: bool = False


@dataclass
class Context:
    """What a run needs: where things are, the timeout, and shared servers."""

    root: Path
    snippets_dir: Path
    toolchain_dir: Path  # the project's snippets/ (harness, node_modules, tsconfig, _types)
    timeout: float = 60.0
    services: dict[str, object] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def no_implicit_deps(ctx: Context, file: Path) -> list[Path]:
    """`implicit_deps` of a runner whose files depend on nothing but themselves."""
    return []


def suffix_matcher(*suffixes: str) -> Callable[[str], bool]:
    """`matches` of a runner that checks the files whose names end in one of `suffixes`."""
    return lambda rel: rel.endswith(suffixes)


@functools.cache
def can_unshare_network() -> bool:
    """True when `unshare --net` works (root or user namespaces): snippets get no network."""
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "--net", "true"], capture_output=True, check=False)  # noqa: S607
    return probe.returncode == 0


def sandbox_prefix(network: bool) -> list[str]:
    """The command prefix that cuts the network: a new namespace with only loopback up."""
    if network or not can_unshare_network():
        return []
    lo_up = 'ip link set lo up 2>/dev/null; exec "$@"'
    return ["unshare", "--net", "--", "sh", "-c", lo_up, "hb-sandbox"]


def clean_env(
    home: Path, extra_path: list[str] | None = None, snippets_dir: Path | None = None
) -> dict[str, str]:
    """A minimal environment: short PATH, HOME in the temp dir, no proxies, snippets/ importable."""
    path = ":".join([*(extra_path or []), str(VENV_BIN), SYSTEM_PATH])
    env = {"PATH": path, "HOME": str(home), "TMPDIR": str(home), **FIXED_ENV}
    if snippets_dir is not None:
        env["PYTHONPATH"] = str(snippets_dir)
    return env


@contextmanager
def temp_dir() -> Iterator[Path]:
    """A fresh directory used as cwd and HOME of one snippet, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="hb-snippet-", ignore_cleanup_errors=True) as path:
        yield Path(path)


@dataclass
class Ran:
    """A finished (or timed-out) process."""

    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False

    @property
    def output(self) -> str:
        parts = (self.stdout.strip("\n"), self.stderr.strip("\n"))
        return "\n".join(part for part in parts if part)


def _text(data: bytes | None) -> str:
    # Bytes, not text mode: text mode would also turn every \r into \n in what snippets print.
    return (data or b"").decode("utf-8", "replace")


def run(
    argv: list[str],
    *,
    cwd: Path,
    env: dict[str, str],
    timeout: float,
    network: bool = False,
    stdin: Path | None = None,
    user: str | None = None,
) -> Ran:
    """Run one toolchain command in its own process; a timeout is a result, not an exception."""
    cmd = [*sandbox_prefix(network), *argv]
    with open(stdin or os.devnull, "rb") as fin:
        try:
            proc = subprocess.run(  # noqa: S603 - running the toolchain is the job
                cmd,
                cwd=cwd,
                env=env,
                stdin=fin,
                capture_output=True,
                timeout=timeout,
                check=False,
                user=user,
            )
        except subprocess.TimeoutExpired as exc:
            err = _text(exc.stderr) + f"\ntimed out after {timeout:g}s"
            return Ran(-1, _text(exc.stdout), err, timed_out=True)
    return Ran(proc.returncode, _text(proc.stdout), _text(proc.stderr))


def run_clean(argv: list[str], timeout: float, stdin: Path | None = None) -> Ran:
    """`run` in a fresh temporary directory that is its cwd and HOME, with `clean_env`."""
    with temp_dir() as tmp:
        return run(argv, cwd=tmp, env=clean_env(tmp), timeout=timeout, stdin=stdin)


def tail(text: str) -> str:
    """The last lines of a tool's output: where its own error message is."""
    return "\n".join(text.strip("\n").split("\n")[-TAIL_LINES:])


def line_in(output: str, file: Path, pattern: str = r"{name}\D{{1,3}}(\d+)") -> int | None:
    """The first line number the tool's output gives for `file` (regex with `{name}`)."""
    regex = re.compile(pattern.format(name=re.escape(file.name)))
    hits = regex.findall(output)
    return int(hits[-1] if "Traceback" in output else hits[0]) if hits else None


def output_block(text: str, prefix: str) -> tuple[int, list[str]] | None:
    """The trailing `<prefix> Output:` comment block: (its 1-based line, expected lines).

    The block is the last run of comment lines of the file; its first line is `# Output:`.
    """
    lines = text.rstrip("\n").split("\n")
    i = len(lines)
    while i > 0 and lines[i - 1].startswith(prefix):
        i -= 1
    for j in range(i, len(lines)):
        if lines[j].rstrip() == f"{prefix} Output:":
            return j + 1, [raw[len(prefix) :].removeprefix(" ") for raw in lines[j + 1 :]]
    return None


def compare_output(text: str, prefix: str, stdout: str) -> Outcome | None:
    """None when there is no block or stdout matches it; else a failure with a diff."""
    block = output_block(text, prefix)
    if block is None:
        return None
    line, expected = block
    actual = stdout.rstrip("\n").split("\n") if stdout.strip("\n") else []
    while expected and expected[-1] == "":
        expected.pop()
    if actual == expected:
        return None
    diff = "\n".join(
        difflib.unified_diff(expected, actual, "expected (# Output:)", "actual stdout", lineterm="")
    )
    return Outcome(False, f"stdout differs from the {prefix} Output: block\n{diff}", line)


def failed(ran: Ran, file: Path, what: str, pattern: str | None = None) -> Outcome:
    """A failure carrying the tool's own output and the snippet line it names."""
    text = tail(ran.output)
    line = line_in(ran.output, file, pattern) if pattern else line_in(ran.output, file)
    return Outcome(False, f"{what} (exit {ran.returncode}):\n{text}", line, timed_out=ran.timed_out)


def verdict(ran: Ran, file: Path, what: str, pattern: str, prefix: str) -> Outcome:
    """`failed` on a non-zero exit; else the file's `<prefix> Output:` block against stdout."""
    if ran.returncode != 0:
        return failed(ran, file, what, pattern)
    return compare_output(file.read_text(encoding="utf-8"), prefix, ran.stdout) or Outcome(True)


def tool_version(argv: list[str]) -> str:
    """First line of `tool --version`; part of the cache key."""
    return version_of(argv) or f"{argv[0]}: missing"
