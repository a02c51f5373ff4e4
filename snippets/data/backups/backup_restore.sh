#!/usr/bin/env bash
# Back up a live SQLite database, then prove the backup restores: copy it into a scratch
# database, run the integrity check and compare row counts table by table.
set -euo pipefail

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir -p backups scratch

# A small "production" database to back up.
sqlite3 interview_pilot.db <<'SQL'
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT UNIQUE NOT NULL);
CREATE TABLE interviews (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id));
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250)
INSERT INTO users (email) SELECT 'user' || i || '@example.com' FROM n;
INSERT INTO interviews (user_id) SELECT id FROM users WHERE id % 2 = 0;
SQL

# --8<-- [start:backup]
# .backup uses SQLite's online backup API: a consistent copy even while the app writes
# (never `cp` a live database file). Keep backups on other storage than the database.
stamp=$(date -u +%Y%m%d)
backup="backups/interview_pilot_${stamp}.db"
sqlite3 interview_pilot.db ".backup '$backup'"
# --8<-- [end:backup]

# --8<-- [start:restore-test]
# Restore into a scratch database, never over the live one.
restored="scratch/restore_test.db"
sqlite3 "$restored" ".restore '$backup'"
check=$(sqlite3 "$restored" "PRAGMA integrity_check;")
[ "$check" = "ok" ] || { echo "integrity check failed: $check" >&2; exit 1; }

tables=$(sqlite3 interview_pilot.db \
  "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;")
for table in $tables; do
  live=$(sqlite3 interview_pilot.db "SELECT count(*) FROM \"$table\";")
  copy=$(sqlite3 "$restored" "SELECT count(*) FROM \"$table\";")
  if [ "$live" != "$copy" ]; then
    echo "restore test FAILED: $table has $live rows live, $copy restored" >&2
    exit 1
  fi
  echo "$table: $copy rows restored"
done
# --8<-- [end:restore-test]

# The test must be able to fail: a damaged backup is caught.
printf 'not a database' > backups/damaged.db
if sqlite3 scratch/damaged.db ".restore 'backups/damaged.db'" 2>/dev/null; then
  echo "a damaged backup restored without error" >&2
  exit 1
fi
echo "damaged backup rejected"
# Output:
# interviews: 125 rows restored
# users: 250 rows restored
# damaged backup rejected
