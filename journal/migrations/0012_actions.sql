-- Schema version 12: the development plan. An action grows out of a reflection (its
-- "Now what?", Gibbs's "Action plan", the NMC account's "How did you change…" box, or
-- the reflection as a whole when `field` is NULL): what to do, the framework items it
-- serves, when by, and where it stands. It is closed as done or dropped with a note of
-- how it went. `id` is a UUIDv7 so an action keeps one name in a share bundle;
-- `number` is the short name a person types (`waymark action done 3`), never reused.
-- An action goes with its reflection when the reflection is deleted for good.
CREATE TABLE actions (
    number          INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: never reused
    id              TEXT NOT NULL UNIQUE,
    entry_id        TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    field           TEXT,                           -- the box it came from, or NULL
    text            TEXT NOT NULL,
    due             TEXT,                           -- YYYY-MM-DD, or NULL for no date
    tags            TEXT NOT NULL DEFAULT '[]',     -- framework item ids, JSON, in order
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    note            TEXT,                           -- how it went, when closed
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    closed_at       TEXT,
    CHECK ((status = 'open') = (closed_at IS NULL))
) STRICT;

CREATE INDEX actions_by_entry ON actions (entry_id);
CREATE INDEX actions_by_status_due ON actions (status, due);
