-- PostgreSQL: foreign keys plus one transaction for a multi-step write. A failing step rolls
-- back the steps before it, so no order exists without its items.
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE order_items (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    units integer NOT NULL CHECK (units > 0)
);
CREATE INDEX idx_order_items_order_id ON order_items (order_id);  -- PostgreSQL does not index FKs

-- --8<-- [start:transaction]
BEGIN;
INSERT INTO orders DEFAULT VALUES;
INSERT INTO order_items (order_id, units) VALUES (currval('orders_id_seq'), 4);
COMMIT;
-- --8<-- [end:transaction]

DO $$
BEGIN
    -- The same two steps with a bad second one: the exception undoes the first as well.
    INSERT INTO orders DEFAULT VALUES;
    INSERT INTO order_items (order_id, units) VALUES (currval('orders_id_seq'), 0);
EXCEPTION WHEN check_violation THEN
    NULL;  -- the block's implicit savepoint is rolled back: neither row remains
END
$$;

SELECT (SELECT count(*) FROM orders), (SELECT count(*) FROM order_items);
-- Output:
-- 1|1
