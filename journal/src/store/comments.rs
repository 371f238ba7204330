//! Comments on entries: a coach's feedback and the leader's replies. Each query is a
//! fixed statement; the caller picks one by what it needs, never by passing SQL.

use super::{Reader, Tx, count, format_time};
use crate::error::{JournalError, Result};
use crate::model::EntryId;
use crate::share::{Comment, CommentId};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use std::collections::BTreeMap;
use std::str::FromStr;

fn bad_row() -> JournalError {
    super::damaged("a stored comment is damaged")
}

/// The columns every comment query reads, in this order.
type Row = (
    String,
    String,
    String,
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
    ))
}

fn to_comment(
    (id, entry, author, fp, text, anchor, at, reply_to): Row,
    own_fingerprint: &str,
) -> Result<Comment> {
    Ok(Comment {
        id: CommentId::from_str(&id).map_err(|_| bad_row())?,
        entry_id: EntryId::from_str(&entry).map_err(|_| bad_row())?,
        mine: fp == own_fingerprint,
        author,
        author_fingerprint: fp,
        text,
        anchor,
        created_at: DateTime::parse_from_rfc3339(&at)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| bad_row())?,
        reply_to: reply_to
            .map(|r| CommentId::from_str(&r).map_err(|_| bad_row()))
            .transpose()?,
    })
}

impl Reader<'_> {
    fn select(
        &self,
        sql: &'static str,
        args: impl rusqlite::Params,
        own_fingerprint: &str,
    ) -> Result<Vec<Comment>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
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
            "SELECT id, entry_id, author_name, author_fingerprint, text, anchor, created_at, reply_to
             FROM comments WHERE entry_id = ?1 ORDER BY created_at, id",
            [entry.to_string()],
            own_fingerprint,
        )
    }

    /// Every comment written by `author` (this journal's owner), oldest first.
    pub(crate) fn comments_by(&self, author: &str) -> Result<Vec<Comment>> {
        self.select(
            "SELECT id, entry_id, author_name, author_fingerprint, text, anchor, created_at, reply_to
             FROM comments WHERE author_fingerprint = ?1 ORDER BY created_at, id",
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
            "SELECT id, entry_id, author_name, author_fingerprint, text, anchor, created_at, reply_to
             FROM comments
             WHERE author_fingerprint = ?1 AND entry_id IN (SELECT value FROM json_each(?2))
               AND (reply_to IS NULL OR EXISTS (SELECT 1 FROM comments p WHERE p.id = comments.reply_to
                    AND p.author_fingerprint IN (?1, ?3)))
             ORDER BY created_at, id",
            params![own, ids_json, to],
            own,
        )
    }

    /// Whether a comment with this id is stored, and on which entry.
    pub(crate) fn comment_entry(&self, id: CommentId) -> Result<Option<EntryId>> {
        let entry: Option<String> = self
            .conn
            .query_row(
                "SELECT entry_id FROM comments WHERE id = ?1",
                [id.to_string()],
                |row| row.get(0),
            )
            .optional()?;
        entry
            .map(|e| EntryId::from_str(&e).map_err(|_| bad_row()))
            .transpose()
    }

    /// How many comments each entry has (entries without comments left out).
    pub(crate) fn comment_counts(&self) -> Result<BTreeMap<EntryId, usize>> {
        let rows: Vec<(String, i64)> = self
            .conn
            .prepare_cached("SELECT entry_id, COUNT(*) FROM comments GROUP BY entry_id")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(id, n)| Ok((EntryId::from_str(&id).map_err(|_| bad_row())?, count(n))))
            .collect()
    }

    /// How many comments `author` wrote.
    pub(crate) fn count_comments_by(&self, author: &str) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM comments WHERE author_fingerprint = ?1",
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
                 (id, entry_id, author_name, author_fingerprint, text, anchor, created_at, reply_to)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
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
            ])?;
        Ok(n > 0)
    }
}
