-- Builds schema-v11.sqlite3: a journal as Waymark schema version 11 wrote it (version
-- 10's journal, then migration 0011, which rebuilt the entries table for more
-- templates and added the NMC Code's themes), with an NMC account relevant to two of
-- the Code's themes. Version 12 adds the development plan's actions, which refer to
-- entries: every entry must still be there, and an action can be made from the account.
-- Made once with:  cp schema-v10.sqlite3 schema-v11.sqlite3
--                  sqlite3 schema-v11.sqlite3 < ../../migrations/0011_more_templates.sql
--                  sqlite3 schema-v11.sqlite3 < schema-v11.sql
-- Never regenerate it with a newer schema: tests/migrations.rs upgrades it.

INSERT INTO changes (seq, entry_id, kind, at)
    VALUES (6, '0192f0c4-0000-7000-8000-000000000004', 'upsert', '2026-11-03T10:00:00.000000Z');
INSERT INTO entries (id, title, body, template, date, starred, created_at, updated_at, revision, deleted_at, seq)
    VALUES ('0192f0c4-0000-7000-8000-000000000004', 'Medicines round feedback', '', 'nmc',
            '2026-11-03', 0, '2026-11-03T10:00:00.000000Z', '2026-11-03T10:00:00.000000Z', 1, NULL, 6);
INSERT INTO entry_fields (entry_id, key, text) VALUES
    ('0192f0c4-0000-7000-8000-000000000004', 'learning', 'Explaining first helps.'),
    ('0192f0c4-0000-7000-8000-000000000004', 'change', 'I explain the round before I start.');
INSERT INTO entry_code_themes (entry_id, theme, position) VALUES
    ('0192f0c4-0000-7000-8000-000000000004', 'preserve-safety', 0),
    ('0192f0c4-0000-7000-8000-000000000004', 'prioritise-people', 1);
PRAGMA user_version = 11;
