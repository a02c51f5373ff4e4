"""BizCard's developer CLI (`backend/app/cli.py`), with the bodies the roadmap left as `...`.

Typer turns each function into a sub-command; the tests drive it through Typer's CliRunner.
"""

import json
import os
import sqlite3
from pathlib import Path
from typing import Annotated

import bcrypt
import typer
from typer.testing import CliRunner

# --8<-- [start:cli]
app = typer.Typer(help="Developer tools of the BizCard backend.", no_args_is_help=True)
DbOption = Annotated[Path, typer.Option(envvar="BIZCARD_DB", help="SQLite database file")]
SCHEMA = """
CREATE TABLE IF NOT EXISTS users (email TEXT PRIMARY KEY, password_hash BLOB, is_admin INTEGER);
CREATE TABLE IF NOT EXISTS contacts (id INTEGER PRIMARY KEY, full_name TEXT, email TEXT);
"""


def connect(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db)
    conn.executescript(SCHEMA)
    return conn


@app.command()
def create_admin(
    email: str,
    password: Annotated[str, typer.Option(prompt=True, hide_input=True,
                                          confirmation_prompt=True)],
    db: DbOption = Path("bizcard.db"),
) -> None:
    """Create admin user"""
    with connect(db) as conn:
        digest = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4))
        conn.execute("INSERT INTO users VALUES (?, ?, 1)", (email, digest))
    typer.echo(f"admin {email} created")


@app.command()
def reset_db(db: DbOption = Path("bizcard.db"), yes: bool = False) -> None:
    """Reset database (dev only)"""
    if os.environ.get("ENV", "development") != "development":
        typer.echo("refusing: ENV is not development", err=True)
        raise typer.Exit(code=1)
    if not yes:
        typer.confirm(f"Delete every row in {db}?", abort=True)
    db.unlink(missing_ok=True)
    connect(db).close()
    typer.echo(f"{db} reset")


@app.command()
def seed_data(db: DbOption = Path("bizcard.db"), count: int = 3) -> None:
    """Seed test data"""
    rows = [(f"Contact {i}", f"contact{i}@example.com") for i in range(1, count + 1)]
    with connect(db) as conn:
        conn.executemany("INSERT INTO contacts (full_name, email) VALUES (?, ?)", rows)
    typer.echo(f"{count} contacts seeded")


@app.command()
def generate_docs(out: Path = Path("openapi.json")) -> None:
    """Generate API documentation"""
    from fastapi import FastAPI  # the real command imports the app: `from app.main import app`

    api = FastAPI(title="BizCard CRM API", version="4.3.0")
    out.write_text(json.dumps(api.openapi(), indent=2))
    typer.echo(f"wrote {out}")
# --8<-- [end:cli]


# --8<-- [start:tests]
def test_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "dev.db")
    ok = runner.invoke(app, ["create-admin", "admin@example.com", "--db", db],
                       input="s3cret\ns3cret\n")
    assert ok.exit_code == 0, ok.output
    assert runner.invoke(app, ["seed-data", "--db", db, "--count", "5"]).exit_code == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM contacts").fetchone() == (5,)
        (digest,) = conn.execute("SELECT password_hash FROM users").fetchone()
        assert bcrypt.checkpw(b"s3cret", digest)
    assert runner.invoke(app, ["reset-db", "--db", db, "--yes"]).exit_code == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM contacts").fetchone() == (0,)
    docs = tmp_path / "openapi.json"
    assert runner.invoke(app, ["generate-docs", "--out", str(docs)]).exit_code == 0
    assert json.loads(docs.read_text())["info"]["title"] == "BizCard CRM API"


def test_reset_refuses_outside_development(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["reset-db", "--db", str(tmp_path / "x.db"), "--yes"],
                                env={"ENV": "production"})
    assert result.exit_code == 1
    assert "refusing" in result.output
# --8<-- [end:tests]


if __name__ == "__main__":
    import tempfile

    for test in (test_commands, test_reset_refuses_outside_development):
        with tempfile.TemporaryDirectory() as tmp:
            test(Path(tmp))
