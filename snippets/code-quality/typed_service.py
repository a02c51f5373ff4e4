"""Type hints, a docstring, a specific exception and two kinds of tests on one small function.

The baseline every change meets, shown on code small enough to read in one screen.
"""

import sqlite3
from dataclasses import dataclass


# --8<-- [start:code]
class DeviceNotFoundError(LookupError):
    """Raised when a device id has no row; the API layer turns it into a 404."""

    def __init__(self, device_id: int) -> None:
        super().__init__(f"device {device_id} not found")
        self.device_id = device_id


@dataclass(frozen=True)
class Device:
    id: int
    name: str
    capacity: int


def fill_ratio(device: Device, items: int) -> float:
    """Share of the device's capacity that `items` use, between 0.0 and 1.0.

    Raises:
        ValueError: if `items` is negative or more than the capacity.
    """
    if not 0 <= items <= device.capacity:
        raise ValueError(f"items must be within 0..{device.capacity}, got {items}")
    return items / device.capacity


def load_device(db: sqlite3.Connection, device_id: int) -> Device:
    """The device with this id, or DeviceNotFoundError."""
    row = db.execute(
        "SELECT id, name, capacity FROM devices WHERE id = ?", (device_id,)
    ).fetchone()
    if row is None:
        raise DeviceNotFoundError(device_id)
    return Device(*row)
# --8<-- [end:code]


# --8<-- [start:tests]
def test_fill_ratio_unit() -> None:
    device = Device(1, "VM-1", capacity=40)
    assert fill_ratio(device, 10) == 0.25
    for bad in (-1, 41):
        try:
            fill_ratio(device, bad)
        except ValueError as exc:
            assert "within 0..40" in str(exc)
        else:
            raise AssertionError(f"{bad} items accepted")


def test_load_device_integration() -> None:
    db = sqlite3.connect(":memory:")  # a real database, not a stand-in
    db.execute("CREATE TABLE devices (id INTEGER PRIMARY KEY, name TEXT, capacity INTEGER)")
    db.execute("INSERT INTO devices VALUES (7, 'VM-7', 20)")
    assert fill_ratio(load_device(db, 7), 5) == 0.25
    try:
        load_device(db, 8)
    except DeviceNotFoundError as exc:
        assert exc.device_id == 8
    else:
        raise AssertionError("missing device returned")
# --8<-- [end:tests]


if __name__ == "__main__":
    test_fill_ratio_unit()
    test_load_device_integration()
