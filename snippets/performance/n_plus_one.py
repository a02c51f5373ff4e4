"""Devices with their location: N+1 queries in a loop, one query with a JOIN, counted."""

import sqlite3

db = sqlite3.connect(":memory:")
db.executescript("""
    CREATE TABLE locations (id INTEGER PRIMARY KEY, name TEXT);
    CREATE TABLE routes (id INTEGER PRIMARY KEY, name TEXT);
    CREATE TABLE devices (id INTEGER PRIMARY KEY, name TEXT, serial_number TEXT,
                          location_id INT REFERENCES locations, route_id INT REFERENCES routes,
                          deleted INT NOT NULL DEFAULT 0);
    CREATE TABLE device_metrics (device_id INT PRIMARY KEY REFERENCES devices,
                                 total_sales REAL, units_sold INT);
""")
db.executemany("INSERT INTO locations VALUES (?, ?)", [(i, f"Site {i}") for i in range(1, 6)])
db.executemany("INSERT INTO routes VALUES (?, ?)", [(1, "North"), (2, "South")])
db.executemany(
    "INSERT INTO devices VALUES (?, ?, ?, ?, ?, ?)",
    [(i, f"D{i:02}", f"SN{i}", i % 5 + 1, i % 2 + 1, int(i == 20)) for i in range(1, 21)],
)
db.executemany("INSERT INTO device_metrics VALUES (?, ?, ?)",
               [(i, i * 10.0, i) for i in range(1, 21)])

statements: list[str] = []
db.set_trace_callback(statements.append)  # sqlite3 reports every statement it runs


def devices_n_plus_one() -> list[tuple]:
    # --8<-- [start:bad]
    rows = []
    for device_id, name in db.execute(
            "SELECT id, name FROM devices WHERE deleted = 0 ORDER BY name").fetchall():
        location = db.execute(  # one more query per device
            "SELECT l.name FROM locations l JOIN devices d ON d.location_id = l.id "
            "WHERE d.id = ?", (device_id,)).fetchone()[0]
        rows.append((name, location))
    # --8<-- [end:bad]
    return rows


def devices_with_metrics() -> list[tuple]:
    # --8<-- [start:join]
    return db.execute("""
        SELECT d.name, l.name AS location_name, r.name AS route_name,
               dm.total_sales, dm.units_sold
        FROM devices d
        LEFT JOIN locations l ON d.location_id = l.id
        LEFT JOIN routes r ON d.route_id = r.id
        LEFT JOIN device_metrics dm ON d.id = dm.device_id
        WHERE d.deleted = 0
        ORDER BY d.name
    """).fetchall()
    # --8<-- [end:join]


statements.clear()
slow = devices_n_plus_one()
assert len(slow) == 19 and len(statements) == 1 + 19  # N+1: one list query, one per device

statements.clear()
fast = devices_with_metrics()
assert len(statements) == 1
assert [(name, loc) for name, loc, *_ in fast] == slow  # same data, one round trip
assert fast[0] == ("D01", "Site 2", "South", 10.0, 1)
