//! The check for identifying details at the journal's level: the watch list of names,
//! findings marked as fine, and checking saved entries (with their comments), a draft
//! as it is typed, and a redacted copy of a draft for sharing or export.
//!
//! Both the watch list and the findings marked as fine are kept in the journal
//! (`store/identifiers.rs`), so they travel with it and, in an encrypted journal, are
//! encrypted with it.

use super::{IdentifierKind, Span, WatchList, find_except, find_with, redact};
use crate::error::{JournalError, Result, ValidationError};
use crate::journal::Journal;
use crate::limits::{MAX_DISMISSED_CHARS, MAX_WATCHED_NAME_CHARS, MAX_WATCHED_NAMES};
use crate::model::{EntryDraft, EntryId};
use crate::store;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashSet;
use ts_rs::TS;

/// The `field` of a finding in an entry's title.
pub const TITLE_FIELD: &str = "title";
/// The `field` of a finding in an entry's body.
pub const BODY_FIELD: &str = "body";
/// The `field` of a finding in an entry's labels, checked as one text: the labels
/// joined by ", " (so offsets count from the first label, two characters between each).
pub const LABELS_FIELD: &str = "labels";
/// What the `field` of a finding in a comment starts with; the comment's id follows
/// ("comment:0192f0c1-…").
pub const COMMENT_FIELD_PREFIX: &str = "comment:";

/// One identifying detail in a saved entry or in a comment on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Finding {
    /// The entry it is in.
    pub entry: EntryId,
    /// Where in the entry: "title", "body", a template field's key ("what",
    /// "so-what", "description"…), "labels" (the labels joined by ", "), or
    /// "comment:<comment id>" for a coach's comment or a reply on the entry.
    pub field: String,
    /// What it looks like.
    pub kind: IdentifierKind,
    /// Where it starts in that field's text, in characters (Unicode scalar values).
    pub start: usize,
    /// Where it ends (exclusive), in characters.
    pub end: usize,
    /// The text found.
    pub text: String,
}

impl Finding {
    /// The detail `span` found in the field `field` of the entry `entry`.
    pub(crate) fn at(entry: EntryId, field: &str, span: Span) -> Finding {
        Finding {
            entry,
            field: field.to_owned(),
            kind: span.kind,
            start: span.start,
            end: span.end,
            text: span.text,
        }
    }
}

/// The details found in one field of a draft (see [`Journal::check_draft`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldSpans {
    /// "title", "body", a template field's key, or "labels" (the labels joined by ", ").
    pub field: String,
    /// What was found there, in order, never overlapping.
    pub spans: Vec<Span>,
}

/// The watch list and the findings marked as fine, read once for a check or a
/// redaction of many texts (an export, a share), so each text costs no database read.
pub(crate) struct Checker {
    watch: WatchList,
    dismissed: HashSet<(IdentifierKind, String)>,
}

impl Checker {
    /// The spans of `text` that are not marked as fine.
    fn spans(&self, text: &str) -> Vec<Span> {
        if text.trim().is_empty() {
            return Vec::new();
        }
        if self.dismissed.is_empty() {
            return find_with(text, &self.watch);
        }
        find_except(text, &self.watch, &|kind, found| {
            self.dismissed.contains(&(kind, fold(found)))
        })
    }

    /// `text` with every detail found (and not marked as fine) replaced.
    pub(crate) fn redact_text(&self, text: &str) -> String {
        redact(text, &self.spans(text))
    }

    /// A copy of `draft` with every detail found (and not marked as fine) replaced; see
    /// [`Journal::redact_draft`].
    pub(crate) fn redact_draft(&self, draft: &EntryDraft) -> EntryDraft {
        let mut copy = draft.clone();
        copy.title = self.redact_text(&draft.title);
        copy.body = self.redact_text(&draft.body);
        for text in copy.fields.values_mut() {
            *text = self.redact_text(text);
        }
        if !draft.labels.is_empty() {
            let spans = self.spans(&draft.labels.join(", "));
            copy.labels = redact_labels(&draft.labels, &spans);
        }
        copy
    }

    /// Adds the findings in `text`, the field `field` of the entry `entry`, to `out`.
    fn add(&self, entry: EntryId, field: &str, text: &str, out: &mut Vec<Finding>) {
        out.extend(
            self.spans(text)
                .into_iter()
                .map(|span| Finding::at(entry, field, span)),
        );
    }

    /// Adds the findings in an entry's own texts (not its comments) to `out`.
    pub(super) fn add_draft(&self, entry: EntryId, draft: &EntryDraft, out: &mut Vec<Finding>) {
        for (field, text) in texts(draft) {
            self.add(entry, &field, &text, out);
        }
    }
}

/// The form text is compared in when marked as fine: trimmed, in lower case.
fn fold(text: &str) -> String {
    text.trim().to_lowercase()
}

/// A draft's texts in the order they are written: the title, the template's fields
/// (in template order, then any others it holds), the body, the labels.
fn texts(draft: &EntryDraft) -> Vec<(Cow<'static, str>, Cow<'_, str>)> {
    let mut out: Vec<(Cow<'static, str>, Cow<'_, str>)> = Vec::new();
    out.push((TITLE_FIELD.into(), draft.title.as_str().into()));
    for field in draft.template.fields() {
        if let Some(text) = draft.fields.get(field.key) {
            out.push((field.key.into(), text.as_str().into()));
        }
    }
    for (key, text) in &draft.fields {
        if draft.template.field(key).is_none() {
            out.push((Cow::Owned(key.clone()), text.as_str().into()));
        }
    }
    out.push((BODY_FIELD.into(), draft.body.as_str().into()));
    if !draft.labels.is_empty() {
        out.push((LABELS_FIELD.into(), draft.labels.join(", ").into()));
    }
    out
}

/// A finding-marked-as-fine's text, checked: trimmed, short enough, no NUL. `None`
/// for blank text, which nothing is ever found in.
fn dismissal_text(text: &str) -> Result<Option<&str>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let chars = text.chars().count();
    if chars > MAX_DISMISSED_CHARS {
        return Err(ValidationError::DismissedTextTooLong {
            chars,
            max: MAX_DISMISSED_CHARS,
        }
        .into());
    }
    if text.contains('\0') {
        return Err(ValidationError::NulByte {
            what: "text to mark as fine".into(),
        }
        .into());
    }
    Ok(Some(text))
}

/// The watch list as it is kept: each name's words joined by single spaces, blanks
/// dropped, repeats (ignoring case) dropped after the first spelling, each checked.
fn clean_watch_list(names: &[String]) -> Result<Vec<String>> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for name in names {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            continue;
        }
        let chars = name.chars().count();
        if chars > MAX_WATCHED_NAME_CHARS {
            return Err(ValidationError::WatchedNameTooLong {
                name: name.chars().take(40).collect::<String>() + "…",
                chars,
                max: MAX_WATCHED_NAME_CHARS,
            }
            .into());
        }
        if name.contains('\0') {
            return Err(ValidationError::NulByte {
                what: "watched name".into(),
            }
            .into());
        }
        if seen.insert(fold(&name)) {
            out.push(name);
        }
    }
    if out.len() > MAX_WATCHED_NAMES {
        return Err(ValidationError::TooManyWatchedNames {
            count: out.len(),
            max: MAX_WATCHED_NAMES,
        }
        .into());
    }
    Ok(out)
}

/// Each label redacted where the spans (found in the labels joined by ", ") fall in it.
fn redact_labels(labels: &[String], spans: &[Span]) -> Vec<String> {
    let mut start = 0;
    labels
        .iter()
        .map(|label| {
            let len = label.chars().count();
            let end = start + len;
            let inside: Vec<Span> = spans
                .iter()
                .filter(|s| s.start < end && s.end > start)
                .map(|s| Span {
                    start: s.start.max(start) - start,
                    end: s.end.min(end) - start,
                    ..s.clone()
                })
                .collect();
            start = end + ", ".len();
            redact(label, &inside)
        })
        .collect()
}

impl Journal {
    /// The names the check for identifying details watches for, in the order given.
    pub fn watch_list(&self) -> Result<Vec<String>> {
        self.store.read(|r| r.watched_names())
    }

    /// Replaces the names the check watches for (colleagues, patients: anyone who must
    /// not be named). Each is trimmed (its words joined by single spaces); blanks are
    /// dropped, and repeats ignoring case keep their first spelling. One transaction.
    ///
    /// Refuses a name longer than 100 characters, or more than 1,000 names.
    pub fn set_watch_list(&self, names: &[String]) -> Result<()> {
        let names = clean_watch_list(names)?;
        self.store
            .write_other(|tx| tx.replace_watched_names(&names))
    }

    /// Marks a finding as fine: the check no longer reports `text` as `kind`, anywhere
    /// in the journal (compared trimmed and ignoring case). Marking it again changes
    /// nothing; blank text is ignored.
    pub fn dismiss_finding(&self, kind: IdentifierKind, text: &str) -> Result<()> {
        let Some(text) = dismissal_text(text)? else {
            return Ok(());
        };
        let folded = fold(text);
        self.store.write_other(|tx| {
            tx.insert_dismissed_finding(kind.as_str(), &folded, text, &store::now())
        })
    }

    /// Reports `text` as `kind` again after [`Journal::dismiss_finding`]; nothing
    /// happens if it was not marked as fine.
    pub fn undismiss_finding(&self, kind: IdentifierKind, text: &str) -> Result<()> {
        let Some(text) = dismissal_text(text)? else {
            return Ok(());
        };
        let folded = fold(text);
        self.store
            .write_other(|tx| tx.delete_dismissed_finding(kind.as_str(), &folded))
    }

    /// The findings marked as fine, oldest first, each as first marked (trimmed).
    pub fn dismissed(&self) -> Result<Vec<(IdentifierKind, String)>> {
        let rows = self.store.read(|r| r.dismissed_findings())?;
        Ok(rows
            .into_iter()
            // A kind this version does not know (written by a newer one) cannot be
            // reported by it either; leaving it out is all this version can do.
            .filter_map(|(kind, text, _)| Some((kind.parse().ok()?, text)))
            .collect())
    }

    /// The watch list and the findings marked as fine, read in one go.
    pub(crate) fn checker(&self) -> Result<Checker> {
        let (names, dismissed) = self
            .store
            .read(|r| Ok((r.watched_names()?, r.dismissed_findings()?)))?;
        Ok(Checker {
            watch: WatchList::new(&names),
            dismissed: dismissed
                .into_iter()
                .filter_map(|(kind, _, folded)| Some((kind.parse().ok()?, folded)))
                .collect(),
        })
    }

    /// Every identifying detail in these entries of this journal and in the comments
    /// on them (a coach's and the replies; withdrawn ones have no text), leaving out
    /// findings marked as fine. Entries in the given order; within one, its title,
    /// template fields in template order, body, labels, then comments oldest first.
    ///
    /// Fails with [`JournalError::NotFound`] for an id that is not an entry here
    /// (entries in the bin are checked too).
    pub fn check_entries(&self, ids: &[EntryId]) -> Result<Vec<Finding>> {
        let checker = self.checker()?;
        let mut findings = Vec::new();
        for &id in ids {
            // Read one entry at a time, and search it with the database free.
            let (entry, comments) = self.store.read(|r| {
                let entry = r.load_entry(id)?.ok_or(JournalError::NotFound(id))?;
                // `mine` is not needed here, so no identity is looked up or made.
                Ok((entry, r.comments_on(id, "")?))
            })?;
            checker.add_draft(id, &entry.draft, &mut findings);
            for comment in comments.iter().filter(|c| c.withdrawn_at.is_none()) {
                let field = format!("{COMMENT_FIELD_PREFIX}{}", comment.id);
                checker.add(id, &field, &comment.text, &mut findings);
            }
        }
        Ok(findings)
    }

    /// [`Journal::check_entries`] for every entry not in the bin, oldest first, each
    /// read once.
    pub fn check_journal(&self) -> Result<Vec<Finding>> {
        self.check_entries(&self.store.all_ids()?)
    }

    /// Every identifying detail in exactly what an export of these entries (or of
    /// everything not in the bin) would hold: the entries' own texts. Comments are
    /// not exported, so they are not checked. Each entry is read once.
    pub fn export_findings(&self, ids: Option<&[EntryId]>) -> Result<Vec<Finding>> {
        self.export_findings_of(ids, &crate::share::ShareFields::Whole)
    }

    /// [`Journal::export_findings`] for an export that keeps only some boxes (an
    /// appraisal pack of the learning, say): only what [`Journal::export_entries`]
    /// with the same `fields` would hold is checked.
    pub fn export_findings_of(
        &self,
        ids: Option<&[EntryId]>,
        fields: &crate::share::ShareFields,
    ) -> Result<Vec<Finding>> {
        let keep = fields.checked()?;
        let checker = self.checker()?;
        let mut findings = Vec::new();
        for id in self.export_ids(ids)? {
            let mut entry = self.store.get(id)?;
            crate::share::ShareFields::keep_only(keep.as_ref(), &mut entry.draft);
            checker.add_draft(id, &entry.draft, &mut findings);
        }
        Ok(findings)
    }

    /// The identifying details in a draft as it is being written, for the editor to
    /// mark: the title, each template field, the body and the labels (not comments),
    /// leaving out findings marked as fine. Only fields with something in them are
    /// listed, in the order of [`Journal::check_entries`].
    ///
    /// Cheap enough to call as the leader types: it reads only the watch list and the
    /// findings marked as fine, never the entries.
    pub fn check_draft(&self, draft: &EntryDraft) -> Result<Vec<FieldSpans>> {
        let checker = self.checker()?;
        Ok(texts(draft)
            .into_iter()
            .filter_map(|(field, text)| {
                let spans = checker.spans(&text);
                (!spans.is_empty()).then(|| FieldSpans {
                    field: field.into_owned(),
                    spans,
                })
            })
            .collect())
    }

    /// The identifying details in `text` (a comment, say), leaving out findings marked
    /// as fine.
    pub fn check_text(&self, text: &str) -> Result<Vec<Span>> {
        Ok(self.checker()?.spans(text))
    }

    /// `text` (a comment, say) with every identifying detail the check finds (and that
    /// is not marked as fine) replaced by words saying what was removed.
    pub fn redact_text(&self, text: &str) -> Result<String> {
        Ok(self.checker()?.redact_text(text))
    }

    /// A copy of `draft` with every identifying detail the check finds (and that is not
    /// marked as fine) replaced by words saying what was removed ("[name removed]"),
    /// for a shared or exported copy. The journal keeps its own text.
    ///
    /// The copy's date, template, tags and star are the draft's. A title or label full
    /// of findings can come out longer than the limits for saving an entry, as the
    /// replacements are longer than short details; it is a copy for reading, not saving.
    pub fn redact_draft(&self, draft: &EntryDraft) -> Result<EntryDraft> {
        Ok(self.checker()?.redact_draft(draft))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_watch_list_is_cleaned_before_it_is_kept() {
        let names: Vec<String> = ["  Tom   Reed ", "", "aisha", "AISHA", "tom reed", " "]
            .into_iter()
            .map(String::from)
            .collect();
        assert_eq!(
            clean_watch_list(&names).ok(),
            Some(vec!["Tom Reed".into(), "aisha".into()])
        );
        let long = vec!["x".repeat(MAX_WATCHED_NAME_CHARS + 1)];
        assert!(matches!(
            clean_watch_list(&long),
            Err(JournalError::Invalid(
                ValidationError::WatchedNameTooLong { .. }
            ))
        ));
        let many: Vec<String> = (0..=MAX_WATCHED_NAMES)
            .map(|i| format!("name{i}"))
            .collect();
        assert!(matches!(
            clean_watch_list(&many),
            Err(JournalError::Invalid(
                ValidationError::TooManyWatchedNames { .. }
            ))
        ));
    }

    #[test]
    fn labels_are_redacted_one_by_one_where_their_spans_fall() {
        let labels: Vec<String> = vec!["é team".into(), "Mrs Patel".into(), "ward".into()];
        let joined = labels.join(", ");
        let spans = super::super::find(&joined, &[]);
        assert_eq!(spans.len(), 1);
        assert_eq!(
            redact_labels(&labels, &spans),
            ["é team", "[name removed]", "ward"]
        );
    }

    #[test]
    fn a_drafts_texts_come_in_writing_order() {
        let draft = EntryDraft {
            code: Vec::new(),
            title: "t".into(),
            body: "b".into(),
            template: crate::model::Template::Rolfe,
            fields: [("now-what", "n"), ("what", "w"), ("so-what", "s")]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            date: chrono::NaiveDate::MIN,
            tags: vec![],
            labels: vec!["a".into(), "b".into()],
            starred: false,
        };
        let order: Vec<String> = texts(&draft)
            .into_iter()
            .map(|(f, _)| f.into_owned())
            .collect();
        assert_eq!(
            order,
            ["title", "what", "so-what", "now-what", "body", "labels"]
        );
    }
}
