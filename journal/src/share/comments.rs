//! Comments on entries: a coach's feedback on what a leader shared, and the leader's
//! replies. Comment text is Markdown and is shown only through [`crate::render`].

use super::ShareError;
use super::coachees::Coachee;
use crate::error::{JournalError, Result};
use crate::journal::Journal;
use crate::model::{EntryId, Template};
use crate::store;
use crate::validate::canonical_tag;
use chrono::{DateTime, Utc};
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
    /// 1 as written; one more with each edit or withdrawal by its author.
    pub revision: u32,
    /// When its author last edited it (UTC), if ever.
    #[ts(type = "string | null")]
    pub edited_at: Option<DateTime<Utc>>,
    /// When its author withdrew it (UTC): its text is gone, here and, with the next
    /// bundle, wherever it went.
    #[ts(type = "string | null")]
    pub withdrawn_at: Option<DateTime<Utc>>,
}

impl Comment {
    /// The text as sanitised HTML.
    pub fn to_html(&self) -> String {
        crate::render::markdown_to_html(&self.text)
    }
}

/// What about one entry is new here and not yet opened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Unseen {
    /// The entry itself: a coachee shared it, or a new version of it, since it was last opened.
    pub entry: bool,
    /// Comments on it that arrived since it was last opened, oldest first.
    pub comments: Vec<CommentId>,
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

impl Journal {
    /// Writes a comment as this journal's owner on an entry of this journal, or on a
    /// coachee's shared entry (found as [`Journal::locate_entry`] finds it).
    ///
    /// On a coach's side it goes back in the next `feedback`; on a leader's side it
    /// goes to each coach in the next share of that entry.
    pub fn add_comment(&self, entry: EntryId, new: NewComment) -> Result<Comment> {
        let location = self.locate_entry(&entry.to_string())?;
        self.add_comment_at(location.coachee.as_ref(), entry, new)
    }

    /// Writes a comment on an entry of the coachee called `coachee`, or of this
    /// journal when `None`: never ambiguous, so two coachees who shared entries with
    /// the same id can both be commented on.
    pub fn add_comment_in(
        &self,
        coachee: Option<&str>,
        entry: EntryId,
        new: NewComment,
    ) -> Result<Comment> {
        let coachee = coachee.map(|name| self.coachee_named(name)).transpose()?;
        self.add_comment_at(coachee.as_ref(), entry, new)
    }

    fn add_comment_at(
        &self,
        coachee: Option<&Coachee>,
        entry: EntryId,
        new: NewComment,
    ) -> Result<Comment> {
        let own = self.own_keys()?;
        let write = |journal: &Journal| -> Result<Comment> {
            journal.store.write_other(|tx| {
                let bad =
                    |reason: String| -> JournalError { ShareError::BadComment { reason }.into() };
                check_text(&new.text).map_err(bad)?;
                let template = tx
                    .load_entry(entry)?
                    .ok_or(JournalError::NotFound(entry))?
                    .draft
                    .template;
                let anchor = check_anchor(template, new.anchor.as_deref()).map_err(bad)?;
                if let Some(reply_to) = new.reply_to {
                    match tx.comment_entry(reply_to)? {
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
                    revision: 1,
                    edited_at: None,
                    withdrawn_at: None,
                };
                tx.insert_comment(&comment)?;
                Ok(comment)
            })
        };
        match coachee {
            None => write(self),
            Some(coachee) => write(&*self.open_coachee_of(&coachee.fingerprint)?),
        }
    }

    /// Replaces the text of a comment this journal's owner wrote (on an entry of this
    /// journal or of a coachee): it goes, as the next revision, with the next bundle
    /// to whoever has the comment, and replaces their copy.
    pub fn edit_comment(&self, id: CommentId, text: &str) -> Result<Comment> {
        check_text(text).map_err(|reason| ShareError::BadComment { reason })?;
        self.revise_own_comment(id, |comment| {
            if comment.withdrawn_at.is_some() {
                return Err(ShareError::CommentWithdrawn.into());
            }
            comment.text = text.to_owned();
            comment.edited_at = Some(store::now());
            Ok(())
        })
    }

    /// Withdraws a comment this journal's owner wrote: its text is erased here (the
    /// database overwrites what it deletes) and, with the next bundle, wherever it
    /// went; replies to it stay, under a note that it was withdrawn. Withdrawing a
    /// withdrawn comment changes nothing.
    pub fn withdraw_comment(&self, id: CommentId) -> Result<Comment> {
        let withdrawn = self.revise_own_comment(id, |comment| {
            if comment.withdrawn_at.is_none() {
                comment.text.clear();
                comment.withdrawn_at = Some(store::now());
            }
            Ok(())
        })?;
        Ok(withdrawn)
    }

    /// Finds the comment `id` (this journal first, then each coachee's), checks this
    /// journal's owner wrote it, lets `change` revise it, and saves it as its next
    /// revision in one transaction; nothing is saved when `change` leaves it as it was.
    fn revise_own_comment(
        &self,
        id: CommentId,
        change: impl Fn(&mut Comment) -> Result<()>,
    ) -> Result<Comment> {
        let own = self.own_keys()?.info.fingerprint;
        let revise = |journal: &Journal| -> Result<Option<Comment>> {
            let revised = journal.store.write_other(|tx| {
                let Some(mut comment) = tx.comment(id, &own)? else {
                    return Ok(None);
                };
                if !comment.mine {
                    return Err(ShareError::NotYourComment {
                        author: comment.author,
                    }
                    .into());
                }
                let before = comment.clone();
                change(&mut comment)?;
                if comment != before {
                    comment.revision = before.revision.saturating_add(1);
                    tx.revise_comment(&comment)?;
                }
                Ok(Some(comment))
            })?;
            if revised.as_ref().is_some_and(|c| c.withdrawn_at.is_some()) {
                // Withdrawn means gone from the files too, as a purge is.
                journal.store.empty_log()?;
            }
            Ok(revised)
        };
        if let Some(comment) = revise(self)? {
            return Ok(comment);
        }
        for contact in self.coachees()? {
            if let Some(comment) = revise(&*self.open_coachee(&contact)?)? {
                return Ok(comment);
            }
        }
        Err(ShareError::NoSuchComment { id: id.to_string() }.into())
    }

    /// How many comments each of this journal's own entries has (entries without
    /// comments are left out), so lists can show where a coach has said something.
    pub fn comment_counts(&self) -> Result<BTreeMap<EntryId, usize>> {
        self.store.read(|r| r.comment_counts())
    }

    /// The comments on an entry of this journal or of a coachee, oldest first.
    pub fn comments(&self, entry: EntryId) -> Result<Vec<Comment>> {
        let location = self.locate_entry(&entry.to_string())?;
        self.comments_at(location.coachee.as_ref(), entry)
    }

    /// The comments on an entry of the coachee called `coachee`, or of this journal
    /// when `None`, oldest first (see [`Journal::add_comment_in`]).
    pub fn comments_in(&self, coachee: Option<&str>, entry: EntryId) -> Result<Vec<Comment>> {
        let coachee = coachee.map(|name| self.coachee_named(name)).transpose()?;
        self.comments_at(coachee.as_ref(), entry)
    }

    /// What is new and not yet opened among the entries of the coachee called
    /// `coachee`, or of this journal when `None`, by entry (entries with nothing new
    /// are left out): comments that arrived in a bundle, and a coachee's entries shared
    /// or updated. It stays new, across restarts, until [`Journal::mark_seen_in`].
    ///
    /// ```
    /// # use waymark_journal::Journal;
    /// let journal = Journal::open_in_memory()?;
    /// assert!(journal.unseen_in(None)?.is_empty());
    /// # Ok::<(), waymark_journal::JournalError>(())
    /// ```
    pub fn unseen_in(&self, coachee: Option<&str>) -> Result<BTreeMap<EntryId, Unseen>> {
        match coachee {
            None => self.store.read(|r| r.unseen()),
            Some(name) => {
                let coachee = self.coachee_named(name)?;
                self.open_coachee_of(&coachee.fingerprint)?
                    .store
                    .read(|r| r.unseen())
            }
        }
    }

    /// Marks an entry of the coachee called `coachee` (or of this journal when `None`)
    /// as opened: it and every comment on it are no longer new. One transaction; when
    /// nothing about it was new, nothing is written.
    pub fn mark_seen_in(&self, coachee: Option<&str>, entry: EntryId) -> Result<()> {
        let mark = |journal: &Journal| -> Result<()> {
            let new = journal.store.read(|r| r.unseen())?.contains_key(&entry);
            if new {
                journal.store.write_other(|tx| tx.mark_seen(entry))?;
            }
            Ok(())
        };
        match coachee {
            None => mark(self),
            Some(name) => {
                let coachee = self.coachee_named(name)?;
                mark(&*self.open_coachee_of(&coachee.fingerprint)?)
            }
        }
    }

    fn comments_at(&self, coachee: Option<&Coachee>, entry: EntryId) -> Result<Vec<Comment>> {
        let own = self.own_keys()?.info.fingerprint;
        let read = |journal: &Journal| journal.store.read(|r| r.comments_on(entry, &own));
        match coachee {
            None => read(self),
            Some(coachee) => read(&*self.open_coachee_of(&coachee.fingerprint)?),
        }
    }
}
