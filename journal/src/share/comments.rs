//! Comments on entries: a coach's feedback on what a leader shared, and the leader's
//! replies. Comment text is Markdown and is shown only through [`crate::render`].

use super::ShareError;
use crate::error::{JournalError, Result};
use crate::journal::Journal;
use crate::model::{EntryId, Template};
use crate::store;
use crate::validate::canonical_tag;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use ts_rs::TS;
use uuid::Uuid;

/// Largest comment, in bytes.
pub const MAX_COMMENT_BYTES: usize = 64 * 1024;
/// Longest anchor (template field key or tag id), in characters.
const MAX_ANCHOR_CHARS: usize = 80;

/// Id of a comment: a UUIDv7, the same in every journal the comment reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(export, type = "string")]
pub struct CommentId(pub Uuid);

impl fmt::Display for CommentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for CommentId {
    type Err = uuid::Error;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        Uuid::parse_str(s.trim()).map(CommentId)
    }
}

/// A comment as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Comment {
    /// Its id.
    pub id: CommentId,
    /// The entry it is on.
    pub entry_id: EntryId,
    /// Who wrote it (their name as this journal knows them).
    pub author: String,
    /// The author's fingerprint.
    pub author_fingerprint: String,
    /// True when this journal's owner wrote it.
    pub mine: bool,
    /// Markdown text; show it only through [`crate::render::markdown_to_html`].
    pub text: String,
    /// The template field key or tag it is about, if any.
    pub anchor: Option<String>,
    /// When it was written (UTC).
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    /// The comment it answers, if any.
    pub reply_to: Option<CommentId>,
}

impl Comment {
    /// The text as sanitised HTML.
    pub fn to_html(&self) -> String {
        crate::render::markdown_to_html(&self.text)
    }
}

/// A comment to write.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct NewComment {
    /// Markdown text.
    pub text: String,
    /// A template field key of the entry, or a framework tag, that it is about.
    #[serde(default)]
    pub anchor: Option<String>,
    /// The comment it answers.
    #[serde(default)]
    pub reply_to: Option<CommentId>,
}

/// Checks comment text: not empty, not too large, no NUL.
pub(crate) fn check_text(text: &str) -> std::result::Result<(), String> {
    if text.trim().is_empty() {
        return Err("it is empty".into());
    }
    if text.len() > MAX_COMMENT_BYTES {
        return Err(format!(
            "it is {} KB; a comment can be at most {} KB",
            text.len().div_ceil(1024),
            MAX_COMMENT_BYTES / 1024
        ));
    }
    if text.contains('\0') {
        return Err("it contains a NUL character".into());
    }
    Ok(())
}

/// Checks an anchor against the entry's template; returns it canonical (tags as ids).
pub(crate) fn check_anchor(
    template: Template,
    anchor: Option<&str>,
) -> std::result::Result<Option<String>, String> {
    let Some(anchor) = anchor.map(str::trim).filter(|a| !a.is_empty()) else {
        return Ok(None);
    };
    if anchor.chars().count() > MAX_ANCHOR_CHARS {
        return Err("what it is about is too long to be a field or tag".into());
    }
    if template.field(anchor).is_some() {
        return Ok(Some(anchor.to_owned()));
    }
    canonical_tag(anchor)
        .map(|tag| Some(tag.as_str().to_owned()))
        .map_err(|_| format!("'{anchor}' is neither a field of this entry nor a framework tag"))
}

/// Whether a comment with this id is stored, and on which entry.
pub(crate) fn comment_entry(conn: &Connection, id: CommentId) -> Result<Option<EntryId>> {
    let entry: Option<String> = conn
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

/// Stores a comment unless one with its id exists; true when it was new.
pub(crate) fn insert_comment(tx: &rusqlite::Transaction<'_>, c: &Comment) -> Result<bool> {
    let n = tx
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
            store::format_time(&c.created_at),
            c.reply_to.map(|r| r.to_string()),
        ])?;
    Ok(n > 0)
}

fn bad_row() -> JournalError {
    JournalError::Database(rusqlite::Error::InvalidColumnType(
        0,
        "a stored comment is damaged".into(),
        rusqlite::types::Type::Text,
    ))
}

/// Comments matching a `WHERE` clause over `comments`, oldest first.
pub(crate) fn select_comments(
    conn: &Connection,
    filter: &str,
    args: impl rusqlite::Params,
    own_fingerprint: &str,
) -> Result<Vec<Comment>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, entry_id, author_name, author_fingerprint, text, anchor, created_at, reply_to
         FROM comments WHERE {filter} ORDER BY created_at, id"
    ))?;
    let rows = stmt.query_map(args, |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, String>(4)?,
            row.get::<_, Option<String>>(5)?,
            row.get::<_, String>(6)?,
            row.get::<_, Option<String>>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, entry, author, fp, text, anchor, at, reply_to) = row?;
        out.push(Comment {
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
        });
    }
    Ok(out)
}

impl Journal {
    /// Writes a comment as this journal's owner on an entry of this journal, or on a
    /// coachee's shared entry (found as [`Journal::locate_entry`] finds it).
    ///
    /// On a coach's side it goes back in the next `feedback`; on a leader's side it
    /// goes to each coach in the next share of that entry.
    pub fn add_comment(&self, entry: EntryId, new: NewComment) -> Result<Comment> {
        let location = self.locate_entry(&entry.to_string())?;
        let own = self.own_keys()?;
        let write = |journal: &Journal| -> Result<Comment> {
            journal.store.write(
                |tx| {
                    let bad = |reason: String| -> JournalError {
                        ShareError::BadComment { reason }.into()
                    };
                    check_text(&new.text).map_err(bad)?;
                    let template = store::load_entry(tx, entry)?
                        .ok_or(JournalError::NotFound(entry))?
                        .draft
                        .template;
                    let anchor = check_anchor(template, new.anchor.as_deref()).map_err(bad)?;
                    if let Some(reply_to) = new.reply_to {
                        match comment_entry(tx, reply_to)? {
                            Some(on) if on == entry => {}
                            Some(_) => {
                                return Err(bad(format!("comment {reply_to} is on another entry")));
                            }
                            None => return Err(bad(format!("there is no comment {reply_to}"))),
                        }
                    }
                    let comment = Comment {
                        id: CommentId(Uuid::now_v7()),
                        entry_id: entry,
                        author: own.info.name.clone(),
                        author_fingerprint: own.info.fingerprint.clone(),
                        mine: true,
                        text: new.text.clone(),
                        anchor,
                        created_at: store::now(),
                        reply_to: new.reply_to,
                    };
                    insert_comment(tx, &comment)?;
                    Ok((comment, Vec::new()))
                },
                |_| {},
            )
        };
        match &location.coachee {
            None => write(self),
            Some(contact) => write(&*self.open_coachee(contact)?),
        }
    }

    /// How many comments each of this journal's own entries has (entries without
    /// comments are left out), so lists can show where a coach has said something.
    pub fn comment_counts(&self) -> Result<BTreeMap<EntryId, usize>> {
        let rows: Vec<(String, i64)> = self.store.with_conn(|conn| {
            Ok(conn
                .prepare("SELECT entry_id, COUNT(*) FROM comments GROUP BY entry_id")?
                .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?)
        })?;
        rows.into_iter()
            .map(|(id, n)| {
                Ok((
                    EntryId::from_str(&id).map_err(|_| bad_row())?,
                    usize::try_from(n).unwrap_or(0),
                ))
            })
            .collect()
    }

    /// The comments on an entry of this journal or of a coachee, oldest first.
    pub fn comments(&self, entry: EntryId) -> Result<Vec<Comment>> {
        let location = self.locate_entry(&entry.to_string())?;
        let own = self.own_keys()?.info.fingerprint;
        let read = |journal: &Journal| {
            journal
                .store
                .with_conn(|conn| select_comments(conn, "entry_id = ?1", [entry.to_string()], &own))
        };
        match &location.coachee {
            None => read(self),
            Some(contact) => read(&*self.open_coachee(contact)?),
        }
    }
}
