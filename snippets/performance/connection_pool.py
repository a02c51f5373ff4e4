"""A bounded connection pool: reused connections, and a clear error when it is exhausted."""

import tempfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.pool import QueuePool

with tempfile.TemporaryDirectory() as tmp:
    database_url = f"sqlite:///{Path(tmp) / 'app.db'}"

    # --8<-- [start:pool]
    engine = create_engine(
        database_url,
        poolclass=QueuePool,
        pool_size=2,        # kept open; size by the formula: processes x (size + overflow) < limit
        max_overflow=1,     # extra connections allowed under a burst
        pool_timeout=0.2,   # seconds to wait for a free connection, then fail (default 30)
        pool_pre_ping=True,  # replace connections the server closed while idle
    )
    # --8<-- [end:pool]

    opened = []
    event.listen(engine, "connect", lambda dbapi_conn, record: opened.append(record))

    # Sequential requests reuse one connection instead of opening one each.
    for _ in range(20):
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    assert len(opened) == 1

    # A burst may use pool_size + max_overflow connections, and the next one waits, then fails.
    held = [engine.connect() for _ in range(3)]
    with pytest.raises(PoolTimeout):
        engine.connect()
    for conn in held:
        conn.close()
    assert engine.pool.checkedout() == 0
    engine.dispose()
