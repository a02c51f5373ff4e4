"""A versioned-SQL migration runner (the CVD approach) that is safe to run on every deploy.

Each file runs once, in order, inside one transaction with its bookkeeping row, so a failing
migration leaves neither half a schema nor a record claiming it ran.
"""

import sqlite3
import tempfile
from pathlib import Path

MIGRATIONS = {
    "000_initial.sql": """
        CREATE TABLE sessions (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL,
                               last_activity TEXT);
    """,
    "001_add_activity_monitoring.sql": """
-- --8<-- [start:migration]
-- migrations/001_add_activity_monitoring.sql
ALTER TABLE sessions ADD COLUMN device_type TEXT;
ALTER TABLE sessions ADD COLUMN activity_count INTEGER NOT NULL DEFAULT 0;
CREATE INDEX idx_sessions_activity ON sessions (last_activity);
-- The runner records the version; the file does not insert into schema_migrations itself.
-- --8<-- [end:migration]
    """,
    "002_broken.sql": """
        ALTER TABLE sessions ADD COLUMN ip TEXT;
        ALTER TABLE no_such_table ADD COLUMN x TEXT;
    """,
}


# --8<-- [start:runner]
class DatabaseMigrator:
    def __init__(self, db: sqlite3.Connection, directory: Path) -> None:
        self.db = db
        self.directory = directory
        # autocommit mode: this class opens and closes every transaction itself
        self.db.isolation_level = None
        self.db.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                        "version TEXT PRIMARY KEY, applied_at TEXT NOT NULL "
                        "DEFAULT CURRENT_TIMESTAMP)")

    def applied(self) -> set[str]:
        return {v for (v,) in self.db.execute("SELECT version FROM schema_migrations")}

    def pending(self) -> list[Path]:
        done = self.applied()
        return sorted(p for p in self.directory.glob("*.sql") if p.name not in done)

    def apply_pending_migrations(self) -> list[str]:
        applied = []
        for path in self.pending():
            try:
                # executescript parses the file with SQLite's own splitter; BEGIN opens the
                # transaction that also covers the bookkeeping row (SQLite DDL is transactional).
                self.db.executescript("BEGIN;\n" + path.read_text())
                self.db.execute("INSERT INTO schema_migrations (version) VALUES (?)",
                                (path.name,))
                self.db.execute("COMMIT")
            except sqlite3.Error as exc:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise RuntimeError(f"{path}: migration failed: {exc}") from exc
            applied.append(path.name)
        return applied
# --8<-- [end:runner]


def columns(db: sqlite3.Connection) -> list[str]:
    return [row[1] for row in db.execute("PRAGMA table_info(sessions)")]


def test_migrations_apply_once_in_order_and_roll_back_on_failure() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        for name in ("000_initial.sql", "001_add_activity_monitoring.sql"):
            (directory / name).write_text(MIGRATIONS[name])
        db = sqlite3.connect(":memory:")
        migrator = DatabaseMigrator(db, directory)
        assert migrator.apply_pending_migrations() == ["000_initial.sql",
                                                       "001_add_activity_monitoring.sql"]
        assert migrator.apply_pending_migrations() == []  # second deploy: nothing to do
        assert columns(db)[-2:] == ["device_type", "activity_count"]

        (directory / "002_broken.sql").write_text(MIGRATIONS["002_broken.sql"])
        try:
            migrator.apply_pending_migrations()
        except RuntimeError as exc:
            assert "002_broken.sql" in str(exc) and "no_such_table" in str(exc)
        else:
            raise AssertionError("broken migration reported success")
        assert "ip" not in columns(db)  # its first statement was rolled back too
        assert "002_broken.sql" not in migrator.applied()


if __name__ == "__main__":
    test_migrations_apply_once_in_order_and_roll_back_on_failure()
