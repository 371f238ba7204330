-- Schema version 10: the check for details that may identify someone. The names the
-- leader asks it to watch for, in the order they gave them, and the findings they
-- marked as fine, by kind and by text folded to lower case (so "Dr Foster" marked
-- once is fine wherever it is written, in any case). Kept inside the journal, so an
-- encrypted journal keeps them encrypted: a watch list is itself a list of names.
CREATE TABLE watched_names (
    position        INTEGER PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL
) STRICT;

CREATE TABLE dismissed_findings (
    kind            TEXT NOT NULL,                   -- an IdentifierKind, "nhs-number"
    folded          TEXT NOT NULL,                   -- the text trimmed, in lower case
    text            TEXT NOT NULL,                   -- the text trimmed, as first marked
    dismissed_at    TEXT NOT NULL,
    PRIMARY KEY (kind, folded)
) STRICT, WITHOUT ROWID;
