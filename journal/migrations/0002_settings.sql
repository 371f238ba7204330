-- Schema version 2: the app's preferences (theme, last view, …) as plain key/value text,
-- kept in the journal so they travel with it.

CREATE TABLE settings (
    key         TEXT PRIMARY KEY NOT NULL,
    value       TEXT NOT NULL
) STRICT;
