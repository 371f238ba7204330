-- Schema version 7: what was shared can be taken back. Authors edit and withdraw their
-- own comments; a leader withdraws an entry from a coach, whose copy goes with the
-- next bundle.

-- A comment's `revision` grows by one with each edit or withdrawal by its author; a
-- receiver applies a comment from a bundle only when its revision is higher than the
-- one stored, so a late bundle never undoes an edit. A withdrawn comment keeps its row
-- (replies still hang from it, and the withdrawal travels) with its text emptied.
ALTER TABLE comments ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE comments ADD COLUMN edited_at TEXT;
ALTER TABLE comments ADD COLUMN withdrawn_at TEXT;

-- On a leader's side: entries withdrawn from a contact. Every later bundle of entries to
-- them lists these (a lost or late bundle cannot leave a copy behind) until the entry
-- is shared with them again.
CREATE TABLE withdrawn_shares (
    fingerprint     TEXT NOT NULL,                   -- the contact's
    entry_id        TEXT NOT NULL,
    withdrawn_at    TEXT NOT NULL,
    PRIMARY KEY (fingerprint, entry_id)
) STRICT, WITHOUT ROWID;

-- The sharing log says which entries each bundle withdrew (a JSON list of ids).
ALTER TABLE share_log ADD COLUMN withdrawn TEXT NOT NULL DEFAULT '[]';

-- In a coach's copy of a coachee's entries: the newest bundle that said anything about
-- each entry (sent it, or withdrew it), by the time it was made, so that a bundle made
-- earlier and delivered later cannot bring back a withdrawn entry or remove one shared
-- again since.
CREATE TABLE entry_receipts (
    entry_id        TEXT PRIMARY KEY NOT NULL,
    said_at         TEXT NOT NULL,                   -- the bundle's created_at
    withdrawn       INTEGER NOT NULL CHECK (withdrawn IN (0, 1))
) STRICT, WITHOUT ROWID;
