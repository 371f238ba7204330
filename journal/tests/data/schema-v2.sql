-- Builds schema-v2.sqlite3: a journal as Waymark schema version 2 wrote it
-- (version 1's entries, then the settings table of migration 0002 with one setting).
-- Made once with:  sqlite3 schema-v2.sqlite3 < ../../migrations/0001_initial.sql
--                  sqlite3 schema-v2.sqlite3 < schema-v1.sql
--                  sqlite3 schema-v2.sqlite3 < ../../migrations/0002_settings.sql
--                  sqlite3 schema-v2.sqlite3 < schema-v2.sql
-- Never regenerate it with a newer schema: tests/migrations.rs upgrades it.

PRAGMA user_version = 2;
INSERT INTO settings (key, value) VALUES ('theme-filter', 'delivering');
