"""The CVD hand-written `validate_device_data` as a Pydantic v2 model plus database checks."""

import sqlite3
from typing import Annotated

from pydantic import (
    BaseModel,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic import ValidationError as PydanticValidationError

db = sqlite3.connect(":memory:")
db.executescript("""
    CREATE TABLE device_types (id INTEGER PRIMARY KEY);
    CREATE TABLE locations (id INTEGER PRIMARY KEY);
    CREATE TABLE devices (id INTEGER PRIMARY KEY, serial_number TEXT UNIQUE);
    INSERT INTO device_types VALUES (1);
    INSERT INTO locations VALUES (10);
    INSERT INTO devices VALUES (5, 'ABC-12345');
""")

# --8<-- [start:model]
DeviceName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=2, max_length=100,
                      pattern=r"^[A-Za-z0-9 _-]+$"),  # v2: pattern=, not regex=
]
Serial = Annotated[
    str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z0-9-]{5,50}$")
]


class DeviceCreate(BaseModel):
    name: DeviceName
    device_type_id: int
    serial_number: Serial | None = None
    location_id: int | None = None


class DeviceUpdate(BaseModel):  # on update every field is optional
    name: DeviceName | None = None
    device_type_id: int | None = None
    serial_number: Serial | None = None
    location_id: int | None = None

    @field_validator("device_type_id", "location_id")
    @classmethod
    def positive(cls, value: int | None, info: ValidationInfo) -> int | None:
        if value is not None and value <= 0:
            raise ValueError(f"{info.field_name} must be a positive id")
        return value
# --8<-- [end:model]


# --8<-- [start:references]
def reference_errors(device: DeviceCreate | DeviceUpdate, device_id: int | None = None) -> list:
    """Rules that need the database; run after the model, inside the same transaction as the
    write. The UNIQUE constraint still guards the race between this check and the INSERT."""
    errors = []
    if device.serial_number and db.execute(
        "SELECT 1 FROM devices WHERE serial_number = ? AND id IS NOT ?",
        (device.serial_number, device_id),
    ).fetchone():
        errors.append({"field": "serial_number", "reason": "already exists"})
    if device.device_type_id is not None and not db.execute(
        "SELECT 1 FROM device_types WHERE id = ?", (device.device_type_id,)
    ).fetchone():
        errors.append({"field": "device_type_id", "reason": "unknown device type"})
    if device.location_id is not None and not db.execute(
        "SELECT 1 FROM locations WHERE id = ?", (device.location_id,)
    ).fetchone():
        errors.append({"field": "location_id", "reason": "unknown location"})
    return errors
# --8<-- [end:references]


def fields_of(exc: PydanticValidationError) -> set[str]:
    return {str(e["loc"][0]) for e in exc.errors()}


def test_device_rules() -> None:
    ok = DeviceCreate(name=" Lobby 1 ", device_type_id=1, serial_number="xyz-98765")
    assert ok.name == "Lobby 1" and ok.serial_number == "XYZ-98765"
    assert reference_errors(ok) == []

    for bad, field in [({"name": "A", "device_type_id": 1}, "name"),
                       ({"name": "x" * 101, "device_type_id": 1}, "name"),
                       ({"name": "<b>", "device_type_id": 1}, "name"),
                       ({"name": "Lobby"}, "device_type_id"),
                       ({"name": "Lobby", "device_type_id": 1, "serial_number": "ab"},
                        "serial_number")]:
        try:
            DeviceCreate(**bad)
        except PydanticValidationError as exc:
            assert field in fields_of(exc), (bad, exc)
        else:
            raise AssertionError(f"accepted {bad}")

    dup = DeviceCreate(name="Gym", device_type_id=2, serial_number="abc-12345", location_id=99)
    assert [e["field"] for e in reference_errors(dup)] == [
        "serial_number", "device_type_id", "location_id"]
    # Updating device 5 with its own serial is not a duplicate.
    assert reference_errors(DeviceUpdate(serial_number="ABC-12345"), device_id=5) == []
    try:
        DeviceUpdate(location_id=0)
    except PydanticValidationError as exc:
        assert "location_id must be a positive id" in str(exc)
    else:
        raise AssertionError("accepted location_id=0")


if __name__ == "__main__":
    test_device_rules()
