"""PostgreSQL snippets (`*.pg.sql`): each in a fresh database of one server started for the run.

Postgres-only SQL (JSONB, window functions, RETURNING …) is checked by real PostgreSQL, any
version: its programs are found by `$HB_PG_BIN`, `pg_config --bindir`, or `pg_ctl` on PATH.
"""

from __future__ import annotations

import functools
import itertools
import os
import pwd
import shutil
import tempfile
from pathlib import Path

from handbook.project import free_port, version_of
from handbook.snippets.runners import base

NAME = "postgresql"
implicit_deps = base.no_implicit_deps
matches = base.suffix_matcher(".pg.sql")
PATTERN = r"{name}:(\d+):"


@functools.cache
def pg_bin() -> Path:
    """The directory of PostgreSQL's server programs (initdb, pg_ctl, postgres).

    Debian keeps them off PATH (/usr/lib/postgresql/<version>/bin), Homebrew and most others put
    them on it; `pg_config --bindir` answers on both when the client development files are there.
    """
    if os.environ.get("HB_PG_BIN"):
        return Path(os.environ["HB_PG_BIN"])
    pg_config = shutil.which("pg_config")
    bindir = version_of([pg_config, "--bindir"]) if pg_config else None  # its one line
    if bindir and (Path(bindir) / "pg_ctl").exists():
        return Path(bindir)
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl:
        return Path(pg_ctl).resolve().parent
    raise RuntimeError(
        "PostgreSQL not found: install it (its pg_ctl on PATH, or pg_config), or "
        "set HB_PG_BIN to the directory that holds pg_ctl"
    )


def version() -> str:
    try:
        return base.tool_version([str(pg_bin() / "postgres"), "--version"])
    except RuntimeError:
        return "postgres: missing"


class Server:
    """One throwaway PostgreSQL cluster on 127.0.0.1, trust auth, in a temp dir."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="hb-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.names = itertools.count(1)
        # postgres refuses to run as root; as root we run it as `nobody` in a dir it owns.
        self.user = "nobody" if os.geteuid() == 0 else None
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)
        self.dir.chmod(0o700)

    def _pg(self, program: str, *args: str) -> base.Ran:
        env = {"PATH": base.SYSTEM_PATH, "HOME": str(self.dir), **base.FIXED_ENV}
        # network=True: the server listens on the host's loopback, not in a namespace of its own.
        argv = [str(pg_bin() / program), *args]
        return base.run(argv, cwd=self.dir, env=env, timeout=120, network=True, user=self.user)

    def start(self) -> None:
        flags = "-U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync".split()
        init = self._pg("initdb", "-D", str(self.data), *flags)
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{init.stdout}{init.stderr}")
        # TCP on loopback as asked; psql itself connects through the socket in our own dir, which
        # also works from inside the snippet's network namespace (no network at all).
        opts = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} "
            f"-c unix_socket_directories='{self.dir}' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        log = self.dir / "server.log"
        ctl = self._pg(
            "pg_ctl", "-D", str(self.data), "-o", opts, "-w", "-t", "60", "-l", str(log), "start"
        )
        if ctl.returncode != 0:
            logged = log.read_text() if log.exists() else ""
            raise RuntimeError(f"pg_ctl start failed:\n{ctl.stdout}{ctl.stderr}{logged}")

    def stop(self) -> None:
        self._pg("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)

    def psql(self, database: str) -> list[str]:
        quiet = "-X -q -A -t -v ON_ERROR_STOP=1 -U postgres".split()
        return ["psql", *quiet, "-h", str(self.dir), "-p", str(self.port), "-d", database]


def server(ctx: base.Context) -> Server:
    """The run's server, started on first use; the engine stops it when the run ends."""
    with ctx.lock:
        if "postgresql" not in ctx.services:
            srv = Server()
            srv.start()
            ctx.services["postgresql"] = srv
        return ctx.services["postgresql"]  # type: ignore[return-value]


def run(ctx: base.Context, file: Path) -> base.Outcome:
    srv = server(ctx)
    database = f"snippet_{next(srv.names)}"

    def psql(db: str, *args: str) -> base.Ran:
        return base.run_clean([*srv.psql(db), *args], ctx.timeout)

    create = psql("postgres", "-c", f'CREATE DATABASE "{database}"')
    if create.returncode != 0:
        return base.failed(create, file, "createdb")
    try:
        ran = psql(database, "-f", str(file))
    finally:
        psql("postgres", "-c", f'DROP DATABASE IF EXISTS "{database}"')
    return base.verdict(ran, file, "psql", PATTERN, "--")
