-- Schema version 8: the leader's preferences that belong to the journal (where its
-- backups go), kept inside it, so an encrypted journal keeps them encrypted too.
CREATE TABLE preferences (
    key             TEXT PRIMARY KEY NOT NULL,
    value           TEXT NOT NULL
) STRICT, WITHOUT ROWID;
