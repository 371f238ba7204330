-- Schema version 6: bundles received, each known by the SHA-256 of its signed envelope,
-- so that only a true replay (the same signed bundle again) is recognised as one. Any
-- other bundle a contact signed is received whatever its number: email delivers out of
-- order, and a leader who restores an older copy of their journal numbers again from
-- where that copy was. Entries are then settled by their revision, never rolled back.
--
-- `share_sequences.last_received` (version 3) is no longer read: a bundle numbered at or
-- below it has no digest here and is received again, which changes nothing it already
-- changed (entries by revision, comments by id).

CREATE TABLE received_bundles (
    fingerprint     TEXT NOT NULL,                   -- the sender's
    digest          BLOB NOT NULL,                   -- SHA-256 of the signed envelope's bytes
    sequence        INTEGER NOT NULL,                -- the number the sender gave it
    received_at     TEXT NOT NULL,
    PRIMARY KEY (fingerprint, digest)
) STRICT, WITHOUT ROWID;
