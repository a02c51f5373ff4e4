"""Nightly SQLite maintenance: purge expired rows, commit, then VACUUM and ANALYZE."""

import logging
import sqlite3
import tempfile
from pathlib import Path

import pytest

logger = logging.getLogger("cvd.maintenance")


def make_database(path: Path) -> None:
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE sessions (id INTEGER PRIMARY KEY, user_id INT, expires_at TEXT);
        CREATE TABLE audit_log (id INTEGER PRIMARY KEY, action TEXT, created_at TEXT);
    """)
    db.executemany(
        "INSERT INTO sessions (user_id, expires_at) VALUES (?, datetime('now', ?))",
        [(1, "-30 days"), (2, "-8 days"), (3, "-1 day"), (4, "+1 day")],
    )
    db.executemany(
        "INSERT INTO audit_log (action, created_at) VALUES (?, datetime('now', ?))",
        [("login", "-400 days"), ("login", "-10 days")],
    )
    db.commit()
    db.close()


# --8<-- [start:maintenance]
def perform_database_maintenance(path: Path) -> dict[str, int]:
    """Delete sessions expired for 7+ days and audit rows older than a year, then compact."""
    db = sqlite3.connect(path)
    try:
        with db:  # one transaction: both deletes or neither
            sessions = db.execute(
                "DELETE FROM sessions WHERE expires_at < datetime('now', '-7 days')"
            ).rowcount
            audit = db.execute(
                "DELETE FROM audit_log WHERE created_at < datetime('now', '-365 days')"
            ).rowcount
        db.execute("VACUUM")   # outside any transaction, or SQLite refuses
        db.execute("ANALYZE")  # refresh the statistics the query planner uses
    finally:
        db.close()
    logger.info("database_maintenance_completed",
                extra={"sessions_deleted": sessions, "audit_rows_deleted": audit})
    return {"sessions": sessions, "audit_log": audit}
# --8<-- [end:maintenance]


with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "cvd.db"
    make_database(path)
    assert perform_database_maintenance(path) == {"sessions": 2, "audit_log": 1}
    db = sqlite3.connect(path)
    assert db.execute("SELECT user_id FROM sessions ORDER BY user_id").fetchall() == [(3,), (4,)]
    assert db.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0] >= 0  # ANALYZE ran
    db.close()

    # --8<-- [start:original]
    # The original ran VACUUM before db.commit(), inside the open DELETE transaction.
    db = sqlite3.connect(path)
    db.execute("DELETE FROM sessions WHERE expires_at < datetime('now', '-7 days')")
    with pytest.raises(sqlite3.OperationalError, match="cannot VACUUM from within a transaction"):
        db.execute("VACUUM")
    db.close()
    # --8<-- [end:original]
