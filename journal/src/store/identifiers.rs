//! The check for identifying details: the names the leader watches for and the
//! findings they marked as fine.

use super::{Reader, Tx, format_time, int};
use crate::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::params;

impl Reader<'_> {
    /// The watched names, in the order the leader gave them.
    pub(crate) fn watched_names(&self) -> Result<Vec<String>> {
        let names = self
            .conn
            .prepare_cached("SELECT name FROM watched_names ORDER BY position")?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(names)
    }

    /// Every finding marked as fine, as (kind, text as first marked, folded text),
    /// oldest first.
    pub(crate) fn dismissed_findings(&self) -> Result<Vec<(String, String, String)>> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT kind, text, folded FROM dismissed_findings ORDER BY dismissed_at, kind, folded",
            )?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

impl Tx<'_> {
    /// Replaces the watched names with `names`, in their order.
    pub(crate) fn replace_watched_names(&self, names: &[String]) -> Result<()> {
        self.conn().execute("DELETE FROM watched_names", [])?;
        let mut insert = self
            .conn()
            .prepare_cached("INSERT INTO watched_names (position, name) VALUES (?1, ?2)")?;
        for (position, name) in names.iter().enumerate() {
            insert.execute(params![int(position), name])?;
        }
        Ok(())
    }

    /// Marks (kind, folded) as fine; marking it again keeps the first time and spelling.
    pub(crate) fn insert_dismissed_finding(
        &self,
        kind: &str,
        folded: &str,
        text: &str,
        at: &DateTime<Utc>,
    ) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT OR IGNORE INTO dismissed_findings (kind, folded, text, dismissed_at)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![kind, folded, text, format_time(at)])?;
        Ok(())
    }

    /// Forgets that (kind, folded) was marked as fine.
    pub(crate) fn delete_dismissed_finding(&self, kind: &str, folded: &str) -> Result<()> {
        self.conn()
            .prepare_cached("DELETE FROM dismissed_findings WHERE kind = ?1 AND folded = ?2")?
            .execute(params![kind, folded])?;
        Ok(())
    }
}
