-- Schema version 3: sharing with a coach. This journal's own identity (private keys
-- included: they never leave this file), the people it shares with, the sequence
-- numbers that stop a bundle being replayed, a log of what went to whom, and comments.

-- At most one row: this journal's identity.
CREATE TABLE identity (
    id              INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    name            TEXT NOT NULL,
    age_identity    TEXT NOT NULL,                   -- AGE-SECRET-KEY-1…, secret
    signing_key     BLOB NOT NULL,                   -- Ed25519 secret seed (32 bytes), secret
    created_at      TEXT NOT NULL
) STRICT;

-- People this journal exchanges bundles with; `fingerprint` is derived from their keys.
CREATE TABLE contacts (
    fingerprint     TEXT PRIMARY KEY NOT NULL,       -- e.g. 'ABCD-EFGH-JKLM-NPQR-STUV'
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE,
    age_recipient   TEXT NOT NULL,                   -- age1…
    signing_key     BLOB NOT NULL,                   -- Ed25519 public key (32 bytes)
    added_at        TEXT NOT NULL
) STRICT;

-- Kept apart from `contacts` so removing and re-adding someone cannot reopen replays.
CREATE TABLE share_sequences (
    fingerprint     TEXT PRIMARY KEY NOT NULL,
    last_sent       INTEGER NOT NULL DEFAULT 0,
    last_received   INTEGER NOT NULL DEFAULT 0
) STRICT;

-- One row per bundle written or received.
CREATE TABLE share_log (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              TEXT NOT NULL,
    direction       TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
    kind            TEXT NOT NULL CHECK (kind IN ('entries', 'feedback')),
    contact_name    TEXT NOT NULL,
    contact_fingerprint TEXT NOT NULL,
    sequence        INTEGER NOT NULL,
    entries         TEXT NOT NULL,                   -- JSON list of entry ids
    fields          TEXT,                            -- JSON list of field keys; NULL = whole entries
    comments        INTEGER NOT NULL
) STRICT;
CREATE INDEX share_log_by_contact ON share_log (contact_fingerprint, direction);

-- Comments on entries: a coach's feedback and the leader's replies.
CREATE TABLE comments (
    id              TEXT PRIMARY KEY NOT NULL,       -- UUIDv7
    entry_id        TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    author_name     TEXT NOT NULL,
    author_fingerprint TEXT NOT NULL,
    text            TEXT NOT NULL,                   -- Markdown
    anchor          TEXT,                            -- template field key or tag id
    created_at      TEXT NOT NULL,
    reply_to        TEXT                             -- another comment's id
) STRICT;
CREATE INDEX comments_by_entry ON comments (entry_id, created_at);
