"""Every rule of `users.sql` is enforced by the database: each bad row below is refused.

Reads the schema file the page shows, so the test and the page cannot drift apart.
"""

import sqlite3
from pathlib import Path

SCHEMA = Path(__file__).with_name("users.sql").read_text()


def test_schema_refuses_bad_rows() -> None:
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    row = "INSERT INTO users (username, email, password_hash, role) VALUES (?, ?, ?, ?)"
    bad_rows = {
        "short username": ("al", "al@example.com", "h", "viewer"),
        "duplicate username": ("ada", "ada2@example.com", "h", "viewer"),
        "duplicate email": ("adam", "ada@example.com", "h", "viewer"),
        "malformed email": ("carol", "carol-at-example", "h", "viewer"),
        "unknown role": ("dave", "dave@example.com", "h", "superuser"),
        "missing hash": ("erin", "erin@example.com", None, "viewer"),
    }
    for reason, values in bad_rows.items():
        try:
            db.execute(row, values)
        except sqlite3.IntegrityError:
            continue
        raise AssertionError(f"accepted a row with {reason}")

    for statement in (
        "UPDATE users SET deleted_at = CURRENT_TIMESTAMP WHERE id = 1",  # no deleted_by
        "UPDATE users SET deleted_by = 99, deleted_at = CURRENT_TIMESTAMP WHERE id = 1",  # FK
    ):
        try:
            db.execute(statement)
        except sqlite3.IntegrityError:
            continue
        raise AssertionError(f"accepted: {statement}")
    assert db.execute("SELECT count(*) FROM users").fetchone() == (2,)


if __name__ == "__main__":
    test_schema_refuses_bad_rows()
