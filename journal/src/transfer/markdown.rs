//! Markdown export: one file per entry, for reading in Obsidian or any editor.

use super::waymark_json::json_string;
use crate::error::{JournalError, Result};
use crate::journal::Journal;
use crate::model::{Entry, EntryId};
use crate::store;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

impl Journal {
    /// Writes one Markdown file per entry into `dir` (created if needed); returns the files.
    ///
    /// Each file is named `DATE-title-slug-XXXXXXXX.md` (the last 8 characters of the
    /// id keep names unique) and opens with YAML front matter holding id, title,
    /// date, template, tags, labels and starred, which Obsidian reads as properties.
    pub fn export_markdown(&self, ids: Option<&[EntryId]>, dir: &Path) -> Result<Vec<PathBuf>> {
        self.export_markdown_with(ids, dir, false)
    }

    /// [`Journal::export_markdown`], with `redact` replacing every detail that may
    /// identify someone in the files (their names too, which come from the titles) by
    /// words saying what was removed, as [`Journal::redact_draft`] does; the journal
    /// keeps its text.
    pub fn export_markdown_with(
        &self,
        ids: Option<&[EntryId]>,
        dir: &Path,
        redact: bool,
    ) -> Result<Vec<PathBuf>> {
        let ids = self.export_ids(ids)?;
        let checker = if redact { Some(self.checker()?) } else { None };
        fs::create_dir_all(dir).map_err(|e| JournalError::io(dir, e))?;
        let mut used = HashSet::new();
        let mut files = Vec::with_capacity(ids.len());
        for id in ids {
            let entry = self.exported(id, checker.as_ref())?;
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
        "---\nid: {}\ntitle: {}\ndate: {}\ntemplate: {}\ntags: {}\nlabels: {}\n{}starred: {}\ncreated: {}\nupdated: {}\n---\n\n# {}\n\n",
        json_string(&entry.id.to_string()),
        json_string(&d.title),
        d.date,
        json_string(d.template.as_str()),
        list(d.tags.iter().map(|t| t.as_str()).collect()),
        list(d.labels.iter().map(String::as_str).collect()),
        if d.code.is_empty() {
            String::new()
        } else {
            format!(
                "code: {}\n",
                list(d.code.iter().map(|t| t.as_str()).collect())
            )
        },
        d.starred,
        json_string(&store::format_time(&entry.created_at)),
        json_string(&store::format_time(&entry.updated_at)),
        d.title,
    );
    let mut had_fields = false;
    for field in d.template.fields() {
        if let Some(text) = d.box_text(field.key) {
            let _ = write!(out, "## {}\n\n{text}\n\n", field.label);
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
