-- Indexes on the columns that filter, join and sort; EXPLAIN QUERY PLAN proves they are used.
CREATE TABLE devices (id INTEGER PRIMARY KEY, name TEXT, location_id INT, route_id INT,
                      deleted INT NOT NULL DEFAULT 0);
CREATE TABLE sales (id INTEGER PRIMARY KEY, device_id INT, amount REAL, created_at TEXT);

-- --8<-- [start:indexes]
CREATE INDEX idx_devices_location ON devices(location_id);
CREATE INDEX idx_devices_route ON devices(route_id);
CREATE INDEX idx_sales_device_date ON sales(device_id, created_at);
-- --8<-- [end:indexes]

-- --8<-- [start:plan]
EXPLAIN QUERY PLAN
SELECT sum(amount) FROM sales
WHERE device_id = 7 AND created_at >= '2025-08-01';
-- --8<-- [end:plan]
-- Output:
-- QUERY PLAN
-- `--SEARCH sales USING INDEX idx_sales_device_date (device_id=? AND created_at>?)
