-- Builds schema-v7.sqlite3: a journal as Waymark schema version 7 wrote it (version
-- 6's journal, with its coach's comment, then migration 0007, which made comments
-- revisable and shared entries withdrawable).
-- Made once with:  cp schema-v6.sqlite3 schema-v7.sqlite3
--                  sqlite3 schema-v7.sqlite3 < ../../migrations/0007_revisable_shares.sql
--                  sqlite3 schema-v7.sqlite3 < schema-v7.sql
-- Never regenerate it with a newer schema: tests/migrations.rs upgrades it.

PRAGMA user_version = 7;
