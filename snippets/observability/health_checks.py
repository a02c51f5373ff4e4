"""Liveness says the process runs; readiness says it can serve: the database answers."""

from fastapi import FastAPI, Response
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ObjectNotExecutableError, SQLAlchemyError

engine = create_engine("sqlite://")

# --8<-- [start:health]
app = FastAPI()


@app.get("/health/live")
def live() -> dict[str, str]:
    """No dependencies: failing here means restart the process."""
    return {"status": "alive"}


@app.get("/health/ready")
def ready(response: Response) -> dict:
    """Dependencies the service cannot work without; failing here means stop sending traffic."""
    checks = {}
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except SQLAlchemyError:
        checks["database"] = "unavailable"  # details go to the log, not to the caller
    healthy = all(v == "ok" for v in checks.values())
    response.status_code = 200 if healthy else 503
    return {"status": "ready" if healthy else "unavailable", "checks": checks}
# --8<-- [end:health]


client = TestClient(app)
assert client.get("/health/live").json() == {"status": "alive"}
assert client.get("/health/ready").status_code == 200

# Point the engine at a database file in a directory that does not exist: readiness fails,
# liveness does not, and the 503 body reveals no path or driver message.
engine = create_engine("sqlite:////nonexistent-dir/cvd.db")
down = client.get("/health/ready")
assert down.status_code == 503
assert down.json() == {"status": "unavailable", "checks": {"database": "unavailable"}}
assert "nonexistent" not in down.text
assert client.get("/health/live").status_code == 200

# --8<-- [start:original]
# The original ran `await db.execute("SELECT 1")`: SQLAlchemy 2 refuses plain strings.
ok_engine = create_engine("sqlite://")
with ok_engine.connect() as conn:
    try:
        conn.execute("SELECT 1")
        raise AssertionError("plain SQL strings must be rejected")
    except ObjectNotExecutableError as e:
        assert "Not an executable object: 'SELECT 1'" in str(e)
# --8<-- [end:original]
