//! The development plan's actions. Each query is a fixed statement.

use super::{Reader, Tx, damaged, format_time};
use crate::actions::{Action, ActionDraft, ActionId, ActionStatus};
use crate::error::Result;
use crate::model::EntryId;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};
use std::str::FromStr;
use waymark_framework::TagId;

/// The columns every action query reads, in [`to_action`]'s order.
const SELECT: &str = "SELECT a.id, a.number, a.entry_id, e.title, a.field, a.text, a.due, a.tags, \
                      a.status, a.note, a.created_at, a.closed_at \
                      FROM actions a JOIN entries e ON e.id = a.entry_id";

fn bad_row() -> crate::error::JournalError {
    damaged("a stored action is damaged")
}

fn time(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| bad_row())
}

/// One action row as stored, before its text columns are parsed.
type Row = (
    String,
    i64,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
);

fn read_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
        row.get(8)?,
        row.get(9)?,
        row.get(10)?,
        row.get(11)?,
    ))
}

fn to_action(row: Row) -> Result<Action> {
    let (id, number, entry, title, field, text, due, tags, status, note, created, closed) = row;
    let tags: Vec<String> = serde_json::from_str(&tags).map_err(|_| bad_row())?;
    Ok(Action {
        id: ActionId::from_str(&id).map_err(|_| bad_row())?,
        number: u32::try_from(number).map_err(|_| bad_row())?,
        entry_id: EntryId::from_str(&entry).map_err(|_| bad_row())?,
        entry_title: title,
        field,
        draft: ActionDraft {
            text,
            due: due
                .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| bad_row()))
                .transpose()?,
            tags: tags.into_iter().map(TagId).collect(),
        },
        status: ActionStatus::parse(&status).ok_or_else(bad_row)?,
        note,
        created_at: time(&created)?,
        closed_at: closed.as_deref().map(time).transpose()?,
    })
}

fn tags_json(draft: &ActionDraft) -> Result<String> {
    let tags: Vec<&str> = draft.tags.iter().map(TagId::as_str).collect();
    serde_json::to_string(&tags).map_err(|_| bad_row())
}

impl Reader<'_> {
    /// One action, if there is one with this id.
    pub(crate) fn action(&self, id: ActionId) -> Result<Option<Action>> {
        let row = self
            .conn
            .prepare_cached(&format!("{SELECT} WHERE a.id = ?1"))?
            .query_row([id.to_string()], read_row)
            .optional()?;
        row.map(to_action).transpose()
    }

    /// The action with this short number, if there is one.
    pub(crate) fn action_numbered(&self, number: u32) -> Result<Option<Action>> {
        let row = self
            .conn
            .prepare_cached(&format!("{SELECT} WHERE a.number = ?1"))?
            .query_row([i64::from(number)], read_row)
            .optional()?;
        row.map(to_action).transpose()
    }

    /// Every action of reflections not in the bin (or of one reflection), by number.
    pub(crate) fn actions(&self, entry: Option<EntryId>) -> Result<Vec<Action>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE e.deleted_at IS NULL AND (?1 IS NULL OR a.entry_id = ?1) ORDER BY a.number"
        ))?;
        let rows = statement
            .query_map([entry.map(|e| e.to_string())], read_row)?
            .collect::<rusqlite::Result<Vec<Row>>>()?;
        rows.into_iter().map(to_action).collect()
    }
}

impl Tx<'_> {
    /// Adds an action; SQLite gives it the next number never used before.
    pub(crate) fn insert_action(
        &self,
        id: ActionId,
        entry: EntryId,
        field: Option<&str>,
        draft: &ActionDraft,
        now: &DateTime<Utc>,
    ) -> Result<()> {
        let at = format_time(now);
        self.conn()
            .prepare_cached(
                "INSERT INTO actions (id, entry_id, field, text, due, tags, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            )?
            .execute(params![
                id.to_string(),
                entry.to_string(),
                field,
                draft.text,
                draft.due.map(|d| d.to_string()),
                tags_json(draft)?,
                at,
            ])?;
        Ok(())
    }

    /// Changes an action's text, date and items; whether there was one to change.
    pub(crate) fn update_action(
        &self,
        id: ActionId,
        draft: &ActionDraft,
        now: &DateTime<Utc>,
    ) -> Result<bool> {
        let changed = self
            .conn()
            .prepare_cached(
                "UPDATE actions SET text = ?2, due = ?3, tags = ?4, updated_at = ?5 WHERE id = ?1",
            )?
            .execute(params![
                id.to_string(),
                draft.text,
                draft.due.map(|d| d.to_string()),
                tags_json(draft)?,
                format_time(now),
            ])?;
        Ok(changed == 1)
    }

    /// Sets where an action stands (closing it now, or opening it again); whether
    /// there was one.
    pub(crate) fn set_action_status(
        &self,
        id: ActionId,
        status: ActionStatus,
        note: Option<&str>,
        now: &DateTime<Utc>,
    ) -> Result<bool> {
        let at = format_time(now);
        let closed = (status != ActionStatus::Open).then_some(at.as_str());
        let changed = self
            .conn()
            .prepare_cached(
                "UPDATE actions SET status = ?2, note = ?3, closed_at = ?4, updated_at = ?5 WHERE id = ?1",
            )?
            .execute(params![id.to_string(), status.as_str(), note, closed, at])?;
        Ok(changed == 1)
    }

    /// Removes an action; whether there was one.
    pub(crate) fn delete_action(&self, id: ActionId) -> Result<bool> {
        let changed = self
            .conn()
            .prepare_cached("DELETE FROM actions WHERE id = ?1")?
            .execute([id.to_string()])?;
        Ok(changed == 1)
    }
}
