//! Entries that cross the journal's edge: export and import of Waymark JSON
//! ([`waymark_json`], format version 1), Markdown export ([`markdown`]), and the two
//! rules every entry from outside goes through, whatever brought it (an import file,
//! a coachee's bundle, the importers to come):
//!
//! 1. **One gate**, [`admit`]: the entry is checked and put in the form this journal
//!    stores (its draft through [`EntryDraft::normalise`](crate::EntryDraft::normalise),
//!    times to the microsecond, revision and save times believable).
//! 2. **One merge**, [`merge`], with an explicit [`Policy`] saying who wins when the
//!    entry is already here and differs.
//!
//! A new import source parses its format into [`Entry`] values, passes each through
//! [`admit`] and applies them with [`merge`] in one transaction.

pub mod markdown;
mod sealed_export;
pub use sealed_export::ExportOptions;
pub mod waymark_json;

pub use crate::error::ImportError;
pub use markdown::entry_to_markdown;
pub use waymark_json::{
    FORMAT, ImportReport, JournalExport, MAX_IMPORT_BYTES, VERSION, read_import,
};

use crate::error::{JournalError, Result};
use crate::limits::{MAX_REVISION, believable_save_time};
use crate::model::{Entry, EntryId};
use crate::store::{self, Change, Tx};
use chrono::SubsecRound;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Checks an entry from outside this journal and returns it as this journal stores
/// it; the `Err` is a sentence saying why it cannot be taken in, for the caller to
/// wrap in its own error (which entry of a file, which bundle).
///
/// - the draft goes through `EntryDraft::normalise` (limits, template fields, tags
///   resolved to framework ids);
/// - the revision is 1 to [`MAX_REVISION`];
/// - times are truncated to the microsecond stored, so a second import compares equal;
/// - `created_at`, `updated_at` and `deleted_at` are times it could have been saved
///   ([`believable_save_time`]: not before 2000, not more than a day ahead, since a
///   time from the future would make this copy win every later merge), and it was
///   not updated before it was created.
pub(crate) fn admit(mut entry: Entry) -> Result<Entry, String> {
    entry.draft = entry.draft.normalise().map_err(|e| e.to_string())?;
    if entry.revision == 0 {
        return Err("its revision must be 1 or more".into());
    }
    if entry.revision > MAX_REVISION {
        return Err(format!("its revision {} is not believable", entry.revision));
    }
    entry.created_at = entry.created_at.trunc_subsecs(6);
    entry.updated_at = entry.updated_at.trunc_subsecs(6);
    entry.deleted_at = entry.deleted_at.map(|t| t.trunc_subsecs(6));
    for (what, t) in [
        ("created_at", Some(entry.created_at)),
        ("updated_at", Some(entry.updated_at)),
        ("deleted_at", entry.deleted_at),
    ] {
        if let Some(t) = t
            && !believable_save_time(t)
        {
            return Err(format!(
                "its {what} {} is not a time it could have been saved (is the other computer's clock right?)",
                store::format_time(&t)
            ));
        }
    }
    if entry.updated_at < entry.created_at {
        return Err("it was updated before it was created".into());
    }
    Ok(entry)
}

/// Who wins when an entry from outside is already in this journal with other content.
///
/// In both policies an entry new here is added as it came, one whose content (its
/// draft) is already the same is left alone, and a replaced version is kept in the
/// entry's history, so nothing is lost either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Policy {
    /// Importing a file into the leader's own journal: the leader may have edited an
    /// entry since the file was made, so a local copy saved more recently than the
    /// file's is kept and reported as skipped. Otherwise the file's copy becomes a new
    /// version (revision one past the local one, the file's save time); whether the
    /// entry sits in the bin stays this journal's business.
    KeepNewerLocal,
    /// A coachee's journal on the coach's computer receiving their bundle: only the
    /// sender writes it, so the sender's copy wins unless it is older than the copy
    /// here by both revision and save time (a bundle that arrived late, which is
    /// reported as skipped). An entry the coach's copy
    /// has in the bin counts as different and comes back out; the revision and save
    /// time never go backwards (the larger of the two, or one past the local revision).
    SenderWins,
}

/// What [`merge`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Merged {
    /// Entries new here.
    pub(crate) added: usize,
    /// Entries replaced by the incoming copy.
    pub(crate) updated: usize,
    /// Entries already the same.
    pub(crate) unchanged: usize,
    /// Entries kept because the local copy is newer.
    pub(crate) skipped_newer_local: Vec<EntryId>,
    /// The entries added or updated, each once, in the incoming order.
    pub(crate) changed: Vec<EntryId>,
}

/// Applies entries that passed [`admit`] inside the transaction `tx`, by `policy`;
/// returns what it did and the changes for the search index.
pub(crate) fn merge(
    tx: &Tx<'_>,
    incoming: Vec<Entry>,
    policy: Policy,
) -> Result<(Merged, Vec<Change>)> {
    let mut merged = Merged::default();
    let mut changes = Vec::new();
    for incoming in incoming {
        let Some(local) = tx.load_entry(incoming.id)? else {
            let seq = tx.insert_entry(&incoming)?;
            merged.added += 1;
            merged.changed.push(incoming.id);
            changes.push(Change::Upsert {
                entry: incoming,
                seq,
            });
            continue;
        };
        let new = match policy {
            Policy::KeepNewerLocal => {
                if local.draft == incoming.draft {
                    merged.unchanged += 1;
                    continue;
                }
                if local.updated_at > incoming.updated_at {
                    merged.skipped_newer_local.push(local.id);
                    continue;
                }
                Entry {
                    draft: incoming.draft,
                    updated_at: incoming.updated_at,
                    revision: local.revision.saturating_add(1),
                    // Whether it sits in the bin is this journal's business.
                    ..local.clone()
                }
            }
            Policy::SenderWins => {
                if local.draft == incoming.draft && local.deleted_at.is_none() {
                    merged.unchanged += 1;
                    continue;
                }
                // Bundles arrive out of order: a copy older than the one here, by both
                // the sender's revision and their save time, never replaces it. Both,
                // because the copy here may be a revision ahead of the sender's number
                // (a fields-only share and a whole one of the same revision differ).
                if incoming.revision < local.revision && incoming.updated_at < local.updated_at {
                    merged.skipped_newer_local.push(local.id);
                    continue;
                }
                Entry {
                    draft: incoming.draft,
                    updated_at: incoming.updated_at.max(local.updated_at),
                    revision: incoming.revision.max(local.revision.saturating_add(1)),
                    deleted_at: None,
                    ..local.clone()
                }
            }
        };
        let seq = tx.replace_entry(&local, &new)?;
        merged.updated += 1;
        merged.changed.push(new.id);
        changes.push(Change::Upsert { entry: new, seq });
    }
    Ok((merged, changes))
}

/// Reads a whole file of at most `max` bytes; a larger one is refused with
/// `too_large(its length)` before it is read.
///
/// `take` guards against a file that grows while being read: at most `max + 1` bytes
/// come back, and the caller's own size check then refuses them.
pub(crate) fn read_capped(
    path: &Path,
    max: u64,
    too_large: impl FnOnce(u64) -> JournalError,
) -> Result<Vec<u8>> {
    let file = File::open(path).map_err(|e| JournalError::io(path, e))?;
    let len = file
        .metadata()
        .map_err(|e| JournalError::io(path, e))?
        .len();
    if len > max {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| JournalError::io(path, e))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryDraft, Template};
    use chrono::{DateTime, TimeDelta, Utc};

    fn entry(saved: DateTime<Utc>) -> Entry {
        Entry {
            id: EntryId::new(),
            draft: EntryDraft {
                code: Vec::new(),
                title: "Forum".into(),
                body: String::new(),
                template: Template::Free,
                fields: Default::default(),
                date: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).expect("a date"),
                tags: vec![],
                labels: vec![],
                starred: false,
            },
            created_at: saved,
            updated_at: saved,
            revision: 1,
            deleted_at: None,
        }
    }

    #[test]
    fn the_gate_keeps_the_stricter_window_of_the_two_it_replaced() {
        // Import used to accept anything after 1970, bundles after 1999-12-25: one
        // window now, the bundles' one.
        let in_1985 = DateTime::<Utc>::UNIX_EPOCH + TimeDelta::days(365 * 15);
        let err = admit(entry(in_1985)).unwrap_err();
        assert!(err.contains("created_at"), "{err}");
        assert!(admit(entry(crate::limits::earliest_save())).is_ok());
        let tomorrow_and_more = Utc::now() + TimeDelta::days(2);
        assert!(admit(entry(tomorrow_and_more)).is_err());
    }

    #[test]
    fn the_gate_truncates_times_and_checks_revisions_and_order() {
        let saved = Utc::now() - TimeDelta::nanoseconds(123_456_789);
        let admitted = admit(entry(saved)).unwrap();
        assert_eq!(admitted.created_at, saved.trunc_subsecs(6));
        let mut e = entry(saved);
        e.revision = 0;
        assert!(admit(e).unwrap_err().contains("1 or more"));
        let mut e = entry(saved);
        e.revision = MAX_REVISION + 1;
        assert!(admit(e).unwrap_err().contains("not believable"));
        let mut e = entry(saved);
        e.created_at = saved + TimeDelta::hours(1);
        e.updated_at = saved;
        assert!(admit(e).unwrap_err().contains("updated before"));
    }
}
