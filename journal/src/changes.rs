//! What changed between two versions of an entry: the words added and removed in each
//! box, and the title, date, template, tags and labels that changed.
//!
//! Both shells show it (the desktop's history, `waymark diff`), so the comparison is
//! made once, here, word by word with the `similar` crate.

use crate::error::{JournalError, Result};
use crate::journal::Journal;
use crate::model::{EntryDraft, EntryId, Template};
use chrono::NaiveDate;
use serde::Serialize;
use similar::{DiffTag, TextDiff};
use std::time::Duration;
use ts_rs::TS;
use waymark_framework::TagId;

/// The key [`FieldChange`] uses for the entry's body (notes, or free writing), which no
/// template field has.
pub const BODY_KEY: &str = "body";

/// Longest a single box's comparison may take before it settles for a coarser answer:
/// a megabyte rewritten from end to end must not hold the journal up.
const DIFF_TIMEOUT: Duration = Duration::from_millis(300);

/// Whether a piece of text is in both versions, only the newer or only the older.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum SegmentKind {
    /// In both versions.
    Same,
    /// Only in the newer version.
    Added,
    /// Only in the older version.
    Removed,
}

/// A run of text that is the same, added or removed; a box's segments in order spell
/// the older version (same and removed) and the newer (same and added).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Segment {
    /// What happened to this text.
    pub kind: SegmentKind,
    /// The text, whitespace included.
    pub text: String,
}

/// A box whose text changed: a template field, or the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldChange {
    /// The template field's key, or [`BODY_KEY`] for the body.
    pub key: String,
    /// The heading a leader knows the box by ("So what?", "Notes").
    pub label: String,
    /// The box's text, word by word.
    pub segments: Vec<Segment>,
}

/// Something with one value before and another after (the date, the template).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ValueChange<T> {
    /// In the older version.
    pub before: T,
    /// In the newer version.
    pub after: T,
}

/// What changed from one version of an entry to another. Only what changed is listed:
/// an unchanged title is `None`, an unchanged box is absent.
///
/// ```
/// use waymark_journal::{EntryDraft, Journal, Template};
/// use waymark_journal::changes::SegmentKind;
/// let journal = Journal::open_in_memory()?;
/// let mut draft = EntryDraft {
///     title: "Board meeting".into(),
///     body: "I spoke first.".into(),
///     template: Template::Free,
///     fields: Default::default(),
///     date: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
///     tags: vec![],
///     labels: vec![],
///     starred: false,
///     code: vec![],
/// };
/// let entry = journal.create(draft.clone())?;
/// draft.body = "I listened first.".into();
/// journal.update(entry.id, draft)?;
/// let changes = journal.revision_changes(entry.id, None, 2)?;
/// let added: Vec<_> = changes.fields[0].segments.iter()
///     .filter(|s| s.kind == SegmentKind::Added).map(|s| s.text.as_str()).collect();
/// assert_eq!(added, ["listened"]);
/// # Ok::<(), waymark_journal::JournalError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RevisionChanges {
    /// The entry.
    pub entry_id: EntryId,
    /// The older version compared, or `None` when `to` is the first (all of it is new).
    pub from: Option<u32>,
    /// The newer version compared.
    pub to: u32,
    /// The title, word by word, if it changed.
    pub title: Option<Vec<Segment>>,
    /// The date the reflection is about, if it changed.
    pub date: Option<ValueChange<NaiveDate>>,
    /// The template, if it changed.
    pub template: Option<ValueChange<Template>>,
    /// The boxes whose text changed, in the newer template's order, the body last.
    pub fields: Vec<FieldChange>,
    /// Framework tags the newer version has and the older had not.
    pub tags_added: Vec<TagId>,
    /// Framework tags the older version had and the newer has not.
    pub tags_removed: Vec<TagId>,
    /// The leader's own labels added.
    pub labels_added: Vec<String>,
    /// The leader's own labels removed.
    pub labels_removed: Vec<String>,
    /// Whether the newer version is starred, if that changed.
    pub starred: Option<bool>,
}

impl RevisionChanges {
    /// True when the two versions say the same thing.
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.date.is_none()
            && self.template.is_none()
            && self.fields.is_empty()
            && self.tags_added.is_empty()
            && self.tags_removed.is_empty()
            && self.labels_added.is_empty()
            && self.labels_removed.is_empty()
            && self.starred.is_none()
    }
}

impl Journal {
    /// What changed from version `from` of an entry to version `to`; `from: None`
    /// compares `to` with the version before it (version 1 with nothing, so all of it
    /// is added). Either may be the current version.
    ///
    /// An entry or version that is not there is [`JournalError::NotFound`] or
    /// [`JournalError::RevisionNotFound`].
    pub fn revision_changes(
        &self,
        id: EntryId,
        from: Option<u32>,
        to: u32,
    ) -> Result<RevisionChanges> {
        let current = self.store.get(id)?;
        let version = |revision: u32| -> Result<EntryDraft> {
            if revision == current.revision {
                return Ok(current.draft.clone());
            }
            // Older versions are numbered below the current one; anything else is not there.
            let earlier = if revision < current.revision {
                self.store.revision_draft(id, revision)?
            } else {
                None
            };
            earlier.ok_or(JournalError::RevisionNotFound { id, revision })
        };
        let newer = version(to)?;
        let from = match from {
            Some(from) => Some(from),
            None => to.checked_sub(1).filter(|&before| before > 0),
        };
        let older = match from {
            Some(from) => version(from)?,
            None => EntryDraft {
                code: Vec::new(),
                title: String::new(),
                body: String::new(),
                template: newer.template,
                fields: Default::default(),
                date: newer.date,
                tags: vec![],
                labels: vec![],
                starred: false,
            },
        };
        Ok(compare(id, from, to, &older, &newer))
    }
}

/// The changes from `older` to `newer`, as [`Journal::revision_changes`] reports them.
fn compare(
    id: EntryId,
    from: Option<u32>,
    to: u32,
    older: &EntryDraft,
    newer: &EntryDraft,
) -> RevisionChanges {
    let changed = |before: &str, after: &str| (before != after).then(|| words(before, after));

    // The newer template's boxes first, then any the older template had that it has not
    // (their text is gone), each key once.
    let mut keys: Vec<&str> = Vec::new();
    for key in newer
        .template
        .fields()
        .iter()
        .chain(older.template.fields())
        .map(|f| f.key)
        .chain(newer.fields.keys().map(String::as_str))
        .chain(older.fields.keys().map(String::as_str))
    {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    let mut fields = Vec::new();
    for key in keys {
        let before = older.fields.get(key).map_or("", String::as_str);
        let after = newer.fields.get(key).map_or("", String::as_str);
        if let Some(segments) = changed(before, after) {
            let label = newer
                .template
                .field(key)
                .or_else(|| older.template.field(key))
                .map_or_else(|| key.to_owned(), |f| f.label.to_owned());
            fields.push(FieldChange {
                key: key.to_owned(),
                label,
                segments,
            });
        }
    }
    if let Some(segments) = changed(&older.body, &newer.body) {
        // Named as the editor names the box in the newer version.
        let label = if newer.template == Template::Free {
            "Your reflection"
        } else {
            "Notes"
        };
        fields.push(FieldChange {
            key: BODY_KEY.to_owned(),
            label: label.to_owned(),
            segments,
        });
    }

    RevisionChanges {
        entry_id: id,
        from,
        to,
        title: changed(&older.title, &newer.title),
        date: (older.date != newer.date).then_some(ValueChange {
            before: older.date,
            after: newer.date,
        }),
        template: (older.template != newer.template).then_some(ValueChange {
            before: older.template,
            after: newer.template,
        }),
        fields,
        tags_added: only_in(&newer.tags, &older.tags),
        tags_removed: only_in(&older.tags, &newer.tags),
        labels_added: only_in(&newer.labels, &older.labels),
        labels_removed: only_in(&older.labels, &newer.labels),
        starred: (older.starred != newer.starred).then_some(newer.starred),
    }
}

/// The items of `these` not in `those`, in their order.
fn only_in<T: Clone + PartialEq>(these: &[T], those: &[T]) -> Vec<T> {
    these
        .iter()
        .filter(|t| !those.contains(t))
        .cloned()
        .collect()
}

/// A run while the segments are built: text in both, or a change (removed then added).
enum Run {
    Same(String),
    Changed { removed: String, added: String },
}

/// `before` and `after` word by word: unchanged, removed and added runs, with each
/// change whole ("met the board" → "chaired it" is one removal and one addition, not
/// a word at a time around the spaces they share).
pub fn words(before: &str, after: &str) -> Vec<Segment> {
    let diff = TextDiff::configure()
        .timeout(DIFF_TIMEOUT)
        .diff_unicode_words(before, after);
    let mut runs: Vec<Run> = Vec::new();
    for op in diff.ops() {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let removed: String = old_range.filter_map(|i| diff.old_slice(i)).collect();
        let added: String = new_range.filter_map(|i| diff.new_slice(i)).collect();
        match tag {
            DiffTag::Equal => runs.push(Run::Same(removed)),
            DiffTag::Delete | DiffTag::Insert | DiffTag::Replace => {
                push_change(&mut runs, removed, added)
            }
        }
    }
    runs.into_iter()
        .flat_map(|run| match run {
            Run::Same(text) => vec![Segment {
                kind: SegmentKind::Same,
                text,
            }],
            Run::Changed { removed, added } => {
                [(SegmentKind::Removed, removed), (SegmentKind::Added, added)]
                    .into_iter()
                    .filter(|(_, text)| !text.is_empty())
                    .map(|(kind, text)| Segment { kind, text })
                    .collect()
            }
        })
        .collect()
}

/// Adds a change, joining it to the change before it when only whitespace lies between,
/// so a rewritten phrase reads as one. The whitespace goes into both sides, so the
/// segments still spell both versions exactly; it is only joined when both sides have
/// words, or a lone space would show as removed or added.
fn push_change(runs: &mut Vec<Run>, removed: String, added: String) {
    if let [
        ..,
        Run::Changed {
            removed: r0,
            added: a0,
        },
        Run::Same(space),
    ] = runs.as_slice()
    {
        let joinable = space.trim().is_empty()
            && (!r0.is_empty() || !removed.is_empty())
            && (!a0.is_empty() || !added.is_empty());
        if joinable {
            let joined = Run::Changed {
                removed: format!("{r0}{space}{removed}"),
                added: format!("{a0}{space}{added}"),
            };
            runs.truncate(runs.len() - 2);
            runs.push(joined);
            return;
        }
    }
    if let Some(Run::Changed {
        removed: r0,
        added: a0,
    }) = runs.last_mut()
    {
        r0.push_str(&removed);
        a0.push_str(&added);
        return;
    }
    runs.push(Run::Changed { removed, added });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Entry;

    fn spell(segments: &[Segment], skip: SegmentKind) -> String {
        segments
            .iter()
            .filter(|s| s.kind != skip)
            .map(|s| s.text.as_str())
            .collect()
    }

    fn of(segments: &[Segment], kind: SegmentKind) -> Vec<&str> {
        segments
            .iter()
            .filter(|s| s.kind == kind)
            .map(|s| s.text.trim())
            .collect()
    }

    fn draft() -> EntryDraft {
        EntryDraft {
            code: Vec::new(),
            title: "Board meeting".into(),
            body: String::new(),
            template: Template::Rolfe,
            fields: [
                (
                    "what".to_owned(),
                    "I chaired the board meeting today.".to_owned(),
                ),
                ("so-what".to_owned(), "Silence is not agreement.".to_owned()),
            ]
            .into(),
            date: NaiveDate::from_ymd_opt(2026, 3, 4).expect("a date"),
            tags: vec![TagId("hosting-style".into())],
            labels: vec!["board".into()],
            starred: false,
        }
    }

    fn saved_twice(change: impl FnOnce(&mut EntryDraft)) -> (Journal, Entry) {
        let journal = Journal::open_in_memory().expect("a journal");
        let entry = journal.create(draft()).expect("saved");
        let mut next = draft();
        change(&mut next);
        let entry = journal.update(entry.id, next).expect("saved again");
        (journal, entry)
    }

    #[test]
    fn words_added_and_removed_are_found_in_the_box_they_changed_in() {
        let (journal, entry) = saved_twice(|d| {
            d.fields.insert(
                "what".into(),
                "I chaired the difficult board meeting calmly today.".into(),
            );
        });
        let changes = journal
            .revision_changes(entry.id, None, 2)
            .expect("changes");
        assert_eq!((changes.from, changes.to), (Some(1), 2));
        // Only the box that changed is listed: "so-what" is the same in both.
        assert_eq!(changes.fields.len(), 1);
        let what = &changes.fields[0];
        assert_eq!((what.key.as_str(), what.label.as_str()), ("what", "What?"));
        assert_eq!(
            of(&what.segments, SegmentKind::Added),
            ["difficult", "calmly"]
        );
        assert!(of(&what.segments, SegmentKind::Removed).is_empty());
        // The segments spell both versions exactly.
        assert_eq!(
            spell(&what.segments, SegmentKind::Added),
            "I chaired the board meeting today."
        );
        assert_eq!(
            spell(&what.segments, SegmentKind::Removed),
            "I chaired the difficult board meeting calmly today."
        );
        assert!(changes.title.is_none() && changes.date.is_none() && changes.template.is_none());
        assert!(changes.tags_added.is_empty() && changes.tags_removed.is_empty());
    }

    #[test]
    fn a_rewritten_phrase_is_one_removal_and_one_addition() {
        let segments = words(
            "Then I met the whole board today.",
            "Then I chaired it today.",
        );
        assert_eq!(of(&segments, SegmentKind::Removed), ["met the whole board"]);
        assert_eq!(of(&segments, SegmentKind::Added), ["chaired it"]);
        assert_eq!(
            spell(&segments, SegmentKind::Added),
            "Then I met the whole board today."
        );
        assert_eq!(
            spell(&segments, SegmentKind::Removed),
            "Then I chaired it today."
        );
    }

    #[test]
    fn punctuation_is_not_part_of_the_word_beside_it() {
        let segments = words("I spoke first and often.", "I listened first.");
        assert_eq!(of(&segments, SegmentKind::Removed), ["spoke", "and often"]);
        assert_eq!(of(&segments, SegmentKind::Added), ["listened"]);
    }

    #[test]
    fn identical_text_has_no_changes_and_empty_text_is_all_added() {
        assert!(
            words("same words", "same words")
                .iter()
                .all(|s| s.kind == SegmentKind::Same)
        );
        assert_eq!(
            words("", "new words"),
            [Segment {
                kind: SegmentKind::Added,
                text: "new words".into()
            }]
        );
    }

    #[test]
    fn title_date_template_tags_labels_and_star_changes_are_reported() {
        let (journal, entry) = saved_twice(|d| {
            d.title = "Board meeting in March".into();
            d.date = NaiveDate::from_ymd_opt(2026, 3, 5).expect("a date");
            d.template = Template::Gibbs;
            d.fields = [("description".to_owned(), "The board met.".to_owned())].into();
            d.body = "A note.".into();
            d.tags = vec![TagId("sharing-power".into())];
            d.labels = vec!["board".into(), "march".into()];
            d.starred = true;
        });
        let changes = journal
            .revision_changes(entry.id, Some(1), 2)
            .expect("changes");
        let title = changes.title.as_deref().expect("title changed");
        assert_eq!(of(title, SegmentKind::Added), ["in March"]);
        let date = changes.date.as_ref().expect("date changed");
        assert_eq!(
            (date.before.to_string(), date.after.to_string()),
            ("2026-03-04".into(), "2026-03-05".into())
        );
        assert_eq!(
            changes.template,
            Some(ValueChange {
                before: Template::Rolfe,
                after: Template::Gibbs
            })
        );
        // The new template's box first, then the old template's boxes now empty, the body last.
        let keys: Vec<_> = changes.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["description", "what", "so-what", "body"]);
        assert_eq!(changes.fields[3].label, "Notes");
        assert_eq!(
            of(&changes.fields[1].segments, SegmentKind::Removed),
            ["I chaired the board meeting today."]
        );
        assert_eq!(changes.tags_added, [TagId("sharing-power".into())]);
        assert_eq!(changes.tags_removed, [TagId("hosting-style".into())]);
        assert_eq!(changes.labels_added, ["march"]);
        assert!(changes.labels_removed.is_empty());
        assert_eq!(changes.starred, Some(true));
        assert!(!changes.is_empty());
    }

    #[test]
    fn comparing_backwards_swaps_added_and_removed() {
        let (journal, entry) = saved_twice(|d| d.tags.push(TagId("sharing-power".into())));
        let changes = journal
            .revision_changes(entry.id, Some(2), 1)
            .expect("changes");
        assert_eq!(changes.tags_removed, [TagId("sharing-power".into())]);
        assert!(changes.tags_added.is_empty() && changes.fields.is_empty());
    }

    #[test]
    fn the_first_version_is_all_added() {
        let journal = Journal::open_in_memory().expect("a journal");
        let entry = journal.create(draft()).expect("saved");
        let changes = journal
            .revision_changes(entry.id, None, 1)
            .expect("changes");
        assert_eq!(changes.from, None);
        assert_eq!(changes.fields.len(), 2);
        assert!(
            changes
                .fields
                .iter()
                .all(|f| f.segments.iter().all(|s| s.kind == SegmentKind::Added))
        );
        assert_eq!(changes.tags_added, [TagId("hosting-style".into())]);
        assert!(changes.date.is_none() && changes.template.is_none());
    }

    #[test]
    fn a_version_compared_with_itself_has_no_changes() {
        let (journal, entry) = saved_twice(|d| d.title = "Another".into());
        assert!(
            journal
                .revision_changes(entry.id, Some(1), 1)
                .expect("changes")
                .is_empty()
        );
    }

    #[test]
    fn an_unknown_version_or_entry_is_a_clear_error() {
        let (journal, entry) = saved_twice(|d| d.title = "Another".into());
        for (from, to) in [(None, 3), (Some(0), 2), (Some(1), 7)] {
            let err = journal
                .revision_changes(entry.id, from, to)
                .expect_err("no such version");
            assert!(
                matches!(err, JournalError::RevisionNotFound { id, .. } if id == entry.id),
                "{err:?}"
            );
            assert!(err.to_string().contains("has no version"), "{err}");
        }
        let missing = EntryId::new();
        assert!(matches!(
            journal.revision_changes(missing, None, 1),
            Err(JournalError::NotFound(id)) if id == missing
        ));
    }
}
