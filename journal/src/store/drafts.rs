//! Drafts: the editor's unsaved writing, one per entry being edited and one for the
//! entry being started.

use super::{Reader, Tx, format_time, json_text};
use crate::drafts::KeptDraft;
use crate::error::Result;
use crate::model::{EntryDraft, EntryId};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use std::str::FromStr;

/// The slot of the entry being started (ids are UUIDs, so it never clashes with one).
const NEW_SLOT: &str = "new";

fn slot(entry: Option<EntryId>) -> String {
    entry.map_or_else(|| NEW_SLOT.to_owned(), |id| id.to_string())
}

/// A stored draft row, read back; `None` where it is damaged.
fn parse(slot: &str, draft: &str, saved_at: &str) -> Option<KeptDraft> {
    let entry = match slot {
        NEW_SLOT => None,
        id => Some(EntryId::from_str(id).ok()?),
    };
    let draft = serde_json::from_str(draft).ok()?;
    let saved_at = DateTime::parse_from_rfc3339(saved_at)
        .ok()?
        .with_timezone(&Utc);
    Some(KeptDraft {
        entry,
        draft,
        saved_at,
    })
}

impl Reader<'_> {
    /// The draft kept for `entry` (`None`: the entry being started), if there is one
    /// that reads back. A damaged one reads as none, as a draft is only a safety copy.
    pub(crate) fn draft(&self, entry: Option<EntryId>) -> Result<Option<KeptDraft>> {
        let row: Option<(String, String, String)> = self
            .conn
            .query_row(
                "SELECT slot, draft, saved_at FROM drafts WHERE slot = ?1",
                [slot(entry)],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        Ok(row.and_then(|(slot, draft, at)| parse(&slot, &draft, &at)))
    }

    /// Every draft that reads back, most recently kept first.
    pub(crate) fn drafts(&self) -> Result<Vec<KeptDraft>> {
        let rows: Vec<(String, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT slot, draft, saved_at FROM drafts ORDER BY saved_at DESC, slot",
            )?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows
            .iter()
            .filter_map(|(slot, draft, at)| parse(slot, draft, at))
            .collect())
    }
}

impl Tx<'_> {
    /// Keeps `draft` for `entry`, replacing the one kept before.
    pub(crate) fn keep_draft(
        &self,
        entry: Option<EntryId>,
        draft: &EntryDraft,
        saved_at: DateTime<Utc>,
    ) -> Result<()> {
        let json = json_text(draft)?;
        self.conn()
            .prepare_cached(
                "INSERT INTO drafts (slot, draft, saved_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (slot) DO UPDATE SET draft = ?2, saved_at = ?3",
            )?
            .execute(params![slot(entry), json, format_time(&saved_at)])?;
        Ok(())
    }

    /// Forgets the draft kept for `entry`, if any.
    pub(crate) fn drop_draft(&self, entry: Option<EntryId>) -> Result<()> {
        self.conn()
            .prepare_cached("DELETE FROM drafts WHERE slot = ?1")?
            .execute([slot(entry)])?;
        Ok(())
    }

    /// Stores a row as a damaged draft would look: a test fixture.
    #[cfg(test)]
    pub(crate) fn keep_raw_draft_for_test(&self, slot: &str, draft: &str) {
        self.conn()
            .execute(
                "INSERT INTO drafts (slot, draft, saved_at) VALUES (?1, ?2, '2026-03-04T10:00:00.000000Z')",
                params![slot, draft],
            )
            .expect("a test draft is stored");
    }
}
