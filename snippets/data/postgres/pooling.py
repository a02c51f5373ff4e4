"""One connection pool per process: 100 requests reuse a handful of connections instead of
opening 100. Counted with the pool's `connect` event."""

import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.pool import NullPool, QueuePool


def opened_connections(engine) -> list[int]:
    opened: list[int] = []
    event.listen(engine, "connect", lambda *_: opened.append(1))
    return opened


def handle_request(engine) -> int:
    with engine.connect() as conn:  # borrows from the pool, returns it on exit
        return conn.execute(text("SELECT 1")).scalar_one()


def test_pool_reuses_connections() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'app.db'}"  # PostgreSQL: postgresql+psycopg://...

        # --8<-- [start:pool]
        engine = create_engine(
            url,
            poolclass=QueuePool,  # the default for PostgreSQL; explicit here for SQLite
            pool_size=5,  # connections kept open
            max_overflow=5,  # extra connections under a burst, closed afterwards
            pool_timeout=10,  # seconds to wait for a free connection, then an error
            pool_pre_ping=True,  # replace connections the server closed
            pool_recycle=1800,  # and those older than 30 minutes
        )
        # --8<-- [end:pool]
        opened = opened_connections(engine)
        with ThreadPoolExecutor(max_workers=8) as workers:
            assert sum(workers.map(lambda _: handle_request(engine), range(100))) == 100
        assert 1 <= len(opened) <= 10  # pool_size + max_overflow at most
        engine.dispose()

        # Anti-pattern: a new connection per request.
        per_request = create_engine(url, poolclass=NullPool)
        opened = opened_connections(per_request)
        for _ in range(100):
            handle_request(per_request)
        assert len(opened) == 100


if __name__ == "__main__":
    test_pool_reuses_connections()
