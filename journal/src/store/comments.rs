//! Comments on entries: a coach's feedback and the leader's replies. Each query is a
//! fixed statement; the caller picks one by what it needs, never by passing SQL.

use super::{Reader, Tx, count, format_time};
use crate::error::{JournalError, Result};
use crate::model::EntryId;
use crate::share::{Comment, CommentId, Unseen};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use std::collections::BTreeMap;
use std::str::FromStr;

fn bad_row() -> JournalError {
    super::damaged("a stored comment is damaged")
}

/// The columns every comment query reads, in [`read_row`]'s order.
const COLUMNS: &str = "id, entry_id, author_name, author_fingerprint, text, anchor, created_at, \
                       reply_to, revision, edited_at, withdrawn_at";

/// One comment row as stored, before its text columns are parsed.
struct Row {
    id: String,
    entry: String,
    author: String,
    fingerprint: String,
    text: String,
    anchor: Option<String>,
    created_at: String,
    reply_to: Option<String>,
    revision: i64,
    edited_at: Option<String>,
    withdrawn_at: Option<String>,
}

fn read_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: row.get(0)?,
        entry: row.get(1)?,
        author: row.get(2)?,
        fingerprint: row.get(3)?,
        text: row.get(4)?,
        anchor: row.get(5)?,
        created_at: row.get(6)?,
        reply_to: row.get(7)?,
        revision: row.get(8)?,
        edited_at: row.get(9)?,
        withdrawn_at: row.get(10)?,
    })
}

fn time(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| bad_row())
}

fn to_comment(row: Row, own_fingerprint: &str) -> Result<Comment> {
    Ok(Comment {
        id: CommentId::from_str(&row.id).map_err(|_| bad_row())?,
        entry_id: EntryId::from_str(&row.entry).map_err(|_| bad_row())?,
        mine: row.fingerprint == own_fingerprint,
        author: row.author,
        author_fingerprint: row.fingerprint,
        text: row.text,
        anchor: row.anchor,
        created_at: time(&row.created_at)?,
        reply_to: row
            .reply_to
            .map(|r| CommentId::from_str(&r).map_err(|_| bad_row()))
            .transpose()?,
        revision: u32::try_from(row.revision).map_err(|_| bad_row())?,
        edited_at: row.edited_at.as_deref().map(time).transpose()?,
        withdrawn_at: row.withdrawn_at.as_deref().map(time).transpose()?,
    })
}

/// What storing a comment from a bundle did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stored {
    /// It was new here.
    Added,
    /// It replaced an older revision (an edit, or a withdrawal).
    Revised,
    /// The same or a newer revision was here already: nothing changed.
    Unchanged,
}

impl Reader<'_> {
    /// Runs `SELECT <COLUMNS> FROM comments <rest>`.
    fn select(
        &self,
        rest: &'static str,
        args: impl rusqlite::Params,
        own_fingerprint: &str,
    ) -> Result<Vec<Comment>> {
        let sql = format!("SELECT {COLUMNS} FROM comments {rest}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(args, read_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|row| to_comment(row, own_fingerprint))
            .collect()
    }

    /// The comments on one entry, oldest first; `mine` is set for those by
    /// `own_fingerprint`.
    pub(crate) fn comments_on(
        &self,
        entry: EntryId,
        own_fingerprint: &str,
    ) -> Result<Vec<Comment>> {
        self.select(
            "WHERE entry_id = ?1 ORDER BY created_at, id",
            [entry.to_string()],
            own_fingerprint,
        )
    }

    /// Every comment written by `author` (this journal's owner), oldest first.
    pub(crate) fn comments_by(&self, author: &str) -> Result<Vec<Comment>> {
        self.select(
            "WHERE author_fingerprint = ?1 ORDER BY created_at, id",
            [author],
            author,
        )
    }

    /// The comments `own` wrote on `entries` that may go to the contact `to`: notes
    /// of its own and replies to `to`'s or its own comments, never replies to
    /// someone else's. Oldest first.
    pub(crate) fn comments_to_share(
        &self,
        own: &str,
        entries: &[EntryId],
        to: &str,
    ) -> Result<Vec<Comment>> {
        let ids_json =
            serde_json::Value::from(entries.iter().map(|id| id.to_string()).collect::<Vec<_>>())
                .to_string();
        self.select(
            "WHERE author_fingerprint = ?1 AND entry_id IN (SELECT value FROM json_each(?2))
               AND (reply_to IS NULL OR EXISTS (SELECT 1 FROM comments p WHERE p.id = comments.reply_to
                    AND p.author_fingerprint IN (?1, ?3)))
             ORDER BY created_at, id",
            params![own, ids_json, to],
            own,
        )
    }

    /// The comment with this id, if stored; `mine` is set when `own_fingerprint` wrote it.
    pub(crate) fn comment(&self, id: CommentId, own_fingerprint: &str) -> Result<Option<Comment>> {
        Ok(self
            .select("WHERE id = ?1", [id.to_string()], own_fingerprint)?
            .pop())
    }

    /// Whether a comment with this id is stored, and on which entry.
    pub(crate) fn comment_entry(&self, id: CommentId) -> Result<Option<EntryId>> {
        Ok(self.comment_origin(id)?.map(|(entry, _)| entry))
    }

    /// The entry a stored comment is on and its author's fingerprint, if it is stored.
    pub(crate) fn comment_origin(&self, id: CommentId) -> Result<Option<(EntryId, String)>> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT entry_id, author_fingerprint FROM comments WHERE id = ?1",
                [id.to_string()],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        row.map(|(entry, author)| Ok((EntryId::from_str(&entry).map_err(|_| bad_row())?, author)))
            .transpose()
    }

    /// How many comments each entry has, withdrawn ones left out (and entries without
    /// comments).
    pub(crate) fn comment_counts(&self) -> Result<BTreeMap<EntryId, usize>> {
        let rows: Vec<(String, i64)> = self
            .conn
            .prepare_cached(
                "SELECT entry_id, COUNT(*) FROM comments WHERE withdrawn_at IS NULL GROUP BY entry_id",
            )?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(id, n)| Ok((EntryId::from_str(&id).map_err(|_| bad_row())?, count(n))))
            .collect()
    }

    /// What is new here and not yet opened, by entry: the entry itself (a coachee's,
    /// shared or updated) and the comments that arrived on it, oldest first. Entries in
    /// the bin are left out; nothing opened them, but nobody is looking for them either.
    pub(crate) fn unseen(&self) -> Result<BTreeMap<EntryId, Unseen>> {
        let mut out: BTreeMap<EntryId, Unseen> = BTreeMap::new();
        let entries: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT u.entry_id FROM unseen_entries u JOIN entries e ON e.id = u.entry_id
                 WHERE e.deleted_at IS NULL",
            )?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in entries {
            let id = EntryId::from_str(&id).map_err(|_| bad_row())?;
            out.entry(id).or_default().entry = true;
        }
        let comments: Vec<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT u.entry_id, u.comment_id FROM unseen_comments u
                 JOIN comments c ON c.id = u.comment_id JOIN entries e ON e.id = u.entry_id
                 WHERE e.deleted_at IS NULL AND c.withdrawn_at IS NULL
                 ORDER BY c.created_at, c.id",
            )?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (entry, comment) in comments {
            let entry = EntryId::from_str(&entry).map_err(|_| bad_row())?;
            let comment = CommentId::from_str(&comment).map_err(|_| bad_row())?;
            out.entry(entry).or_default().comments.push(comment);
        }
        Ok(out)
    }

    /// How many comments `author` wrote and has not withdrawn.
    pub(crate) fn count_comments_by(&self, author: &str) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM comments WHERE author_fingerprint = ?1 AND withdrawn_at IS NULL",
            [author],
            |row| row.get(0),
        )?;
        Ok(count(n))
    }
}

impl Tx<'_> {
    /// Stores a comment unless one with its id exists; true when it was new.
    pub(crate) fn insert_comment(&self, c: &Comment) -> Result<bool> {
        let n = self
            .conn()
            .prepare_cached(
                "INSERT OR IGNORE INTO comments
                 (id, entry_id, author_name, author_fingerprint, text, anchor, created_at, reply_to,
                  revision, edited_at, withdrawn_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                c.id.to_string(),
                c.entry_id.to_string(),
                c.author,
                c.author_fingerprint,
                c.text,
                c.anchor,
                format_time(&c.created_at),
                c.reply_to.map(|r| r.to_string()),
                c.revision,
                c.edited_at.as_ref().map(format_time),
                c.withdrawn_at.as_ref().map(format_time),
            ])?;
        Ok(n > 0)
    }

    /// Stores a comment that arrived in a bundle: new, or replacing the stored one
    /// when its revision is higher (an edit or withdrawal by its author, who the
    /// caller has checked is the same). A lower or equal revision changes nothing, so
    /// a late bundle never undoes an edit.
    ///
    /// A comment new here is also marked unseen until its entry is opened.
    pub(crate) fn store_comment(&self, c: &Comment) -> Result<Stored> {
        if self.insert_comment(c)? {
            self.conn()
                .prepare_cached(
                    "INSERT OR IGNORE INTO unseen_comments (comment_id, entry_id) VALUES (?1, ?2)",
                )?
                .execute(params![c.id.to_string(), c.entry_id.to_string()])?;
            return Ok(Stored::Added);
        }
        let n = self.conn().execute(
            "UPDATE comments SET text = ?2, anchor = ?3, revision = ?4, edited_at = ?5,
                                 withdrawn_at = ?6
             WHERE id = ?1 AND revision < ?4",
            params![
                c.id.to_string(),
                c.text,
                c.anchor,
                c.revision,
                c.edited_at.as_ref().map(format_time),
                c.withdrawn_at.as_ref().map(format_time),
            ],
        )?;
        Ok(if n > 0 {
            Stored::Revised
        } else {
            Stored::Unchanged
        })
    }

    /// Marks an entry (a coachee's, just shared or updated) as not yet opened here.
    pub(crate) fn mark_entry_unseen(&self, entry: EntryId) -> Result<()> {
        self.conn()
            .prepare_cached("INSERT OR IGNORE INTO unseen_entries (entry_id) VALUES (?1)")?
            .execute([entry.to_string()])?;
        Ok(())
    }

    /// Marks an entry and every comment on it as seen; true when anything was new.
    pub(crate) fn mark_seen(&self, entry: EntryId) -> Result<bool> {
        let id = entry.to_string();
        let entries = self
            .conn()
            .prepare_cached("DELETE FROM unseen_entries WHERE entry_id = ?1")?
            .execute([&id])?;
        let comments = self
            .conn()
            .prepare_cached("DELETE FROM unseen_comments WHERE entry_id = ?1")?
            .execute([&id])?;
        Ok(entries + comments > 0)
    }

    /// Saves its author's edit or withdrawal of a stored comment: `c` carries the new
    /// text, revision and times.
    pub(crate) fn revise_comment(&self, c: &Comment) -> Result<()> {
        self.conn().execute(
            "UPDATE comments SET text = ?2, revision = ?3, edited_at = ?4, withdrawn_at = ?5
             WHERE id = ?1",
            params![
                c.id.to_string(),
                c.text,
                c.revision,
                c.edited_at.as_ref().map(format_time),
                c.withdrawn_at.as_ref().map(format_time),
            ],
        )?;
        Ok(())
    }
}
