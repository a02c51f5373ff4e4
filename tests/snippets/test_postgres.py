"""The PostgreSQL runner against a real server: one cluster per run, a fresh database per file."""

from __future__ import annotations

import socket

import pytest

from tests.snippets.conftest import run_tree

pytestmark = pytest.mark.slow

TABLE = """CREATE TABLE events (id bigserial PRIMARY KEY, payload jsonb NOT NULL);
INSERT INTO events (payload) VALUES ('{"kind": "signup"}'), ('{"kind": "login"}');
SELECT count(*), current_database() LIKE 'snippet_%' FROM events;
SELECT payload->>'kind' FROM events ORDER BY id;
-- Output:
-- 2|t
-- signup
-- login
"""


def test_each_file_gets_its_own_database_and_the_server_stops(tree) -> None:
    root = tree("good")
    for name in ("a", "b", "c"):  # same table name: would clash in a shared database
        (root / "snippets" / "demo" / f"events_{name}.pg.sql").write_text(TABLE)
    with (root / "docs" / "index.md").open("a") as page:
        for name in ("a", "b", "c"):
            page.write(f'\n```sql\n--8<-- "demo/events_{name}.pg.sql"\n```\n')
    files = [f"snippets/demo/events_{n}.pg.sql" for n in "abc"]
    result = run_tree(root, only=["snippets/demo/upsert.pg.sql", *files])
    pg = [r for r in result.results if r.language == "postgresql"]
    assert len(pg) == 4
    assert all(r.ok for r in pg), [r.error for r in pg]


def test_postgres_error_is_reported_with_the_statement_line(tree) -> None:
    root = tree("good")
    (root / "snippets/demo/upsert.pg.sql").write_text(
        "CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1);\n"
        "INSERT INTO t VALUES (1);\n"
    )
    result = run_tree(root, only=["snippets/demo/upsert.pg.sql"])
    got = result.results[0]
    assert not got.ok and got.line == 3
    assert "duplicate key value violates unique constraint" in got.error


def test_server_listens_on_loopback_only_while_running() -> None:
    from handbook.snippets.runners.postgres import Server

    srv = Server()
    srv.start()
    try:
        with socket.create_connection(("127.0.0.1", srv.port), timeout=5):
            pass
        conf = (srv.data / "postmaster.pid").read_text()
        assert "127.0.0.1" in conf
    finally:
        srv.stop()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", srv.port), timeout=2)
