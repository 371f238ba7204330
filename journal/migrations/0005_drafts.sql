-- Schema version 5: unsaved writing from the editor, kept on every change so a crash or
-- a forced close loses nothing, and offered back when the same entry (or a new one) is
-- opened again. It lives in the journal, with the words it belongs to.

CREATE TABLE drafts (
    slot        TEXT PRIMARY KEY NOT NULL,           -- the id of the entry being edited, or 'new'
    draft       TEXT NOT NULL,                       -- the EntryDraft as JSON, as typed (unchecked)
    saved_at    TEXT NOT NULL
) STRICT;
