-- Schema version 9: what is new to the reader. A comment that arrived in a bundle and,
-- in a coach's copy of a coachee's entries, an entry shared or updated, stay new until
-- the entry is opened here; kept in the journal so a restart does not forget what is
-- still unread. Rows go with their comment or entry (a purge, a withdrawal).
CREATE TABLE unseen_comments (
    comment_id      TEXT PRIMARY KEY NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    entry_id        TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX unseen_comments_by_entry ON unseen_comments (entry_id);

CREATE TABLE unseen_entries (
    entry_id        TEXT PRIMARY KEY NOT NULL REFERENCES entries (id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
