-- Builds schema-v10.sqlite3: a journal as Waymark schema version 10 wrote it (version
-- 9's journal, with its entries, boxes, tags, labels, revision and coach's comment,
-- then migration 0010, which added the watch list and the findings marked as fine),
-- with an entry left unseen and a name watched. Version 11 rebuilds the entries table
-- (more templates) and adds the NMC Code's themes: every row that refers to an entry
-- must still find it.
-- Made once with:  cp schema-v9.sqlite3 schema-v10.sqlite3
--                  sqlite3 schema-v10.sqlite3 < ../../migrations/0010_identifiers.sql
--                  sqlite3 schema-v10.sqlite3 < schema-v10.sql
-- Never regenerate it with a newer schema: tests/migrations.rs upgrades it.

INSERT INTO unseen_entries (entry_id) VALUES ('0192f0c2-0000-7000-8000-000000000002');
INSERT INTO watched_names (position, name) VALUES (0, 'Aisha');
INSERT INTO dismissed_findings (kind, folded, text, dismissed_at)
    VALUES ('titled-name', 'dr foster', 'Dr Foster', '2026-11-20T09:00:00.000000Z');
PRAGMA user_version = 10;
