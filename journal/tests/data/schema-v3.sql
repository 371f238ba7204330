-- Builds schema-v3.sqlite3: a journal as Waymark schema version 3 wrote it
-- (version 2's journal, then the sharing tables of migration 0003 with a comment from
-- a coach on an entry and a line of the sharing log).
-- Made once with:  cp schema-v2.sqlite3 schema-v3.sqlite3
--                  sqlite3 schema-v3.sqlite3 < ../../migrations/0003_sharing.sql
--                  sqlite3 schema-v3.sqlite3 < schema-v3.sql
-- Never regenerate it with a newer schema: tests/migrations.rs upgrades it.

PRAGMA user_version = 3;
BEGIN;
INSERT INTO comments (id, entry_id, author_name, author_fingerprint, text, anchor, created_at, reply_to) VALUES
  ('0192f0c9-0000-7000-8000-0000000000c1', '0192f0c1-7f3a-7cde-8a11-2b3c4d5e6f70', 'Sam',
   'SAMS-FING-ERPR-INTA-AAAA', 'What did the quietest voices say?', 'now-what',
   '2025-11-05T10:00:00.000000Z', NULL);
INSERT INTO share_log (at, direction, kind, contact_name, contact_fingerprint, sequence, entries, fields, comments) VALUES
  ('2025-11-05T10:30:00.000000Z', 'received', 'feedback', 'Sam', 'SAMS-FING-ERPR-INTA-AAAA', 1, '[]', NULL, 1);
COMMIT;
