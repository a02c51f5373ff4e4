-- Users table of the CVD system: constraints in the schema, so no code path can skip them.
PRAGMA foreign_keys = ON;  -- SQLite ignores REFERENCES unless this is on, per connection

-- --8<-- [start:table]
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL UNIQUE CHECK (length(username) >= 3),
    email TEXT NOT NULL UNIQUE CHECK (email LIKE '%_@_%._%'),
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'driver', 'viewer')),
    is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),

    -- Soft delete
    deleted_at TEXT NULL,
    deleted_by INTEGER NULL REFERENCES users (id),

    -- Audit fields
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))  -- both set together or neither
);

-- UNIQUE already indexes username and email; index only what queries filter on besides.
CREATE INDEX idx_users_active_live ON users (is_active) WHERE deleted_at IS NULL;
-- --8<-- [end:table]

INSERT INTO users (username, email, password_hash, role)
VALUES ('ada', 'ada@example.com', 'bcrypt$...', 'admin'),
       ('bob', 'bob@example.com', 'bcrypt$...', 'driver');
UPDATE users SET deleted_at = CURRENT_TIMESTAMP, deleted_by = 1 WHERE username = 'bob';

SELECT username, role, is_active, deleted_by FROM users ORDER BY id;
SELECT count(*) FROM users WHERE deleted_at IS NULL;
-- Output:
-- ada|admin|1|
-- bob|driver|1|1
-- 1
