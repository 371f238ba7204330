-- Schema version 1: entries with template fields, tags, labels, revisions and a change log.
-- Times are RFC 3339 UTC text; `date` is the local calendar date (YYYY-MM-DD) reflected on.

CREATE TABLE entries (
    id          TEXT PRIMARY KEY NOT NULL,           -- UUIDv7
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,                       -- Markdown
    template    TEXT NOT NULL CHECK (template IN ('free', 'rolfe', 'gibbs')),
    date        TEXT NOT NULL,
    starred     INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    revision    INTEGER NOT NULL CHECK (revision >= 1),
    deleted_at  TEXT,                                -- set while the entry is in the bin
    seq         INTEGER NOT NULL                     -- `changes.seq` of its last change
) STRICT;
CREATE INDEX entries_by_date ON entries (date);
CREATE INDEX entries_by_seq ON entries (seq);

CREATE TABLE entry_fields (
    entry_id    TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    key         TEXT NOT NULL,                       -- template field key, e.g. 'now-what'
    text        TEXT NOT NULL,
    PRIMARY KEY (entry_id, key)
) STRICT;

CREATE TABLE entry_tags (
    entry_id    TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,                       -- framework item id
    position    INTEGER NOT NULL,
    PRIMARY KEY (entry_id, tag)
) STRICT;
CREATE INDEX entry_tags_by_tag ON entry_tags (tag);

CREATE TABLE entry_labels (
    entry_id    TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    label       TEXT NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (entry_id, label)
) STRICT;

-- Every earlier version of an entry, as the JSON of its EntryDraft.
CREATE TABLE revisions (
    entry_id    TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    revision    INTEGER NOT NULL,
    saved_at    TEXT NOT NULL,
    draft       TEXT NOT NULL,
    PRIMARY KEY (entry_id, revision)
) STRICT;

-- One row per change, in order; the search index records the last seq it holds.
CREATE TABLE changes (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id    TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('upsert', 'purge')),
    at          TEXT NOT NULL
) STRICT;
