"""Dependency injection: the pool is created once in `lifespan`, handlers receive what they need.

Tests swap a dependency with `app.dependency_overrides` instead of patching globals.
"""

import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.pool import QueuePool

connections_opened: list[int] = []


# --8<-- [start:lifespan]
@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    engine = create_engine(app.state.database_url, poolclass=QueuePool, pool_size=5)
    event.listen(engine, "connect", lambda *_: connections_opened.append(1))
    app.state.engine = engine  # one pool for the process, not one connection per request
    yield
    engine.dispose()  # closed on shutdown


def create_app(database_url: str, production: bool) -> FastAPI:
    app = FastAPI(
        lifespan=lifespan,
        docs_url=None if production else "/docs",  # no Swagger UI in production
        redoc_url=None if production else "/redoc",
        openapi_url=None if production else "/openapi.json",
    )
    app.state.database_url = database_url
    return app
# --8<-- [end:lifespan]


# --8<-- [start:depends]
def get_engine(request: Request) -> Engine:
    return request.app.state.engine


class Database:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get_items(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(text("SELECT name FROM items ORDER BY name")).scalars())


def get_db(engine: Annotated[Engine, Depends(get_engine)]) -> Iterator[Database]:
    yield Database(engine)


def register_routes(app: FastAPI) -> None:
    @app.get("/items")
    def get_items(db: Annotated[Database, Depends(get_db)]) -> dict:
        return {"data": db.get_items()}
# --8<-- [end:depends]


class FakeDatabase:
    def get_items(self) -> list[str]:
        return ["from-override"]


def test_pool_dependencies_and_overrides(tmp_path: Path) -> None:
    connections_opened.clear()
    url = f"sqlite:///{tmp_path}/app.db"
    with sqlite3.connect(tmp_path / "app.db") as conn:
        conn.executescript("CREATE TABLE items (name TEXT); INSERT INTO items VALUES ('a'), ('b');")

    prod = create_app(url, production=True)
    register_routes(prod)
    with TestClient(prod) as client:  # `with` runs the lifespan
        for _ in range(50):
            assert client.get("/items").json() == {"data": ["a", "b"]}
        assert client.get("/docs").status_code == 404
        assert client.get("/openapi.json").status_code == 404
    assert 1 <= len(connections_opened) <= 5  # 50 requests, at most pool_size connections

    dev = create_app(url, production=False)
    register_routes(dev)
    dev.dependency_overrides[get_db] = FakeDatabase
    with TestClient(dev) as client:
        assert client.get("/items").json() == {"data": ["from-override"]}
        assert client.get("/docs").status_code == 200


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        test_pool_dependencies_and_overrides(Path(tmp))
