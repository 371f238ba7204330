//! The scans growth over time runs (`stats.rs` does the counting): tagged entries
//! with their dates, and the number of entries per day. Entries in the bin are
//! never read.

use super::Store;
use crate::error::Result;
use crate::stats::DayCount;
use chrono::NaiveDate;
use rusqlite::params;

/// Joins an entry's tags in one row; framework ids are kebab-case, so it never occurs in one.
pub(crate) const TAG_SEPARATOR: char = '\u{1f}';

/// Dates are stored as `YYYY-MM-DD`, so text bounds compare correctly; absent
/// bounds become ones outside the range a date may take (1900–2200).
fn bounds(from: Option<NaiveDate>, to: Option<NaiveDate>) -> (String, String) {
    (
        from.map_or_else(
            || "0000-01-01".to_owned(),
            |d| d.format("%Y-%m-%d").to_string(),
        ),
        to.map_or_else(
            || "9999-12-31".to_owned(),
            |d| d.format("%Y-%m-%d").to_string(),
        ),
    )
}

impl Store {
    /// Calls `f` with the date and the tags (joined by [`TAG_SEPARATOR`]) of every
    /// tagged entry not in the bin dated in `from..=to` (open ends unbounded).
    ///
    /// One pass over `entries` in storage order, each entry's tags read from the
    /// covering primary-key index of `entry_tags`. `NOT INDEXED` and `CROSS JOIN` pin
    /// that plan: without table statistics SQLite otherwise walks the date index and
    /// fetches rows in random order, several times slower at 100,000 entries.
    pub(crate) fn for_each_tagged(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        mut f: impl FnMut(NaiveDate, &str),
    ) -> Result<()> {
        let (from, to) = bounds(from, to);
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(
            "SELECT e.date, group_concat(t.tag, char(31))
             FROM entries e NOT INDEXED
             CROSS JOIN entry_tags t ON t.entry_id = e.id
             WHERE e.deleted_at IS NULL AND e.date >= ?1 AND e.date <= ?2
             GROUP BY e.rowid",
        )?;
        let mut rows = stmt.query(params![from, to])?;
        while let Some(row) = rows.next()? {
            let date: NaiveDate = row.get(0)?;
            let tags = row.get_ref(1)?.as_str().unwrap_or_default();
            f(date, tags);
        }
        Ok(())
    }

    /// Calls `f` with the date and the tags (joined by [`TAG_SEPARATOR`], empty when
    /// it has none) of every entry not in the bin: the one scan the Growth view needs.
    ///
    /// The same plan as [`Store::for_each_tagged`]; the `LEFT JOIN` keeps untagged
    /// entries, which count as reflections written and as reflection days.
    pub(crate) fn for_each_entry(&self, mut f: impl FnMut(NaiveDate, &str)) -> Result<()> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(
            "SELECT e.date, group_concat(t.tag, char(31))
             FROM entries e NOT INDEXED
             LEFT JOIN entry_tags t ON t.entry_id = e.id
             WHERE e.deleted_at IS NULL
             GROUP BY e.rowid",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let date: NaiveDate = row.get(0)?;
            let tags = row.get_ref(1)?.as_str().unwrap_or_default();
            f(date, tags);
        }
        Ok(())
    }

    /// The days with at least one entry not in the bin, oldest first, in `from..=to`.
    pub(crate) fn reflection_days(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<DayCount>> {
        let (from, to) = bounds(from, to);
        let conn = self.lock();
        // A sequential scan beats the date index here, as in `for_each_tagged`.
        let mut stmt = conn.prepare_cached(
            "SELECT date, COUNT(*) FROM entries NOT INDEXED
             WHERE deleted_at IS NULL AND date >= ?1 AND date <= ?2
             GROUP BY date ORDER BY date",
        )?;
        let days = stmt
            .query_map(params![from, to], |row| {
                Ok(DayCount {
                    date: row.get(0)?,
                    count: row.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(days)
    }

    /// Inserts an entry as far as statistics read it, with any tags (even ones the
    /// framework does not hold) and no checks: a fixture for the growth tests.
    #[cfg(test)]
    pub(crate) fn insert_for_growth_test(&self, id: &str, day: &str, tags: &[&str], binned: bool) {
        let conn = self.lock();
        conn.execute(
            "INSERT INTO entries (id, title, body, template, date, starred, created_at,
                                  updated_at, revision, deleted_at, seq)
             VALUES (?1, 't', 'b', 'free', ?2, 0, 'x', 'x', 1, ?3, 1)",
            params![id, day, binned.then_some("2026-01-01T00:00:00Z")],
        )
        .expect("a test entry is stored");
        for (position, tag) in tags.iter().enumerate() {
            conn.execute(
                "INSERT INTO entry_tags (entry_id, tag, position) VALUES (?1, ?2, ?3)",
                params![id, tag, super::int(position)],
            )
            .expect("a test tag is stored");
        }
    }
}
