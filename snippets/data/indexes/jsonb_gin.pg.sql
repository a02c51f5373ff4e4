-- A GIN index for JSONB containment queries, on a real table (the original named it `table`).
CREATE TABLE app_settings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id bigint NOT NULL,
    config jsonb NOT NULL DEFAULT '{}'
);
INSERT INTO app_settings (owner_id, config)
SELECT n, jsonb_build_object('theme', CASE WHEN n % 10 = 0 THEN 'dark' ELSE 'light' END)
FROM generate_series(1, 5000) AS n;

-- --8<-- [start:gin]
CREATE INDEX idx_app_settings_config ON app_settings USING GIN (config);
-- --8<-- [end:gin]
ANALYZE app_settings;

-- --8<-- [start:plan]
SET enable_seqscan = off;  -- on a table this small the planner may prefer a scan; force the choice
EXPLAIN (COSTS OFF) SELECT id FROM app_settings WHERE config @> '{"theme": "dark"}';
-- --8<-- [end:plan]
RESET enable_seqscan;
SELECT count(*) FROM app_settings WHERE config @> '{"theme": "dark"}';
-- Output:
-- Bitmap Heap Scan on app_settings
--   Recheck Cond: (config @> '{"theme": "dark"}'::jsonb)
--   ->  Bitmap Index Scan on idx_app_settings_config
--         Index Cond: (config @> '{"theme": "dark"}'::jsonb)
-- 500
