-- Load a page, never the whole table.
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO users (id, email) SELECT i, 'user' || i || '@example.com' FROM n;

-- --8<-- [start:offset]
SELECT id, email FROM users ORDER BY id LIMIT 3 OFFSET 0;    -- page 1
SELECT id, email FROM users ORDER BY id LIMIT 3 OFFSET 3;    -- page 2
-- --8<-- [end:offset]

-- --8<-- [start:keyset]
-- Deep pages: continue after the last id seen instead of counting past OFFSET rows.
SELECT id, email FROM users WHERE id > 997 ORDER BY id LIMIT 3;
-- --8<-- [end:keyset]
-- Output:
-- 1|user1@example.com
-- 2|user2@example.com
-- 3|user3@example.com
-- 4|user4@example.com
-- 5|user5@example.com
-- 6|user6@example.com
-- 998|user998@example.com
-- 999|user999@example.com
-- 1000|user1000@example.com
