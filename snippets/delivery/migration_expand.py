"""Expand, deploy, contract: a migration the previous release survives, so rollback is safe."""

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations

engine = sa.create_engine("sqlite://")
with engine.begin() as conn:
    conn.execute(sa.text("CREATE TABLE devices (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"))


def old_release_insert(conn: sa.Connection, name: str) -> None:
    """What the release before the migration does: it knows nothing about `serial_number`."""
    conn.execute(sa.text("INSERT INTO devices (name) VALUES (:n)"), {"n": name})


# --8<-- [start:expand]
def upgrade_expand(conn: sa.Connection) -> None:
    """Step 1, before the new code: add the column as nullable; old code keeps working."""
    op = Operations(MigrationContext.configure(conn))
    op.add_column("devices", sa.Column("serial_number", sa.String(40), nullable=True))
    op.create_index("ix_devices_serial_number", "devices", ["serial_number"], unique=True)


def backfill(conn: sa.Connection) -> None:
    """Step 2, once the new code writes the column: fill the old rows."""
    conn.execute(sa.text(
        "UPDATE devices SET serial_number = 'LEGACY-' || id WHERE serial_number IS NULL"
    ))
# --8<-- [end:expand]


with engine.begin() as conn:
    old_release_insert(conn, "before")
    upgrade_expand(conn)
    old_release_insert(conn, "old code after migration")  # a rollback would still work
    conn.execute(sa.text("INSERT INTO devices (name, serial_number) VALUES ('new', 'SN-1')"))
    backfill(conn)
    rows = conn.execute(sa.text("SELECT name, serial_number FROM devices ORDER BY id")).all()

assert rows == [("before", "LEGACY-1"), ("old code after migration", "LEGACY-2"), ("new", "SN-1")]
