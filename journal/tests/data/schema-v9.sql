-- Builds schema-v9.sqlite3: a journal as Waymark schema version 9 wrote it (version
-- 8's journal, with its coach's comment, then migration 0009, which added what is
-- unseen). Version 10 adds the check for identifying details' watch list and the
-- findings marked as fine.
-- Made once with:  cp schema-v8.sqlite3 schema-v9.sqlite3
--                  sqlite3 schema-v9.sqlite3 < ../../migrations/0009_unseen.sql
--                  sqlite3 schema-v9.sqlite3 < schema-v9.sql
-- Never regenerate it with a newer schema: tests/migrations.rs upgrades it.

PRAGMA user_version = 9;
