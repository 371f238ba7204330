//! Waymark JSON export and import: lossless, for moving and backing up a journal.
//!
//! # The Waymark JSON format, version 1
//!
//! One UTF-8 JSON object:
//!
//! ```json
//! {
//!   "format": "waymark-journal",
//!   "version": 1,
//!   "exported_at": "2026-03-04T10:15:00.000000Z",
//!   "entries": [
//!     {
//!       "id": "0192f0c1-7f3a-7cde-8a11-2b3c4d5e6f70",
//!       "title": "Hosting the neighbourhood forum",
//!       "body": "Markdown text",
//!       "template": "rolfe",
//!       "fields": { "what": "Markdown", "so-what": "…", "now-what": "…" },
//!       "date": "2026-03-04",
//!       "tags": ["hosting-style", "sharing-power"],
//!       "labels": ["forum"],
//!       "starred": false,
//!       "created_at": "2026-03-04T09:00:00.000000Z",
//!       "updated_at": "2026-03-04T10:00:00.000000Z",
//!       "revision": 2,
//!       "deleted_at": null
//!     }
//!   ]
//! }
//! ```
//!
//! - `format` is always `"waymark-journal"`; `version` is 1. A reader refuses a newer
//!   version rather than guess at it.
//! - `id` is a UUIDv7; the same id on two machines is the same entry.
//! - `template` is `free`, `rolfe` or `gibbs`; `fields` holds only that template's
//!   keys (Rolfe: `what`, `so-what`, `now-what`; Gibbs: `description`, `feelings`,
//!   `evaluation`, `analysis`, `conclusion`, `action-plan`); `body` and `fields`
//!   may be omitted when empty.
//! - `date` is the local calendar date reflected on (`YYYY-MM-DD`, 1900–2200); times
//!   are RFC 3339 in UTC.
//! - `tags` are framework item ids (a label or alias is accepted on import and stored
//!   as the id); `labels` are the leader's own words.
//! - `revision` counts saves of the entry; earlier versions are not exported.
//! - Exporting "everything" leaves out entries in the bin.
//!
//! Import validates the whole file before writing anything (every entry through
//! [`super::admit`]), then applies it in one transaction with
//! [`super::Policy::KeepNewerLocal`]: an entry not in the journal is added; one whose
//! content is the same is left alone; one changed locally more recently than the
//! file's copy is skipped (never overwritten); otherwise the file's copy becomes the
//! entry's new version and the local one stays in its history. Importing the same
//! file twice changes nothing.

pub use crate::error::ImportError;
use crate::error::{JournalError, Result};
use crate::journal::Journal;
use crate::model::{Entry, EntryId};
use crate::store;
use crate::transfer::{Policy, admit, merge, read_capped};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;
use ts_rs::TS;

/// The `format` value of a Waymark JSON export.
pub const FORMAT: &str = "waymark-journal";
/// The version of the Waymark JSON format this build writes and reads.
pub const VERSION: u32 = 1;
/// The largest import file accepted: 128 MiB. An import holds the file, its entries
/// and their indexing at once, about 5 times the file's size for an export of real
/// reflections and up to about 11 times for one of many tiny values
/// (`journal/tests/import_memory.rs` prints it), so at most about 1.4 GB, within what a
/// 4 GB laptop can spare; still 17 times the export of ten years of daily reflections.
pub const MAX_IMPORT_BYTES: u64 = 128 * 1024 * 1024;

/// A whole Waymark JSON export (see the module documentation for the format).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalExport {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version, [`VERSION`].
    pub version: u32,
    /// When the export was made (UTC).
    pub exported_at: DateTime<Utc>,
    /// The entries, current versions only.
    pub entries: Vec<Entry>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    /// Entries new to this journal.
    pub added: usize,
    /// Entries replaced by the file's newer copy (the local version kept in history).
    pub updated: usize,
    /// Entries already the same here.
    pub unchanged: usize,
    /// Entries left alone because they were changed here more recently than the file's copy.
    pub skipped_newer_local: Vec<EntryId>,
}

/// Reads an export from `input` (standard input, say), refusing one larger than
/// [`MAX_IMPORT_BYTES`] before it is all in memory.
pub fn read_import(input: &mut dyn std::io::Read) -> Result<Vec<u8>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    input
        .take(MAX_IMPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| JournalError::io("standard input", e))?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len() as u64,
            max: MAX_IMPORT_BYTES,
        }
        .into());
    }
    Ok(bytes)
}

impl Journal {
    /// The entries to export: those listed, or everything not in the bin.
    pub(crate) fn export_ids(&self, ids: Option<&[EntryId]>) -> Result<Vec<EntryId>> {
        match ids {
            Some(ids) => {
                let mut seen = HashSet::new();
                Ok(ids.iter().copied().filter(|id| seen.insert(*id)).collect())
            }
            None => self.store.all_ids(),
        }
    }

    /// An entry as an export holds it: its current version, with every detail that may
    /// identify someone replaced (see [`Journal::redact_draft`]) when a checker is given.
    pub(crate) fn exported(
        &self,
        id: EntryId,
        redact: Option<&crate::identifiers::check::Checker>,
    ) -> Result<Entry> {
        let mut entry = self.store.get(id)?;
        if let Some(checker) = redact {
            entry.draft = checker.redact_draft(&entry.draft);
        }
        Ok(entry)
    }

    /// The given entries (or every one not in the bin), each once, in the order given,
    /// as an export holds them, cut down to `fields` (as a share is); with `redact`, in
    /// copies without the details that may identify someone (the journal keeps its
    /// text). What an appraisal pack is made from.
    pub fn export_entries(
        &self,
        ids: Option<&[EntryId]>,
        fields: &crate::share::ShareFields,
        redact: bool,
    ) -> Result<Vec<Entry>> {
        let keep = fields.checked()?;
        let ids = self.export_ids(ids)?;
        let checker = if redact { Some(self.checker()?) } else { None };
        ids.into_iter()
            .map(|id| {
                let mut entry = self.exported(id, checker.as_ref())?;
                crate::share::ShareFields::keep_only(keep.as_ref(), &mut entry.draft);
                Ok(entry)
            })
            .collect()
    }

    /// Writes a Waymark JSON export of the given entries (or everything not in the
    /// bin) to `out`; returns how many entries it holds.
    ///
    /// Entries are read one at a time, so a large journal exports in little memory.
    pub fn export_json_to(&self, ids: Option<&[EntryId]>, out: &mut dyn Write) -> Result<usize> {
        self.write_json_export(ids, out, false)
    }

    /// The export itself: with `redact`, each entry as [`Journal::redact_draft`] copies
    /// it (the journal keeps its text).
    pub(crate) fn write_json_export(
        &self,
        ids: Option<&[EntryId]>,
        out: &mut dyn Write,
        redact: bool,
    ) -> Result<usize> {
        let ids = self.export_ids(ids)?;
        // Read once for the whole export, not once per entry.
        let checker = if redact { Some(self.checker()?) } else { None };
        let io = |e: std::io::Error| JournalError::io("the export", e);
        let header = format!(
            "{{\n  \"format\": {},\n  \"version\": {VERSION},\n  \"exported_at\": {},\n  \"entries\": [",
            json_string(FORMAT),
            json_string(&store::format_time(&Utc::now())),
        );
        out.write_all(header.as_bytes()).map_err(io)?;
        for (i, id) in ids.iter().enumerate() {
            let entry = self.exported(*id, checker.as_ref())?;
            out.write_all(if i == 0 { b"\n    " } else { b",\n    " })
                .map_err(io)?;
            serde_json::to_writer(&mut *out, &entry)
                .map_err(|e| JournalError::io("the export", std::io::Error::other(e)))?;
        }
        out.write_all(b"\n  ]\n}\n").map_err(io)?;
        out.flush().map_err(io)?;
        Ok(ids.len())
    }

    /// Writes a Waymark JSON export to the file `path`; returns how many entries it holds.
    ///
    /// Written beside it first and then renamed, so an interrupted export never
    /// leaves a truncated file where a good one was.
    pub fn export_json(&self, ids: Option<&[EntryId]>, path: &Path) -> Result<usize> {
        crate::out_file::write_atomically(path, |out| self.export_json_to(ids, out))
    }

    /// Imports a Waymark JSON export file (see the module documentation for what it
    /// does). An encrypted export is [`ImportError::NeedsPassphrase`]: see
    /// [`Journal::import_json_file_with`].
    pub fn import_json_file(&self, path: &Path) -> Result<ImportReport> {
        self.import_json_file_with(path, None)
    }

    /// Imports a Waymark JSON export file, plain or encrypted with `passphrase`.
    pub fn import_json_file_with(
        &self,
        path: &Path,
        passphrase: Option<&str>,
    ) -> Result<ImportReport> {
        let bytes = read_capped(path, MAX_IMPORT_BYTES, |bytes| {
            ImportError::TooLarge {
                bytes,
                max: MAX_IMPORT_BYTES,
            }
            .into()
        })?;
        self.import_json_bytes(&bytes, passphrase)
    }

    /// Imports the bytes of a Waymark JSON export, plain or encrypted (with
    /// `passphrase`; without one an encrypted export is [`ImportError::NeedsPassphrase`]).
    pub fn import_json_bytes(
        &self,
        bytes: &[u8],
        passphrase: Option<&str>,
    ) -> Result<ImportReport> {
        match passphrase {
            Some(passphrase) => self.import_json_encrypted(bytes, passphrase),
            None if super::sealed_export::is_sealed(bytes) => {
                Err(ImportError::NeedsPassphrase.into())
            }
            None => self.import_json(bytes),
        }
    }

    /// Imports Waymark JSON: everything is checked first, then applied in one transaction.
    pub fn import_json(&self, bytes: &[u8]) -> Result<ImportReport> {
        let entries = parse_import(bytes)?;
        self.write(|tx| {
            let (merged, changes) = merge(tx, entries, Policy::KeepNewerLocal)?;
            let report = ImportReport {
                added: merged.added,
                updated: merged.updated,
                unchanged: merged.unchanged,
                skipped_newer_local: merged.skipped_newer_local,
            };
            Ok((report, changes))
        })
    }
}

/// Parses and checks a whole import file, returning its entries in canonical form.
fn parse_import(bytes: &[u8]) -> Result<Vec<Entry>, ImportError> {
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len() as u64,
            max: MAX_IMPORT_BYTES,
        });
    }
    // The file is read as its top level only, each entry kept as the raw text it is
    // in the file (borrowed, no copy), and each entry parsed on its own: a tree of
    // JSON values for a whole export took about 18 times the file's size in memory.
    let doc: HashMap<String, &RawValue> = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_data() {
            // Valid JSON, but a list or a number rather than an object.
            ImportError::WrongFormat("it does not hold a JSON object".into())
        } else if e.is_syntax() || e.is_eof() {
            ImportError::NotJson(format!(
                "it is not valid JSON (line {}, column {}: {e})",
                e.line(),
                e.column()
            ))
        } else {
            ImportError::NotJson(e.to_string())
        }
    })?;
    let text = |key: &str| {
        doc.get(key)
            .and_then(|raw| serde_json::from_str::<String>(raw.get()).ok())
    };
    match text("format").as_deref() {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(ImportError::WrongFormat(format!(
                "its format is '{}', not '{FORMAT}'",
                other.chars().take(60).collect::<String>()
            )));
        }
        None => {
            return Err(ImportError::WrongFormat(format!(
                "it has no \"format\": \"{FORMAT}\""
            )));
        }
    }
    match doc
        .get("version")
        .and_then(|raw| serde_json::from_str::<u64>(raw.get()).ok())
    {
        Some(v) if v == u64::from(VERSION) => {}
        Some(found) if found > u64::from(VERSION) => {
            return Err(ImportError::UnsupportedVersion {
                found,
                supported: VERSION,
            });
        }
        _ => {
            return Err(ImportError::WrongFormat(
                "its \"version\" is missing or not a version number".into(),
            ));
        }
    }
    let Some(raw) = doc
        .get("entries")
        .and_then(|raw| serde_json::from_str::<Vec<&RawValue>>(raw.get()).ok())
    else {
        return Err(ImportError::WrongFormat(
            "it has no \"entries\" list".into(),
        ));
    };
    let mut seen: HashMap<EntryId, usize> = HashMap::with_capacity(raw.len());
    let mut entries = Vec::with_capacity(raw.len());
    for (i, value) in raw.into_iter().enumerate() {
        let number = i + 1;
        let id_text = serde_json::from_str::<IdOnly>(value.get())
            .ok()
            .and_then(|e| e.id)
            .map(|s| s.chars().take(40).collect());
        let invalid = |reason: String| ImportError::InvalidEntry {
            number,
            id: id_text.clone(),
            reason,
        };
        let entry: Entry = serde_json::from_str(value.get()).map_err(|e| invalid(e.to_string()))?;
        let entry = admit(entry).map_err(invalid)?;
        if let Some(first) = seen.insert(entry.id, number) {
            return Err(ImportError::DuplicateId {
                id: entry.id.to_string(),
                first,
                second: number,
            });
        }
        entries.push(entry);
    }
    Ok(entries)
}

/// Just an entry's id, to name the entry in a refusal.
#[derive(serde::Deserialize)]
struct IdOnly {
    id: Option<String>,
}

/// A string as JSON, which is also a valid YAML double-quoted scalar.
pub(crate) fn json_string(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}
