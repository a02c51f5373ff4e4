-- Index the columns queries filter and sort on, then check the plan uses them.
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
CREATE TABLE logs (id INTEGER PRIMARY KEY, timestamp TEXT NOT NULL, message TEXT);

-- Without an index the lookup scans the whole table.
EXPLAIN QUERY PLAN SELECT id FROM users WHERE email = 'ada@example.com';

-- --8<-- [start:indexes]
CREATE INDEX idx_users_email ON users (email);
CREATE INDEX idx_logs_timestamp ON logs (timestamp DESC);
-- --8<-- [end:indexes]

-- --8<-- [start:plans]
EXPLAIN QUERY PLAN SELECT id FROM users WHERE email = 'ada@example.com';
EXPLAIN QUERY PLAN SELECT message FROM logs ORDER BY timestamp DESC LIMIT 50;
-- --8<-- [end:plans]
-- Output:
-- QUERY PLAN
-- `--SCAN users
-- QUERY PLAN
-- `--SEARCH users USING COVERING INDEX idx_users_email (email=?)
-- QUERY PLAN
-- `--SCAN logs USING INDEX idx_logs_timestamp
