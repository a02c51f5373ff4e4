"""Idempotency keys: a retried POST returns the first answer instead of writing twice.

The client cannot tell "the server never got it" from "the server did it and the answer was
lost": both look like a timeout. Retrying a POST is safe only when the server can recognise the
retry, by a key the client sends with every attempt of the same operation.
"""

import hashlib
import json
import sqlite3
import uuid

from fastapi import FastAPI, Header
from fastapi.testclient import TestClient
from patterns.errors import ConflictError, ValidationError, install_error_handlers
from pydantic import BaseModel

db = sqlite3.connect(":memory:", check_same_thread=False)
db.executescript("""
CREATE TABLE payments (id INTEGER PRIMARY KEY, account TEXT, cents INTEGER);
CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, status INTEGER, body TEXT
);
""")
app = FastAPI()
install_error_handlers(app)


class Payment(BaseModel):
    account: str
    cents: int


# --8<-- [start:server]
@app.post("/payments", status_code=201)
def create_payment(payment: Payment, idempotency_key: str = Header()) -> dict:
    request_hash = hashlib.sha256(payment.model_dump_json().encode()).hexdigest()
    with db:  # one transaction: the key and the payment are stored together or not at all
        seen = db.execute("SELECT request_hash, body FROM idempotency_keys WHERE key = ?",
                          (idempotency_key,)).fetchone()
        if seen:
            if seen[0] != request_hash:  # the draft's answer to a reused key: 422
                raise ValidationError("Idempotency-Key reused with a different request")
            return json.loads(seen[1])  # the retry gets the first answer, nothing is written
        try:
            # The key's PRIMARY KEY: a concurrent duplicate waits for this transaction, then
            # fails here instead of writing a second payment.
            db.execute("INSERT INTO idempotency_keys (key, request_hash) VALUES (?, ?)",
                       (idempotency_key, request_hash))
        except sqlite3.IntegrityError as e:  # the draft's answer while the first runs: 409
            raise ConflictError("A request with this Idempotency-Key is in progress") from e
        cursor = db.execute("INSERT INTO payments (account, cents) VALUES (?, ?)",
                            (payment.account, payment.cents))
        body = {"id": cursor.lastrowid, "account": payment.account, "cents": payment.cents}
        db.execute("UPDATE idempotency_keys SET status = 201, body = ? WHERE key = ?",
                   (json.dumps(body), idempotency_key))
    return body
# --8<-- [end:server]


client = TestClient(app)

# --8<-- [start:client]
def pay(account: str, cents: int, attempts: int = 3) -> dict:
    key = str(uuid.uuid4())  # one key per operation, reused by every retry of it
    for attempt in range(1, attempts + 1):
        response = client.post("/payments", json={"account": account, "cents": cents},
                               headers={"Idempotency-Key": key})
        if attempt == 1:
            continue  # the first answer is lost on the way back: the client sees a timeout
        assert response.status_code == 201, response.text
        return response.json()
    raise RuntimeError("unreachable")
# --8<-- [end:client]


# --8<-- [start:checks]
paid = pay("acct-7", 2500)
rows = db.execute("SELECT COUNT(*) FROM payments").fetchone()[0]
assert rows == 1, f"the retried POST wrote {rows} payments"
assert paid == {"id": 1, "account": "acct-7", "cents": 2500}

# The same key with another body is a client bug: 422 in the error envelope, nothing written.
headers = {"Idempotency-Key": "fixed-key"}
first = client.post("/payments", json={"account": "a", "cents": 1}, headers=headers)
assert first.status_code == 201
reused = client.post("/payments", json={"account": "a", "cents": 999}, headers=headers)
assert reused.status_code == 422 and reused.json()["error"]["code"] == "VALIDATION_ERROR"
assert db.execute("SELECT COUNT(*) FROM payments").fetchone()[0] == 2

# Without the header the request is refused before anything is written: 422 naming the header.
missing = client.post("/payments", json={"account": "a", "cents": 1})
assert missing.status_code == 422
assert missing.json()["error"]["details"]["fields"][0]["field"] == "header.idempotency-key"
# --8<-- [end:checks]
