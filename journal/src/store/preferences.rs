//! The journal's own preferences (where its backups go): one row per key.

use super::{Reader, Tx};
use crate::error::Result;
use rusqlite::OptionalExtension;

impl Reader<'_> {
    /// The preference `key`, if set.
    pub(crate) fn preference(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM preferences WHERE key = ?1",
                [key],
                |row| row.get(0),
            )
            .optional()?)
    }
}

impl Tx<'_> {
    /// Sets the preference `key` to `value`.
    pub(crate) fn set_preference(&self, key: &str, value: &str) -> Result<()> {
        self.conn().execute(
            "INSERT INTO preferences (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = ?2",
            [key, value],
        )?;
        Ok(())
    }
}
