"""CVD-style tests at three levels against one small Flask + SQLite app: unit, API, workflow."""

import sqlite3

import pytest
from flask import Flask, jsonify, request


class ValidationError(Exception):
    pass


SCHEMA = """
CREATE TABLE devices (id INTEGER PRIMARY KEY, name TEXT NOT NULL, serial_number TEXT UNIQUE,
                      state TEXT NOT NULL DEFAULT 'new');
CREATE TABLE cabinets (device_id INT REFERENCES devices, cabinet_index INT,
                       PRIMARY KEY (device_id, cabinet_index));
CREATE TABLE planograms (id INTEGER PRIMARY KEY, device_id INT UNIQUE REFERENCES devices);
CREATE TABLE service_orders (id INTEGER PRIMARY KEY, device_id INT REFERENCES devices);
"""


def create_test_database() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.executescript(SCHEMA)
    return db


class DeviceService:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def create_device(self, data: dict) -> int:
        if not data.get("serial_number"):
            raise ValidationError("serial_number is required")
        try:
            with self.db:
                cur = self.db.execute(
                    "INSERT INTO devices (name, serial_number) VALUES (?, ?)",
                    (data.get("name", "Unnamed"), data["serial_number"]))
        except sqlite3.IntegrityError as e:
            raise ValidationError("serial_number already exists") from e
        return cur.lastrowid

    def get_device(self, device_id: int) -> dict:
        row = self.db.execute("SELECT * FROM devices WHERE id = ?", (device_id,)).fetchone()
        return dict(row)

    def add_cabinet(self, device_id: int, index: int) -> None:
        with self.db:
            self.db.execute("INSERT INTO cabinets VALUES (?, ?)", (device_id, index))

    def create_planogram(self, device_id: int) -> int:
        with self.db:
            return self.db.execute("INSERT INTO planograms (device_id) VALUES (?)",
                                   (device_id,)).lastrowid

    def create_service_order(self, device_id: int) -> int:
        with self.db:
            order = self.db.execute("INSERT INTO service_orders (device_id) VALUES (?)",
                                    (device_id,)).lastrowid
            ready = self.db.execute(
                "SELECT (SELECT count(*) FROM cabinets WHERE device_id = :d) > 0"
                " AND (SELECT count(*) FROM planograms WHERE device_id = :d) > 0",
                {"d": device_id}).fetchone()[0]
            if ready:
                self.db.execute("UPDATE devices SET state = 'operational' WHERE id = ?",
                                (device_id,))
        return order


def create_test_app(service: DeviceService) -> Flask:
    app = Flask(__name__)

    @app.errorhandler(ValidationError)
    def invalid(e):
        return jsonify({"error": str(e)}), 400

    @app.post("/api/devices")
    def create_device():
        if request.headers.get("Authorization") != "Bearer test-token":
            return jsonify({"error": "unauthorized"}), 401
        return jsonify({"id": service.create_device(request.get_json())}), 201

    @app.post("/api/devices/<int:device_id>/cabinets")
    def add_cabinet(device_id: int):
        service.add_cabinet(device_id, request.get_json()["index"])
        return "", 204

    @app.post("/api/devices/<int:device_id>/planogram")
    def planogram(device_id: int):
        return jsonify({"id": service.create_planogram(device_id)}), 201

    @app.post("/api/service-orders")
    def service_order():
        return jsonify({"id": service.create_service_order(request.get_json()["device_id"])}), 201

    @app.get("/api/devices/<int:device_id>")
    def get_device(device_id: int):
        return jsonify(service.get_device(device_id))

    return app


@pytest.fixture
def service() -> DeviceService:
    return DeviceService(create_test_database())


@pytest.fixture
def client(service: DeviceService):
    return create_test_app(service).test_client()


AUTH = {"Authorization": "Bearer test-token"}


# --8<-- [start:unit]
def test_create_device_success(service):
    device_id = service.create_device({"name": "Test Device", "serial_number": "TEST123"})
    assert service.get_device(device_id)["name"] == "Test Device"


def test_create_device_duplicate_serial(service):
    service.create_device({"serial_number": "DUPLICATE123"})
    with pytest.raises(ValidationError, match="already exists"):
        service.create_device({"serial_number": "DUPLICATE123"})
# --8<-- [end:unit]


# --8<-- [start:api]
def test_create_device_endpoint(client):
    response = client.post("/api/devices", headers=AUTH,
                           json={"name": "API Test Device", "serial_number": "API123"})
    assert response.status_code == 201
    assert isinstance(response.get_json()["id"], int)


def test_create_device_requires_auth(client):
    assert client.post("/api/devices", json={"serial_number": "X1"}).status_code == 401
# --8<-- [end:api]


# --8<-- [start:workflow]
def test_complete_device_lifecycle(client):
    device_id = client.post("/api/devices", headers=AUTH,
                            json={"name": "Lobby", "serial_number": "LC-1"}).get_json()["id"]
    assert client.get(f"/api/devices/{device_id}").get_json()["state"] == "new"
    for index in (0, 1):
        client.post(f"/api/devices/{device_id}/cabinets", json={"index": index})
    assert client.post(f"/api/devices/{device_id}/planogram").status_code == 201
    assert client.post("/api/service-orders", json={"device_id": device_id}).status_code == 201
    assert client.get(f"/api/devices/{device_id}").get_json()["state"] == "operational"
# --8<-- [end:workflow]


if __name__ == "__main__":
    raise SystemExit(pytest.main([__file__, "-q", "-p", "no:cacheprovider"]))
