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
matches = base.suffix_matcher(".sh", ".bash")


def version() -> str:
    shellcheck = " ".join(base.tool_version(["shellcheck", "--version"]).split())
    # STUB too: a changed stub re-runs every shell snippet.
    return f"{base.tool_version(['bash', '--version'])} / {shellcheck} / {','.join(STUBBED)}{STUB}"


def write_stubs(directory: Path) -> None:
    directory.mkdir()
    for name, subs in [*((name, ()) for name in STUBBED), *PARTIAL.items()]:
        stub = directory / name
        stub.write_text(f'#!/bin/sh\nsubs="{" ".join(subs)}"\n{STUB}')
        stub.chmod(0o755)


def run(ctx: base.Context, file: Path) -> base.Outcome:
    with base.temp_dir() as tmp:
        env = base.clean_env(tmp)
        lint = ["shellcheck", "--format=gcc", "--external-sources", str(file)]
        check = base.run(lint, cwd=file.parent, env=env, timeout=ctx.timeout)
        if check.returncode != 0:
            return base.failed(check, file, "shellcheck", r"{name}:(\d+):")
        stubs = tmp / ".hb-stubs"
        write_stubs(stubs)
        log = tmp / ".hb-stub-calls"
        log.touch()
        work = tmp / "work"
        work.mkdir()
        stubbed = base.clean_env(tmp, extra_path=[str(stubs)])
        stubbed.update(HB_STUB_LOG=str(log), HB_REAL_PATH=env["PATH"])
        ran = base.run(["bash", str(file)], cwd=work, env=stubbed, timeout=ctx.timeout)
        outcome = base.verdict(ran, file, "bash", r"{name}: line (\d+)", "#")
        outcome.stub_calls = [c for c in log.read_text().split("\n") if c]
        return outcome
