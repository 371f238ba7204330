-- Builds schema-v6.sqlite3: a journal as Waymark schema version 6 wrote it (version
-- 5's journal, with its sharing log and a coach's comment, then migration 0006, which
-- added received_bundles).
-- Made once with:  cp schema-v5.sqlite3 schema-v6.sqlite3
--                  sqlite3 schema-v6.sqlite3 < ../../migrations/0006_received_bundles.sql
--                  sqlite3 schema-v6.sqlite3 < schema-v6.sql
-- Never regenerate it with a newer schema: tests/migrations.rs upgrades it.

PRAGMA user_version = 6;
