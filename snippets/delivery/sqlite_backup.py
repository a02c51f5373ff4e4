"""An online SQLite backup that is verified by restoring it, not just by its file existing."""

import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path


# --8<-- [start:backup]
def backup_database(source: Path, backup_dir: Path) -> Path:
    """Copy a live database with SQLite's backup API, then prove the copy opens and is whole."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backup_dir / f"{source.stem}-{stamp}.db"
    with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
        live.backup(copy)  # consistent snapshot, even while the app keeps writing
    with sqlite3.connect(target) as copy:
        (status,) = copy.execute("PRAGMA integrity_check").fetchone()
    if status != "ok":
        raise RuntimeError(f"backup {target} failed its integrity check: {status}")
    return target


def restore_drill(backup: Path, table: str) -> int:
    """The restore test: open the backup as the app would and count the rows of a key table."""
    with sqlite3.connect(f"file:{backup}?mode=ro", uri=True) as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
# --8<-- [end:backup]


with tempfile.TemporaryDirectory() as tmp:
    live_path = Path(tmp) / "cvd.db"
    app = sqlite3.connect(live_path)
    app.execute("CREATE TABLE devices (id INTEGER PRIMARY KEY, name TEXT)")
    app.executemany("INSERT INTO devices (name) VALUES (?)", [(f"D{i}",) for i in range(50)])
    app.commit()
    app.execute("INSERT INTO devices (name) VALUES ('uncommitted')")  # a write in progress

    backup = backup_database(live_path, Path(tmp))
    assert restore_drill(backup, "devices") == 50  # the snapshot holds committed rows only
    app.rollback()
    app.close()

    # A copy of the file taken with cp during a write can be torn; the drill catches a broken one.
    broken = Path(tmp) / "broken.db"
    broken.write_bytes(backup.read_bytes()[:1024])
    try:
        restore_drill(broken, "devices")
        raise AssertionError("a truncated backup must not pass the restore drill")
    except sqlite3.DatabaseError:
        pass
