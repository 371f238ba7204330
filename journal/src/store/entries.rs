//! Entries with their fields, tags and labels, their earlier versions (`revisions`),
//! and the rows each change appends to `changes`.

use super::{
    Reader, Store, Tx, corrupt, count, format_time, int, json_text, now, parse_id, parse_time,
};
use crate::error::{JournalError, Result};
use crate::model::{CodeTheme, Entry, EntryDraft, EntryId, Revision, Template};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, named_params, params};
use std::str::FromStr;
use waymark_framework::TagId;

impl Store {
    /// The entry, in the bin or not.
    pub(crate) fn get(&self, id: EntryId) -> Result<Entry> {
        self.read(|r| r.load_entry(id))?
            .ok_or(JournalError::NotFound(id))
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
            .query_map(params![prefix, format!("{prefix}~"), int(limit)], |row| {
                row.get(0)
            })?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter().map(|id| parse_id(id)).collect()
    }

    /// Every entry's id, the bin's included, in no particular order: read without a
    /// copy of each, since a short id needs all of them (see `short_id`).
    pub(crate) fn every_id(&self) -> Result<Vec<EntryId>> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached("SELECT id FROM entries")?;
        let mut rows = stmt.query([])?;
        let mut ids = Vec::new();
        while let Some(row) = rows.next()? {
            let text = row.get_ref(0)?.as_str().map_err(|e| corrupt(0, e))?;
            ids.push(parse_id(text)?);
        }
        Ok(ids)
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
        let tag_json = tag_list_json(tags);
        let sql = format!(
            "SELECT id FROM entries e WHERE {} ORDER BY date DESC, id DESC LIMIT :limit OFFSET :offset",
            list_condition(starred_only, tag_json.is_some())
        );
        let limit = limit.map_or(-1, int);
        let offset = int(offset);
        let mut stmt = conn.prepare_cached(&sql)?;
        let ids: Vec<String> = match &tag_json {
            Some(json) => stmt
                .query_map(
                    named_params! {":limit": limit, ":offset": offset, ":tags": json},
                    |row| row.get(0),
                )?
                .collect::<rusqlite::Result<_>>()?,
            None => stmt
                .query_map(named_params! {":limit": limit, ":offset": offset}, |row| {
                    row.get(0)
                })?
                .collect::<rusqlite::Result<_>>()?,
        };
        load_all(&conn, &ids)
    }

    /// How many entries each calendar month holds ("2026-11"), newest month first, with
    /// the same filters as [`Store::list`]: the journal list sizes itself from these, so
    /// its scrollbar covers the whole journal and "go to month" can jump anywhere.
    pub(crate) fn months(
        &self,
        starred_only: bool,
        tags: Option<&[TagId]>,
    ) -> Result<Vec<(String, usize)>> {
        let conn = self.lock();
        let tag_json = tag_list_json(tags);
        let sql = format!(
            "SELECT substr(date, 1, 7) AS month, COUNT(*) FROM entries e WHERE {}
             GROUP BY month ORDER BY month DESC",
            list_condition(starred_only, tag_json.is_some())
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let read = |row: &rusqlite::Row<'_>| Ok((row.get::<_, String>(0)?, count(row.get(1)?)));
        let months = match &tag_json {
            Some(json) => stmt
                .query_map(named_params! {":tags": json}, read)?
                .collect::<rusqlite::Result<_>>()?,
            None => stmt.query_map([], read)?.collect::<rusqlite::Result<_>>()?,
        };
        Ok(months)
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
        Ok(count(n))
    }

    /// Entries in the bin.
    pub(crate) fn count_in_bin(&self) -> Result<usize> {
        let n: i64 = self.lock().query_row(
            "SELECT COUNT(*) FROM entries WHERE deleted_at IS NOT NULL",
            [],
            |row| row.get(0),
        )?;
        Ok(count(n))
    }

    /// Every version of an entry, newest first, the current one included.
    pub(crate) fn history(&self, id: EntryId) -> Result<Vec<Revision>> {
        let conn = self.lock();
        let current = Reader { conn: &conn }
            .load_entry(id)?
            .ok_or(JournalError::NotFound(id))?;
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

/// The tags a list is limited to, as the JSON array `json_each` reads.
fn tag_list_json(tags: Option<&[TagId]>) -> Option<String> {
    tags.map(|tags| {
        serde_json::Value::from(tags.iter().map(|t| t.as_str()).collect::<Vec<_>>()).to_string()
    })
}

/// The `WHERE` condition of the journal list and its month counts. A fixed text for each
/// combination rather than "?n IS NULL OR …" terms, so each statement keeps the plan
/// SQLite picks for it (the date index for the plain list); the tags, when there are
/// any, are the JSON array bound to `:tags`.
fn list_condition(starred_only: bool, tagged: bool) -> &'static str {
    match (starred_only, tagged) {
        (false, false) => "deleted_at IS NULL",
        (true, false) => "deleted_at IS NULL AND starred = 1",
        (false, true) => {
            "deleted_at IS NULL AND EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = e.id
               AND t.tag IN (SELECT value FROM json_each(:tags)))"
        }
        (true, true) => {
            "deleted_at IS NULL AND starred = 1 AND EXISTS (SELECT 1 FROM entry_tags t
               WHERE t.entry_id = e.id AND t.tag IN (SELECT value FROM json_each(:tags)))"
        }
    }
}

fn load_all(conn: &Connection, ids: &[String]) -> Result<Vec<Entry>> {
    let reader = Reader { conn };
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let id = parse_id(id)?;
        // The rows were listed under the same lock, so they are all still there.
        if let Some(entry) = reader.load_entry(id)? {
            out.push(entry);
        }
    }
    Ok(out)
}

impl Reader<'_> {
    /// Reads one entry with its fields, tags and labels.
    pub(crate) fn load_entry(&self, id: EntryId) -> Result<Option<Entry>> {
        let conn = self.conn;
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
        let Some((
            title,
            body,
            template,
            date,
            starred,
            created_at,
            updated_at,
            revision,
            deleted_at,
        )) = row
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
        let code = conn
            .prepare_cached(
                "SELECT theme FROM entry_code_themes WHERE entry_id = ?1 ORDER BY position",
            )?
            .query_map([&key], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?
            .into_iter()
            .map(|theme| {
                CodeTheme::from_str(&theme).map_err(|_| {
                    corrupt(
                        0,
                        std::io::Error::other(format!("unknown Code theme {theme}")),
                    )
                })
            })
            .collect::<Result<_>>()?;
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
                code,
            },
            created_at: parse_time(&created_at, 5)?,
            updated_at: parse_time(&updated_at, 6)?,
            revision: u32::try_from(revision).map_err(|e| corrupt(7, e))?,
            deleted_at: deleted_at.map(|t| parse_time(&t, 8)).transpose()?,
        }))
    }

    /// Every earlier version of an entry (not the current one), oldest first.
    pub(crate) fn earlier_drafts(&self, id: EntryId) -> Result<Vec<(u32, EntryDraft)>> {
        self.conn
            .prepare_cached(
                "SELECT revision, draft FROM revisions WHERE entry_id = ?1 ORDER BY revision",
            )?
            .query_map([id.to_string()], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
            })?
            .map(|row| {
                let (revision, draft) = row?;
                Ok((
                    u32::try_from(revision).map_err(|e| corrupt(0, e))?,
                    serde_json::from_str(&draft).map_err(|e| corrupt(1, e))?,
                ))
            })
            .collect()
    }
}

impl Tx<'_> {
    /// Replaces what an earlier version of an entry holds. Only for taking identifying
    /// details out of the journal itself (`identifiers/in_journal.rs`): a version is
    /// otherwise never changed once kept.
    pub(crate) fn rewrite_revision(
        &self,
        id: EntryId,
        revision: u32,
        draft: &EntryDraft,
    ) -> Result<()> {
        let json = json_text(draft)?;
        self.conn()
            .prepare_cached(
                "UPDATE revisions SET draft = ?3 WHERE entry_id = ?1 AND revision = ?2",
            )?
            .execute(params![id.to_string(), revision, json])?;
        Ok(())
    }

    /// Appends to the change log; returns the new seq.
    fn record_change(&self, id: EntryId, kind: &str) -> Result<i64> {
        self.conn()
            .prepare_cached("INSERT INTO changes (entry_id, kind, at) VALUES (?1, ?2, ?3)")?
            .execute(params![id.to_string(), kind, format_time(&now())])?;
        Ok(self.conn().last_insert_rowid())
    }

    /// Writes a new entry with its fields, tags and labels; returns its change seq.
    pub(crate) fn insert_entry(&self, entry: &Entry) -> Result<i64> {
        let seq = self.record_change(entry.id, "upsert")?;
        let d = &entry.draft;
        self.conn()
            .prepare_cached(
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
        self.write_children(entry)?;
        Ok(seq)
    }

    /// Replaces an entry's content with `new`, keeping `old` as an earlier version.
    /// Returns the change seq.
    pub(crate) fn replace_entry(&self, old: &Entry, new: &Entry) -> Result<i64> {
        let conn = self.conn();
        let draft_json = json_text(&old.draft)?;
        // OR IGNORE: an import can carry a revision number this journal already keeps;
        // the version kept first is the one the leader saw, so it stays.
        conn.prepare_cached(
            "INSERT OR IGNORE INTO revisions (entry_id, revision, saved_at, draft) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![old.id.to_string(), old.revision, format_time(&old.updated_at), draft_json])?;
        let seq = self.record_change(new.id, "upsert")?;
        let d = &new.draft;
        conn.prepare_cached(
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
        conn.prepare_cached("DELETE FROM entry_fields WHERE entry_id = ?1")?
            .execute([&key])?;
        conn.prepare_cached("DELETE FROM entry_tags WHERE entry_id = ?1")?
            .execute([&key])?;
        conn.prepare_cached("DELETE FROM entry_labels WHERE entry_id = ?1")?
            .execute([&key])?;
        conn.prepare_cached("DELETE FROM entry_code_themes WHERE entry_id = ?1")?
            .execute([&key])?;
        self.write_children(new)?;
        Ok(seq)
    }

    fn write_children(&self, entry: &Entry) -> Result<()> {
        let conn = self.conn();
        let key = entry.id.to_string();
        let mut field = conn
            .prepare_cached("INSERT INTO entry_fields (entry_id, key, text) VALUES (?1, ?2, ?3)")?;
        for (k, text) in &entry.draft.fields {
            field.execute(params![key, k, text])?;
        }
        let mut tag = conn.prepare_cached(
            "INSERT INTO entry_tags (entry_id, tag, position) VALUES (?1, ?2, ?3)",
        )?;
        for (i, t) in entry.draft.tags.iter().enumerate() {
            tag.execute(params![key, t.as_str(), int(i)])?;
        }
        let mut label = conn.prepare_cached(
            "INSERT INTO entry_labels (entry_id, label, position) VALUES (?1, ?2, ?3)",
        )?;
        for (i, l) in entry.draft.labels.iter().enumerate() {
            label.execute(params![key, l, int(i)])?;
        }
        let mut theme = conn.prepare_cached(
            "INSERT INTO entry_code_themes (entry_id, theme, position) VALUES (?1, ?2, ?3)",
        )?;
        for (i, t) in entry.draft.code.iter().enumerate() {
            theme.execute(params![key, t.as_str(), int(i)])?;
        }
        Ok(())
    }

    /// Moves an entry to or from the bin; returns the change seq.
    pub(crate) fn set_deleted(&self, id: EntryId, at: Option<DateTime<Utc>>) -> Result<i64> {
        let seq = self.record_change(id, "upsert")?;
        self.conn()
            .prepare_cached("UPDATE entries SET deleted_at = ?2, seq = ?3 WHERE id = ?1")?
            .execute(params![id.to_string(), at.as_ref().map(format_time), seq])?;
        Ok(seq)
    }

    /// Removes an entry and its earlier versions for good; returns the purge's seq.
    pub(crate) fn purge_entry(&self, id: EntryId) -> Result<i64> {
        let key = id.to_string();
        // Fields, tags, labels and revisions go with it (ON DELETE CASCADE).
        self.conn()
            .prepare_cached("DELETE FROM entries WHERE id = ?1")?
            .execute([&key])?;
        // Unsaved writing for an entry that is gone for good could never be saved.
        self.conn()
            .prepare_cached("DELETE FROM drafts WHERE slot = ?1")?
            .execute([&key])?;
        // The older log rows only said "this id changed"; the purge row is all the index needs.
        self.conn()
            .prepare_cached("DELETE FROM changes WHERE entry_id = ?1")?
            .execute([&key])?;
        self.record_change(id, "purge")
    }
}
