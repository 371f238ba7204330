-- Builds schema-v8.sqlite3: a journal as Waymark schema version 8 wrote it (version
-- 7's journal, with its coach's comment, then migration 0008, which added the
-- journal's preferences).
-- Made once with:  cp schema-v7.sqlite3 schema-v8.sqlite3
--                  sqlite3 schema-v8.sqlite3 < ../../migrations/0008_preferences.sql
--                  sqlite3 schema-v8.sqlite3 < schema-v8.sql
-- Never regenerate it with a newer schema: tests/migrations.rs upgrades it.

PRAGMA user_version = 8;
