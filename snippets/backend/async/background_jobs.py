"""Background jobs: the request enqueues and answers 202, a worker does the work, retries, gives up.

The queue here is a table in SQLite so the example runs anywhere; in an application it is a
broker-backed library (Celery, RQ, Dramatiq, arq). The contract is the same.
"""

import sqlite3

from fastapi import FastAPI, Response
from fastapi.testclient import TestClient
from patterns.errors import NotFoundError, install_error_handlers

db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
db.execute("""CREATE TABLE jobs (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued', attempts INTEGER NOT NULL DEFAULT 0, error TEXT
)""")
app = FastAPI()
install_error_handlers(app)
MAX_ATTEMPTS = 3


# --8<-- [start:enqueue]
@app.post("/reports", status_code=202)
def request_report(month: str, response: Response) -> dict:
    # Seconds of work do not belong in the request: store the job, answer at once.
    job_id = db.execute("INSERT INTO jobs (kind, payload) VALUES ('report', ?)",
                        (month,)).lastrowid
    response.headers["Location"] = f"/jobs/{job_id}"
    return {"job_id": job_id, "status": "queued"}


@app.get("/jobs/{job_id}")
def job_status(job_id: int) -> dict:
    row = db.execute("SELECT status, attempts, error FROM jobs WHERE id = ?",
                     (job_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"Job {job_id} not found")
    return {"job_id": job_id, "status": row[0], "attempts": row[1], "error": row[2]}
# --8<-- [end:enqueue]


# --8<-- [start:worker]
def claim() -> tuple[int, str] | None:
    """Take one queued job in one statement, so two workers never take the same one.

    SQLite runs one write at a time; in PostgreSQL the inner SELECT adds FOR UPDATE SKIP LOCKED.
    """
    return db.execute("""UPDATE jobs SET status = 'running', attempts = attempts + 1
                         WHERE id = (SELECT id FROM jobs WHERE status = 'queued'
                                     ORDER BY id LIMIT 1)
                         RETURNING id, payload""").fetchone()


def work_once(handler) -> bool:
    job = claim()
    if job is None:
        return False
    job_id, payload = job
    try:
        handler(payload)  # must be idempotent: a retried job may have half-run before
    except Exception as e:  # any failure of the job is recorded, not raised
        attempts = db.execute("SELECT attempts FROM jobs WHERE id = ?", (job_id,)).fetchone()[0]
        status = "failed" if attempts >= MAX_ATTEMPTS else "queued"  # failed = dead letter
        db.execute("UPDATE jobs SET status = ?, error = ? WHERE id = ?", (status, repr(e), job_id))
    else:
        db.execute("UPDATE jobs SET status = 'done', error = NULL WHERE id = ?", (job_id,))
    return True
# --8<-- [end:worker]


# --8<-- [start:checks]
client = TestClient(app)
accepted = client.post("/reports", params={"month": "2026-11"})
assert accepted.status_code == 202 and accepted.headers["location"] == "/jobs/1"
assert client.get("/jobs/1").json()["status"] == "queued"

calls: list[str] = []


def flaky_report(month: str) -> None:
    calls.append(month)
    if len(calls) == 1:
        raise TimeoutError("storage timed out")  # transient: the job goes back to the queue


while work_once(flaky_report):
    pass
assert client.get("/jobs/1").json() == {"job_id": 1, "status": "done", "attempts": 2,
                                        "error": None}

client.post("/reports", params={"month": "broken"})


def always_fails(month: str) -> None:
    raise ValueError(f"no data for {month}")


while work_once(always_fails):
    pass
failed = client.get("/jobs/2").json()
assert failed["status"] == "failed" and failed["attempts"] == MAX_ATTEMPTS
assert "no data for broken" in failed["error"]
assert client.get("/jobs/99").status_code == 404
# --8<-- [end:checks]
