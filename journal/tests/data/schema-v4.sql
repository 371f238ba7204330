-- Builds schema-v4.sqlite3: a journal as Waymark schema version 4 wrote it
-- (version 3's journal with its comment and sharing log, then migration 0004, which
-- dropped the settings table).
-- Made once with:  cp schema-v3.sqlite3 schema-v4.sqlite3
--                  sqlite3 schema-v4.sqlite3 < ../../migrations/0004_drop_settings.sql
--                  sqlite3 schema-v4.sqlite3 < schema-v4.sql
-- Never regenerate it with a newer schema: tests/migrations.rs upgrades it.

PRAGMA user_version = 4;
