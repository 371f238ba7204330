//! The SQLite store: the one place entries are written, and the truth the search
//! index is rebuilt from.
//!
//! Every write is one `IMMEDIATE` transaction that also appends a row to `changes`;
//! the row's `seq` is what the index records as its watermark.

use crate::db;
use crate::error::{JournalError, Result};
use crate::model::{Entry, EntryDraft, EntryId, Revision, Template};
use chrono::{DateTime, NaiveDate, SecondsFormat, SubsecRound, Utc};
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use std::path::Path;
use std::str::FromStr;
use std::sync::{Mutex, MutexGuard};
use waymark_framework::TagId;

/// One entry's latest state after a change, as the index needs it.
#[derive(Debug, Clone)]
pub(crate) enum Change {
    /// The entry exists (possibly in the bin: `deleted_at` set).
    Upsert {
        /// Its current state.
        entry: Entry,
        /// The change that produced it.
        seq: i64,
    },
    /// The entry was purged.
    Purged {
        /// Its id.
        id: EntryId,
        /// The purge's change.
        seq: i64,
    },
}

/// The SQLite database behind a journal.
pub(crate) struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if needed) and migrates the database file.
    pub(crate) fn open(path: &Path) -> Result<Store> {
        Ok(Store {
            conn: Mutex::new(db::open_connection(Some(path))?),
        })
    }

    /// A fresh database in memory, for tests.
    pub(crate) fn open_in_memory() -> Result<Store> {
        Ok(Store {
            conn: Mutex::new(db::open_connection(None)?),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic elsewhere while holding the lock cannot leave a half-done write:
        // an open transaction rolls back when dropped. So the connection is sound.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Read access for other modules' SQL (stats, bench).
    pub(crate) fn with_conn<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.lock())
    }

    /// Runs `f` in one write transaction, commits, then hands each change to `after`
    /// while still holding the connection, so the index hears of changes in the
    /// order they were committed.
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<(T, Vec<Change>)>,
        after: impl FnMut(&Change),
    ) -> Result<T> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (out, changes) = f(&tx)?;
        tx.commit()?;
        changes.iter().for_each(after);
        Ok(out)
    }

    /// The last change's seq, 0 for an empty journal.
    pub(crate) fn max_seq(&self) -> Result<i64> {
        max_seq(&self.lock())
    }

    /// Every entry changed after `seq`, in seq order, latest state only (Entry or purged id).
    ///
    /// Works in chunks, taking the connection for each, so a long rebuild does not
    /// keep the app from reading; `f` runs while the connection is held, which keeps
    /// it in order with saves made meanwhile. `f` must not call back into the store.
    pub(crate) fn for_each_change_since(
        &self,
        seq: i64,
        mut f: impl FnMut(Change) -> Result<()>,
    ) -> Result<()> {
        const CHUNK: usize = 512;
        let changed: Vec<(String, i64)> = self
            .lock()
            .prepare(
                "SELECT entry_id, MAX(seq) AS last FROM changes WHERE seq > ?1
                 GROUP BY entry_id ORDER BY last",
            )?
            .query_map([seq], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for chunk in changed.chunks(CHUNK) {
            let conn = self.lock();
            for (id, last) in chunk {
                let id = parse_id(id)?;
                // Read now, so a save made since the list was taken is seen in full.
                let change = match load_entry(&conn, id)? {
                    Some(entry) => Change::Upsert { entry, seq: *last },
                    None => Change::Purged { id, seq: *last },
                };
                f(change)?;
            }
        }
        Ok(())
    }

    /// How many entries changed after `seq` (the total for progress reports).
    pub(crate) fn count_changed_since(&self, seq: i64) -> Result<usize> {
        let n: i64 = self.lock().query_row(
            "SELECT COUNT(DISTINCT entry_id) FROM changes WHERE seq > ?1",
            [seq],
            |row| row.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// The entry, in the bin or not.
    pub(crate) fn get(&self, id: EntryId) -> Result<Entry> {
        load_entry(&self.lock(), id)?.ok_or(JournalError::NotFound(id))
    }

    /// Ids starting with `prefix` (lowercase), at most `limit`.
    pub(crate) fn ids_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<EntryId>> {
        let conn = self.lock();
        // A range on the primary key rather than LIKE, so the lookup uses the index;
        // ids hold only hex digits and '-', all sorting below '~'.
        let mut stmt = conn.prepare_cached(
            "SELECT id FROM entries WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3",
        )?;
        let ids: Vec<String> = stmt
            .query_map(
                params![
                    prefix,
                    format!("{prefix}~"),
                    i64::try_from(limit).unwrap_or(i64::MAX)
                ],
                |row| row.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter().map(|id| parse_id(id)).collect()
    }

    /// Entries not in the bin, newest reflection date first.
    pub(crate) fn list(
        &self,
        starred_only: bool,
        tags: Option<&[TagId]>,
        limit: Option<usize>,
        offset: usize,
    ) -> Result<Vec<Entry>> {
        let conn = self.lock();
        let mut sql = String::from("SELECT id FROM entries e WHERE deleted_at IS NULL");
        if starred_only {
            sql.push_str(" AND starred = 1");
        }
        let tag_json = tags.map(|tags| {
            serde_json::Value::from(tags.iter().map(|t| t.as_str()).collect::<Vec<_>>()).to_string()
        });
        if tag_json.is_some() {
            sql.push_str(
                " AND EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = e.id
                   AND t.tag IN (SELECT value FROM json_each(?3)))",
            );
        }
        sql.push_str(" ORDER BY date DESC, id DESC LIMIT ?1 OFFSET ?2");
        let limit = limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        let mut stmt = conn.prepare(&sql)?;
        let ids: Vec<String> = match &tag_json {
            Some(json) => stmt
                .query_map(params![limit, offset, json], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?,
            None => stmt
                .query_map(params![limit, offset], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?,
        };
        load_all(&conn, &ids)
    }

    /// Entries in the bin, most recently deleted first.
    pub(crate) fn bin(&self) -> Result<Vec<Entry>> {
        let conn = self.lock();
        let ids: Vec<String> = conn
            .prepare("SELECT id FROM entries WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC")?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        load_all(&conn, &ids)
    }

    /// Every entry not in the bin, oldest first (for exports of everything).
    pub(crate) fn all_ids(&self) -> Result<Vec<EntryId>> {
        let conn = self.lock();
        let ids: Vec<String> = conn
            .prepare("SELECT id FROM entries WHERE deleted_at IS NULL ORDER BY date, id")?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter().map(|id| parse_id(id)).collect()
    }

    /// Entries not in the bin.
    pub(crate) fn count(&self) -> Result<usize> {
        let n: i64 = self.lock().query_row(
            "SELECT COUNT(*) FROM entries WHERE deleted_at IS NULL",
            [],
            |row| row.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Every version of an entry, newest first, the current one included.
    pub(crate) fn history(&self, id: EntryId) -> Result<Vec<Revision>> {
        let conn = self.lock();
        let current = load_entry(&conn, id)?.ok_or(JournalError::NotFound(id))?;
        let mut out = vec![Revision {
            entry_id: id,
            revision: current.revision,
            saved_at: current.updated_at,
            draft: current.draft,
        }];
        let mut stmt = conn.prepare_cached(
            "SELECT revision, saved_at, draft FROM revisions WHERE entry_id = ?1 ORDER BY revision DESC",
        )?;
        let rows = stmt.query_map([id.to_string()], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (revision, saved_at, draft) = row?;
            out.push(Revision {
                entry_id: id,
                revision: u32::try_from(revision).map_err(|e| corrupt(0, e))?,
                saved_at: parse_time(&saved_at, 1)?,
                draft: serde_json::from_str(&draft).map_err(|e| corrupt(2, e))?,
            });
        }
        Ok(out)
    }

    /// An earlier version's draft.
    pub(crate) fn revision_draft(&self, id: EntryId, revision: u32) -> Result<Option<EntryDraft>> {
        let conn = self.lock();
        let draft: Option<String> = conn
            .query_row(
                "SELECT draft FROM revisions WHERE entry_id = ?1 AND revision = ?2",
                params![id.to_string(), revision],
                |row| row.get(0),
            )
            .optional()?;
        draft
            .map(|d| serde_json::from_str(&d).map_err(|e| corrupt(0, e)))
            .transpose()
    }
}

/// The last change's seq, 0 when there is none.
pub(crate) fn max_seq(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM changes", [], |row| {
            row.get(0)
        })?,
    )
}

/// The time as stored: RFC 3339 UTC with microseconds, fixed width so text order is time order.
pub(crate) fn format_time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Now, at the precision stored, so what a save returns equals what a read gives back.
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

fn corrupt(column: usize, e: impl std::error::Error + Send + Sync + 'static) -> JournalError {
    JournalError::Database(rusqlite::Error::FromSqlConversionFailure(
        column,
        Type::Text,
        Box::new(e),
    ))
}

fn parse_time(text: &str, column: usize) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| corrupt(column, e))
}

fn parse_id(text: &str) -> Result<EntryId> {
    EntryId::from_str(text).map_err(|e| corrupt(0, e))
}

fn load_all(conn: &Connection, ids: &[String]) -> Result<Vec<Entry>> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let id = parse_id(id)?;
        // The rows were listed under the same lock, so they are all still there.
        if let Some(entry) = load_entry(conn, id)? {
            out.push(entry);
        }
    }
    Ok(out)
}

/// Reads one entry with its fields, tags and labels.
pub(crate) fn load_entry(conn: &Connection, id: EntryId) -> Result<Option<Entry>> {
    let key = id.to_string();
    let row = conn
        .prepare_cached(
            "SELECT title, body, template, date, starred, created_at, updated_at, revision, deleted_at
             FROM entries WHERE id = ?1",
        )?
        .query_row([&key], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, bool>(4)?,
                row.get::<_, String>(5)?,
                row.get::<_, String>(6)?,
                row.get::<_, i64>(7)?,
                row.get::<_, Option<String>>(8)?,
            ))
        })
        .optional()?;
    let Some((title, body, template, date, starred, created_at, updated_at, revision, deleted_at)) =
        row
    else {
        return Ok(None);
    };
    let fields = conn
        .prepare_cached("SELECT key, text FROM entry_fields WHERE entry_id = ?1")?
        .query_map([&key], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let tags = conn
        .prepare_cached("SELECT tag FROM entry_tags WHERE entry_id = ?1 ORDER BY position")?
        .query_map([&key], |row| Ok(TagId(row.get(0)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let labels = conn
        .prepare_cached("SELECT label FROM entry_labels WHERE entry_id = ?1 ORDER BY position")?
        .query_map([&key], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(Entry {
        id,
        draft: EntryDraft {
            title,
            body,
            template: Template::from_str(&template).map_err(|_| {
                corrupt(
                    2,
                    std::io::Error::other(format!("unknown template {template}")),
                )
            })?,
            fields,
            date: NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|e| corrupt(3, e))?,
            tags,
            labels,
            starred,
        },
        created_at: parse_time(&created_at, 5)?,
        updated_at: parse_time(&updated_at, 6)?,
        revision: u32::try_from(revision).map_err(|e| corrupt(7, e))?,
        deleted_at: deleted_at.map(|t| parse_time(&t, 8)).transpose()?,
    }))
}

/// Appends to the change log; returns the new seq.
fn record_change(tx: &Transaction<'_>, id: EntryId, kind: &str) -> Result<i64> {
    tx.prepare_cached("INSERT INTO changes (entry_id, kind, at) VALUES (?1, ?2, ?3)")?
        .execute(params![id.to_string(), kind, format_time(&now())])?;
    Ok(tx.last_insert_rowid())
}

/// Writes a new entry with its fields, tags and labels; returns its change seq.
pub(crate) fn insert_entry(tx: &Transaction<'_>, entry: &Entry) -> Result<i64> {
    let seq = record_change(tx, entry.id, "upsert")?;
    let d = &entry.draft;
    tx.prepare_cached(
        "INSERT INTO entries (id, title, body, template, date, starred, created_at, updated_at,
                              revision, deleted_at, seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        entry.id.to_string(),
        d.title,
        d.body,
        d.template.as_str(),
        d.date.format("%Y-%m-%d").to_string(),
        d.starred,
        format_time(&entry.created_at),
        format_time(&entry.updated_at),
        entry.revision,
        entry.deleted_at.as_ref().map(format_time),
        seq,
    ])?;
    write_children(tx, entry)?;
    Ok(seq)
}

/// Replaces an entry's content with `new`, keeping `old` as an earlier version.
/// Returns the change seq.
pub(crate) fn replace_entry(tx: &Transaction<'_>, old: &Entry, new: &Entry) -> Result<i64> {
    let draft_json = serde_json::to_string(&old.draft).map_err(|e| {
        JournalError::Database(rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
    })?;
    // OR IGNORE: an import can carry a revision number this journal already keeps;
    // the version kept first is the one the leader saw, so it stays.
    tx.prepare_cached(
        "INSERT OR IGNORE INTO revisions (entry_id, revision, saved_at, draft) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![old.id.to_string(), old.revision, format_time(&old.updated_at), draft_json])?;
    let seq = record_change(tx, new.id, "upsert")?;
    let d = &new.draft;
    tx.prepare_cached(
        "UPDATE entries SET title = ?2, body = ?3, template = ?4, date = ?5, starred = ?6,
                updated_at = ?7, revision = ?8, deleted_at = ?9, seq = ?10
         WHERE id = ?1",
    )?
    .execute(params![
        new.id.to_string(),
        d.title,
        d.body,
        d.template.as_str(),
        d.date.format("%Y-%m-%d").to_string(),
        d.starred,
        format_time(&new.updated_at),
        new.revision,
        new.deleted_at.as_ref().map(format_time),
        seq,
    ])?;
    let key = new.id.to_string();
    tx.prepare_cached("DELETE FROM entry_fields WHERE entry_id = ?1")?
        .execute([&key])?;
    tx.prepare_cached("DELETE FROM entry_tags WHERE entry_id = ?1")?
        .execute([&key])?;
    tx.prepare_cached("DELETE FROM entry_labels WHERE entry_id = ?1")?
        .execute([&key])?;
    write_children(tx, new)?;
    Ok(seq)
}

fn write_children(tx: &Transaction<'_>, entry: &Entry) -> Result<()> {
    let key = entry.id.to_string();
    let mut field =
        tx.prepare_cached("INSERT INTO entry_fields (entry_id, key, text) VALUES (?1, ?2, ?3)")?;
    for (k, text) in &entry.draft.fields {
        field.execute(params![key, k, text])?;
    }
    let mut tag =
        tx.prepare_cached("INSERT INTO entry_tags (entry_id, tag, position) VALUES (?1, ?2, ?3)")?;
    for (i, t) in entry.draft.tags.iter().enumerate() {
        tag.execute(params![
            key,
            t.as_str(),
            i64::try_from(i).unwrap_or(i64::MAX)
        ])?;
    }
    let mut label = tx.prepare_cached(
        "INSERT INTO entry_labels (entry_id, label, position) VALUES (?1, ?2, ?3)",
    )?;
    for (i, l) in entry.draft.labels.iter().enumerate() {
        label.execute(params![key, l, i64::try_from(i).unwrap_or(i64::MAX)])?;
    }
    Ok(())
}

/// Moves an entry to or from the bin; returns the change seq.
pub(crate) fn set_deleted(
    tx: &Transaction<'_>,
    id: EntryId,
    at: Option<DateTime<Utc>>,
) -> Result<i64> {
    let seq = record_change(tx, id, "upsert")?;
    tx.prepare_cached("UPDATE entries SET deleted_at = ?2, seq = ?3 WHERE id = ?1")?
        .execute(params![id.to_string(), at.as_ref().map(format_time), seq])?;
    Ok(seq)
}

/// Removes an entry and its earlier versions for good; returns the purge's seq.
pub(crate) fn purge_entry(tx: &Transaction<'_>, id: EntryId) -> Result<i64> {
    let key = id.to_string();
    // Fields, tags, labels and revisions go with it (ON DELETE CASCADE).
    tx.prepare_cached("DELETE FROM entries WHERE id = ?1")?
        .execute([&key])?;
    // The older log rows only said "this id changed"; the purge row is all the index needs.
    tx.prepare_cached("DELETE FROM changes WHERE entry_id = ?1")?
        .execute([&key])?;
    record_change(tx, id, "purge")
}
