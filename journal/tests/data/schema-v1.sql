-- Builds schema-v1.sqlite3: a journal as Waymark schema version 1 wrote it.
-- Made once with:  sqlite3 schema-v1.sqlite3 < ../../migrations/0001_initial.sql
--                  sqlite3 schema-v1.sqlite3 < schema-v1.sql
-- Never regenerate it with a newer schema: tests/migrations.rs upgrades it.

PRAGMA user_version = 1;
BEGIN;
INSERT INTO changes (entry_id, kind, at) VALUES
  ('0192f0c1-7f3a-7cde-8a11-2b3c4d5e6f70', 'upsert', '2025-11-03T09:00:00.000000Z'),
  ('0192f0c2-0000-7000-8000-000000000002', 'upsert', '2025-11-10T18:30:00.000000Z'),
  ('0192f0c1-7f3a-7cde-8a11-2b3c4d5e6f70', 'upsert', '2025-11-04T08:15:00.000000Z'),
  ('0192f0c3-0000-7000-8000-000000000003', 'upsert', '2025-12-01T12:00:00.000000Z'),
  ('0192f0c3-0000-7000-8000-000000000003', 'upsert', '2025-12-02T12:00:00.000000Z');

INSERT INTO entries (id, title, body, template, date, starred, created_at, updated_at, revision, deleted_at, seq) VALUES
  ('0192f0c1-7f3a-7cde-8a11-2b3c4d5e6f70', 'Hosting the neighbourhood forum',
   'Afterwards I wrote to everyone who came.', 'rolfe', '2025-11-03', 1,
   '2025-11-03T09:00:00.000000Z', '2025-11-04T08:15:00.000000Z', 2, NULL, 3),
  ('0192f0c2-0000-7000-8000-000000000002', 'A difficult conversation about waiting lists',
   '', 'gibbs', '2025-11-10', 0,
   '2025-11-10T18:30:00.000000Z', '2025-11-10T18:30:00.000000Z', 1, NULL, 2),
  ('0192f0c3-0000-7000-8000-000000000003', 'Draft I binned',
   'Not ready to keep this one.', 'free', '2025-12-01', 0,
   '2025-12-01T12:00:00.000000Z', '2025-12-01T12:00:00.000000Z', 1, '2025-12-02T12:00:00.000000Z', 5);

INSERT INTO entry_fields (entry_id, key, text) VALUES
  ('0192f0c1-7f3a-7cde-8a11-2b3c4d5e6f70', 'what', 'I let the room set the agenda.'),
  ('0192f0c1-7f3a-7cde-8a11-2b3c4d5e6f70', 'now-what', 'Ask the quietest voices first.'),
  ('0192f0c2-0000-7000-8000-000000000002', 'description', 'A carer told me the wait had broken her trust.'),
  ('0192f0c2-0000-7000-8000-000000000002', 'feelings', 'Defensive at first, then humbled.');

INSERT INTO entry_tags (entry_id, tag, position) VALUES
  ('0192f0c1-7f3a-7cde-8a11-2b3c4d5e6f70', 'hosting-style', 0),
  ('0192f0c1-7f3a-7cde-8a11-2b3c4d5e6f70', 'sharing-power', 1),
  ('0192f0c2-0000-7000-8000-000000000002', 'trust', 0);

INSERT INTO entry_labels (entry_id, label, position) VALUES
  ('0192f0c1-7f3a-7cde-8a11-2b3c4d5e6f70', 'forum', 0),
  ('0192f0c1-7f3a-7cde-8a11-2b3c4d5e6f70', 'community', 1);

INSERT INTO revisions (entry_id, revision, saved_at, draft) VALUES
  ('0192f0c1-7f3a-7cde-8a11-2b3c4d5e6f70', 1, '2025-11-03T09:00:00.000000Z',
   '{"title":"Hosting the forum","body":"","template":"rolfe","fields":{"what":"I let the room set the agenda."},"date":"2025-11-03","tags":["hosting-style"],"labels":["forum"],"starred":false}');
COMMIT;
