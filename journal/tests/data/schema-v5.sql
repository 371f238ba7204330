-- Builds schema-v5.sqlite3: a journal as Waymark schema version 5 wrote it (version
-- 4's journal, with its sharing log, then migration 0005, which added drafts).
-- Made once with:  cp schema-v4.sqlite3 schema-v5.sqlite3
--                  sqlite3 schema-v5.sqlite3 < ../../migrations/0005_drafts.sql
--                  sqlite3 schema-v5.sqlite3 < schema-v5.sql
-- Never regenerate it with a newer schema: tests/migrations.rs upgrades it.

PRAGMA user_version = 5;
