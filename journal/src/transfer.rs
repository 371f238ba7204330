//! Export and import: Waymark JSON (lossless, for moving and backing up a journal)
//! and Markdown (one file per entry, for reading in Obsidian or any editor).
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
//! Import validates the whole file before writing anything, then applies it in one
//! transaction: an entry not in the journal is added; one whose content is the same
//! is left alone; one changed locally more recently than the file's copy is skipped
//! (never overwritten); otherwise the file's copy becomes the entry's new version and
//! the local one stays in its history. Importing the same file twice changes nothing.

pub use crate::error::ImportError;
use crate::error::{JournalError, Result};
use crate::journal::Journal;
use crate::model::{Entry, EntryId};
use crate::store::{self, Change};
use chrono::{DateTime, SubsecRound, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The `format` value of a Waymark JSON export.
pub const FORMAT: &str = "waymark-journal";
/// The version of the Waymark JSON format this build writes and reads.
pub const VERSION: u32 = 1;
/// The highest revision number an import may carry (far beyond any real journal).
const MAX_REVISION: u32 = 1_000_000_000;
/// The largest import file accepted.
pub const MAX_IMPORT_BYTES: u64 = 1024 * 1024 * 1024;

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

impl Journal {
    /// The entries to export: those listed, or everything not in the bin.
    fn export_ids(&self, ids: Option<&[EntryId]>) -> Result<Vec<EntryId>> {
        match ids {
            Some(ids) => {
                let mut seen = HashSet::new();
                Ok(ids.iter().copied().filter(|id| seen.insert(*id)).collect())
            }
            None => self.store.all_ids(),
        }
    }

    /// Writes a Waymark JSON export of the given entries (or everything not in the
    /// bin) to `out`; returns how many entries it holds.
    ///
    /// Entries are read one at a time, so a large journal exports in little memory.
    pub fn export_json_to(&self, ids: Option<&[EntryId]>, out: &mut dyn Write) -> Result<usize> {
        let ids = self.export_ids(ids)?;
        let io = |e: std::io::Error| JournalError::io("the export", e);
        let header = format!(
            "{{\n  \"format\": {},\n  \"version\": {VERSION},\n  \"exported_at\": {},\n  \"entries\": [",
            json_string(FORMAT),
            json_string(&store::format_time(&Utc::now())),
        );
        out.write_all(header.as_bytes()).map_err(io)?;
        for (i, id) in ids.iter().enumerate() {
            let entry = self.store.get(*id)?;
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
        let tmp = path.with_extension("waymark-partial");
        let file = File::create(&tmp).map_err(|e| JournalError::io(&tmp, e))?;
        let mut writer = BufWriter::new(file);
        let written = self.export_json_to(ids, &mut writer).and_then(|n| {
            let file = writer
                .into_inner()
                .map_err(|e| JournalError::io(&tmp, e.into_error()))?;
            file.sync_all().map_err(|e| JournalError::io(&tmp, e))?;
            Ok(n)
        });
        match written {
            Ok(n) => {
                fs::rename(&tmp, path).map_err(|e| JournalError::io(path, e))?;
                Ok(n)
            }
            Err(e) => {
                // Best effort: the partial file is ours and useless.
                let _ = fs::remove_file(&tmp);
                Err(e)
            }
        }
    }

    /// Writes one Markdown file per entry into `dir` (created if needed); returns the files.
    ///
    /// Each file is named `DATE-title-slug-XXXXXXXX.md` (the last 8 characters of the
    /// id keep names unique) and opens with YAML front matter holding id, title,
    /// date, template, tags, labels and starred, which Obsidian reads as properties.
    pub fn export_markdown(&self, ids: Option<&[EntryId]>, dir: &Path) -> Result<Vec<PathBuf>> {
        let ids = self.export_ids(ids)?;
        fs::create_dir_all(dir).map_err(|e| JournalError::io(dir, e))?;
        let mut used = HashSet::new();
        let mut files = Vec::with_capacity(ids.len());
        for id in ids {
            let entry = self.store.get(id)?;
            let base = markdown_file_stem(&entry);
            let mut name = format!("{base}.md");
            let mut n = 2;
            while !used.insert(name.clone()) {
                name = format!("{base}-{n}.md");
                n += 1;
            }
            let path = dir.join(name);
            fs::write(&path, entry_to_markdown(&entry)).map_err(|e| JournalError::io(&path, e))?;
            files.push(path);
        }
        Ok(files)
    }

    /// Imports a Waymark JSON export file (see the module documentation for what it does).
    pub fn import_json_file(&self, path: &Path) -> Result<ImportReport> {
        let file = File::open(path).map_err(|e| JournalError::io(path, e))?;
        let len = file
            .metadata()
            .map_err(|e| JournalError::io(path, e))?
            .len();
        if len > MAX_IMPORT_BYTES {
            return Err(ImportError::TooLarge {
                bytes: len,
                max: MAX_IMPORT_BYTES,
            }
            .into());
        }
        let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
        // `take` guards against a file that grows while being read.
        file.take(MAX_IMPORT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| JournalError::io(path, e))?;
        self.import_json(&bytes)
    }

    /// Imports Waymark JSON: everything is checked first, then applied in one transaction.
    pub fn import_json(&self, bytes: &[u8]) -> Result<ImportReport> {
        let entries = parse_import(bytes)?;
        self.write(|tx| {
            let mut report = ImportReport::default();
            let mut changes = Vec::new();
            for incoming in entries {
                match tx.load_entry(incoming.id)? {
                    None => {
                        let seq = tx.insert_entry(&incoming)?;
                        report.added += 1;
                        changes.push(Change::Upsert {
                            entry: incoming,
                            seq,
                        });
                    }
                    Some(local) if local.draft == incoming.draft => report.unchanged += 1,
                    Some(local) if local.updated_at > incoming.updated_at => {
                        report.skipped_newer_local.push(local.id)
                    }
                    Some(local) => {
                        let new = Entry {
                            draft: incoming.draft,
                            updated_at: incoming.updated_at,
                            revision: local.revision.saturating_add(1),
                            // Whether it sits in the bin is this journal's business.
                            ..local.clone()
                        };
                        let seq = tx.replace_entry(&local, &new)?;
                        report.updated += 1;
                        changes.push(Change::Upsert { entry: new, seq });
                    }
                }
            }
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
    let doc: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        ImportError::NotJson(if e.is_data() || e.is_syntax() || e.is_eof() {
            format!(
                "it is not valid JSON (line {}, column {}: {e})",
                e.line(),
                e.column()
            )
        } else {
            e.to_string()
        })
    })?;
    let serde_json::Value::Object(mut doc) = doc else {
        return Err(ImportError::WrongFormat(
            "it does not hold a JSON object".into(),
        ));
    };
    match doc.get("format").and_then(|f| f.as_str()) {
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
    match doc.get("version").and_then(|v| v.as_u64()) {
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
    let Some(serde_json::Value::Array(raw)) = doc.remove("entries") else {
        return Err(ImportError::WrongFormat(
            "it has no \"entries\" list".into(),
        ));
    };
    let mut seen: HashMap<EntryId, usize> = HashMap::with_capacity(raw.len());
    let mut entries = Vec::with_capacity(raw.len());
    for (i, value) in raw.into_iter().enumerate() {
        let number = i + 1;
        let id_text = value
            .get("id")
            .and_then(|v| v.as_str())
            .map(|s| s.chars().take(40).collect());
        let invalid = |reason: String| ImportError::InvalidEntry {
            number,
            id: id_text.clone(),
            reason,
        };
        let entry: Entry = serde_json::from_value(value).map_err(|e| invalid(e.to_string()))?;
        let entry = canonical(entry).map_err(invalid)?;
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

/// An imported entry checked and put in the form this journal stores.
fn canonical(mut entry: Entry) -> Result<Entry, String> {
    entry.draft = entry.draft.normalise().map_err(|e| e.to_string())?;
    if entry.revision == 0 {
        return Err("its revision must be 1 or more".into());
    }
    // Stored to the microsecond; truncated here so a re-import compares equal.
    entry.created_at = entry.created_at.trunc_subsecs(6);
    entry.updated_at = entry.updated_at.trunc_subsecs(6);
    entry.deleted_at = entry.deleted_at.map(|t| t.trunc_subsecs(6));
    if entry.updated_at < entry.created_at {
        return Err("it was updated before it was created".into());
    }
    if entry.revision > MAX_REVISION {
        return Err(format!("its revision {} is not believable", entry.revision));
    }
    // A time from the future would make this copy win every later merge.
    let latest = Utc::now() + TimeDelta::days(1);
    let earliest = DateTime::<Utc>::UNIX_EPOCH;
    for (what, t) in [
        ("created_at", Some(entry.created_at)),
        ("updated_at", Some(entry.updated_at)),
        ("deleted_at", entry.deleted_at),
    ] {
        if let Some(t) = t
            && (t > latest || t < earliest)
        {
            return Err(format!(
                "its {what} {} is not a time it could have been saved (is the other computer's clock right?)",
                store::format_time(&t)
            ));
        }
    }
    Ok(entry)
}

/// A string as JSON, which is also a valid YAML double-quoted scalar.
fn json_string(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// `DATE-title-slug-XXXXXXXX`: sorts by date in a folder, readable, unique.
fn markdown_file_stem(entry: &Entry) -> String {
    let mut slug = String::new();
    for c in entry.draft.title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.chars().count() >= 50 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let simple = entry.id.0.simple().to_string();
    // The random tail: the leading characters of a UUIDv7 are a timestamp and are
    // shared by entries saved within the same minute.
    let short = &simple[simple.len().saturating_sub(8)..];
    if slug.is_empty() {
        format!("{}-{short}", entry.draft.date)
    } else {
        format!("{}-{slug}-{short}", entry.draft.date)
    }
}

/// An entry as a Markdown file with YAML front matter.
pub fn entry_to_markdown(entry: &Entry) -> String {
    let d = &entry.draft;
    let list = |items: Vec<&str>| {
        let quoted: Vec<String> = items.into_iter().map(json_string).collect();
        format!("[{}]", quoted.join(", "))
    };
    let mut out = String::with_capacity(d.body.len() + 512);
    // Infallible: writing to a String cannot fail.
    let _ = write!(
        out,
        "---\nid: {}\ntitle: {}\ndate: {}\ntemplate: {}\ntags: {}\nlabels: {}\nstarred: {}\ncreated: {}\nupdated: {}\n---\n\n# {}\n\n",
        json_string(&entry.id.to_string()),
        json_string(&d.title),
        d.date,
        json_string(d.template.as_str()),
        list(d.tags.iter().map(|t| t.as_str()).collect()),
        list(d.labels.iter().map(String::as_str).collect()),
        d.starred,
        json_string(&store::format_time(&entry.created_at)),
        json_string(&store::format_time(&entry.updated_at)),
        d.title,
    );
    let mut had_fields = false;
    for field in d.template.fields() {
        if let Some(text) = d.fields.get(field.key).filter(|t| !t.trim().is_empty()) {
            let _ = write!(out, "## {}\n\n{}\n\n", field.label, text.trim_end());
            had_fields = true;
        }
    }
    if !d.body.trim().is_empty() {
        if had_fields {
            out.push_str("## Notes\n\n");
        }
        out.push_str(d.body.trim_end());
        out.push('\n');
    }
    out
}
