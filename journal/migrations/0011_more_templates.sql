-- Schema version 11: more templates (the NMC reflective account and the AoMRC toolkit's
-- two), and the NMC Code's themes an account is relevant to.
--
-- Version 1 listed the templates in a CHECK, which SQLite cannot alter: the entries
-- table is rebuilt without it (the template is checked where it is read, `Template`).
-- The rebuild runs with foreign keys off (db.rs turns them off around migrations, as
-- SQLite's "making other kinds of table schema changes" procedure asks), so dropping
-- the old table cascades to nothing; the fields, tags, labels, revisions and comments
-- that name its ids name the new one, and `PRAGMA foreign_key_check` proves it after.
CREATE TABLE entries_v11 (
    id          TEXT PRIMARY KEY NOT NULL,           -- UUIDv7
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,                       -- Markdown
    template    TEXT NOT NULL,                       -- a Template id: 'rolfe', 'nmc', …
    date        TEXT NOT NULL,
    starred     INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    revision    INTEGER NOT NULL CHECK (revision >= 1),
    deleted_at  TEXT,                                -- set while the entry is in the bin
    seq         INTEGER NOT NULL                     -- `changes.seq` of its last change
) STRICT;
INSERT INTO entries_v11 (id, title, body, template, date, starred, created_at, updated_at,
                         revision, deleted_at, seq)
    SELECT id, title, body, template, date, starred, created_at, updated_at,
           revision, deleted_at, seq
    FROM entries;
DROP TABLE entries;
ALTER TABLE entries_v11 RENAME TO entries;
CREATE INDEX entries_by_date ON entries (date);
CREATE INDEX entries_by_seq ON entries (seq);

-- The NMC Code's themes an account is relevant to, in the order chosen.
CREATE TABLE entry_code_themes (
    entry_id    TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    theme       TEXT NOT NULL,                       -- a CodeTheme id: 'preserve-safety'
    position    INTEGER NOT NULL,
    PRIMARY KEY (entry_id, theme)
) STRICT;
