"""Shell snippets (`*.sh`): shellcheck, then bash with outward-facing commands stubbed.

Deploy and network commands are replaced by stubs that record their calls, so the script runs.
"""

from __future__ import annotations

from pathlib import Path

from handbook.snippets.runners import base

NAME = "bash"
implicit_deps = base.no_implicit_deps
# Commands that deploy, publish or reach outside. Each stub records `name args…` and exits 0.
STUBBED = tuple(
    "docker docker-compose podman curl wget ssh scp rsync sftp systemctl journalctl kubectl helm"
    " terraform vercel netlify gh aws gcloud az flyctl heroku nc ping sudo apt-get brew".split()
)
# Commands stubbed only for some sub-commands; the rest go to the real tool.
PARTIAL = {
    "git": ("push", "fetch", "pull", "clone", "ls-remote"),
    "npm": ("publish", "install", "ci"),
    "pip": ("install",),
}

STUB = Path(__file__).with_name("stub.sh").read_text(encoding="utf-8")


def matches(rel: str) -> bool:
    return rel.endswith((".sh", ".bash"))


def version() -> str:
    return (
        base.tool_version(["bash", "--version"])
        + " / "
        + " ".join(base.tool_version(["shellcheck", "--version"]).split())
        + " / "
        + ",".join(STUBBED)
        + STUB  # a changed stub re-runs every shell snippet
    )


def write_stubs(directory: Path) -> None:
    """Create the stub commands in `directory`."""
    directory.mkdir()
    for name, subs in [*((name, ()) for name in STUBBED), *PARTIAL.items()]:
        stub = directory / name
        stub.write_text(f'#!/bin/sh\nsubs="{" ".join(subs)}"\n{STUB}')
        stub.chmod(0o755)


def run(ctx: base.Context, file: Path) -> base.Outcome:
    with base.temp_dir() as tmp:
        env = base.clean_env(tmp)
        check = base.run(
            ["shellcheck", "--format=gcc", "--external-sources", str(file)],
            cwd=file.parent,
            env=env,
            timeout=ctx.timeout,
        )
        if check.returncode != 0:
            return base.failed(check, file, "shellcheck", r"{name}:(\d+):")
        stubs = tmp / ".hb-stubs"
        write_stubs(stubs)
        log = tmp / ".hb-stub-calls"
        log.touch()
        work = tmp / "work"
        work.mkdir()
        env = base.clean_env(tmp, extra_path=[str(stubs)])
        env.update(HB_STUB_LOG=str(log), HB_REAL_PATH=base.clean_env(tmp)["PATH"])
        ran = base.run(["bash", str(file)], cwd=work, env=env, timeout=ctx.timeout)
        calls = [c for c in log.read_text().split("\n") if c]
        if ran.returncode != 0:
            outcome = base.failed(ran, file, "bash", r"{name}: line (\d+)")
        else:
            outcome = base.compare_output(
                file.read_text(encoding="utf-8"), "#", ran.stdout
            ) or base.Outcome(True)
        outcome.stub_calls = calls
        return outcome
