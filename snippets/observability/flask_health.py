"""The CVD health endpoint: database and disk space, without leaking error text."""

import shutil
import sqlite3
from collections import namedtuple
from datetime import UTC, datetime

from flask import Flask, jsonify

DiskUsage = namedtuple("DiskUsage", "total used free")
disk_usage = shutil.disk_usage
database_path = ":memory:"

# --8<-- [start:health]
app = Flask(__name__)
VERSION = "1.0.0"


@app.get("/health")
def health_check():
    checks: dict[str, str] = {}
    status = "healthy"
    try:
        with sqlite3.connect(database_path) as db:
            db.execute("SELECT 1").fetchone()
        checks["database"] = "healthy"
    except sqlite3.Error:
        app.logger.exception("health_database_failed")
        checks["database"] = "unavailable"
        status = "unhealthy"

    total, _, free = disk_usage("/")
    free_percent = free / total * 100
    checks["disk_space"] = f"{free_percent:.1f}% free"
    if free_percent < 10 and status == "healthy":
        status = "degraded"  # still serving: report it, alert on it, do not pull out of traffic

    body = {"status": status, "version": VERSION, "checks": checks,
            "timestamp": datetime.now(UTC).isoformat()}
    return jsonify(body), 503 if status == "unhealthy" else 200
# --8<-- [end:health]


client = app.test_client()
assert client.get("/health").status_code == 200

disk_usage = lambda path: DiskUsage(100, 95, 5)  # noqa: E731 - 5 % free
low = client.get("/health")
assert low.status_code == 200 and low.json["status"] == "degraded"
assert low.json["checks"]["disk_space"] == "5.0% free"

database_path = "/nonexistent-dir/cvd.db"
down = client.get("/health")
assert down.status_code == 503 and down.json["checks"]["database"] == "unavailable"
assert "nonexistent" not in down.get_data(as_text=True)
