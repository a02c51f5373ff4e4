"""Catch specific exceptions to translate them; the one handler logs; never log-and-re-raise."""

import logging
import sqlite3

from fastapi import FastAPI
from fastapi.testclient import TestClient
from patterns.errors import ExternalServiceError, ValidationError, install_error_handlers

# --8<-- [start:catch]
db = sqlite3.connect(":memory:", check_same_thread=False)


def save_order(sku: str) -> int:
    if not sku.isalnum():
        raise ValidationError("sku must be letters and digits")  # the caller's fault: 422
    try:
        cursor = db.execute("INSERT INTO orders (sku) VALUES (?)", (sku,))
    except sqlite3.OperationalError as e:  # the store failed: not the caller's fault
        raise ExternalServiceError("Orders are unavailable, try again later") from e
    return cursor.lastrowid or 0


app = FastAPI()
install_error_handlers(app)  # logs 5xx errors once, with the traceback and the cause


@app.post("/orders/{sku}", status_code=201)
def create_order(sku: str) -> dict:
    return {"data": {"id": save_order(sku)}}  # no try/except in the route
# --8<-- [end:catch]


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_translated_once_and_logged_once() -> None:
    capture = Capture()
    logging.getLogger().addHandler(capture)
    client = TestClient(app, raise_server_exceptions=False)
    invalid = client.post("/orders/no%20spaces")
    assert invalid.status_code == 422 and invalid.json()["error"]["code"] == "VALIDATION_ERROR"
    down = client.post("/orders/abc")  # the table does not exist: OperationalError
    assert down.status_code == 503 and "no such table" not in down.text
    assert down.json()["error"]["code"] == "SERVICE_UNAVAILABLE"
    db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, sku TEXT)")
    assert client.post("/orders/abc").status_code == 201
    logged = [r for r in capture.records if r.name == "patterns.errors"]
    assert [(r.levelname, r.getMessage()) for r in logged] == [("ERROR", "app_error")]  # once
    assert logged[0].exc_info and isinstance(logged[0].exc_info[1].__cause__,
                                             sqlite3.OperationalError)
    logging.getLogger().removeHandler(capture)


if __name__ == "__main__":
    test_translated_once_and_logged_once()
