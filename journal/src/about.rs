//! What a journal can say about itself: whether it is encrypted and
//! remembered, how much it holds, its last backup and its schema version (the
//! terminal's `waymark info`).

use crate::backup::BackupManifest;
use crate::error::Result;
use crate::journal::Journal;
use serde::Serialize;
use std::path::PathBuf;

/// A summary of an open journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JournalInfo {
    /// Whether it is encrypted.
    pub encrypted: bool,
    /// Whether this computer's credential store is said to keep its key (its key file
    /// says so; the store itself is not asked).
    pub remembered: bool,
    /// Reflections, not counting the bin.
    pub entries: usize,
    /// Reflections in the bin.
    pub in_bin: usize,
    /// Coachees whose shared reflections this journal holds.
    pub coachees: usize,
    /// The folder backups go to, if one was chosen.
    pub backup_folder: Option<PathBuf>,
    /// The newest backup in that folder, if any is there.
    pub last_backup: Option<LastBackup>,
    /// The version of its database's schema.
    pub schema_version: usize,
}

/// The newest backup found in the chosen backup folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LastBackup {
    /// Its folder.
    pub path: PathBuf,
    /// What it says of itself (when made, how many reflections, whether encrypted).
    #[serde(flatten)]
    pub manifest: BackupManifest,
}

impl Journal {
    /// A summary of this journal (see [`JournalInfo`]).
    ///
    /// ```
    /// let journal = waymark_journal::Journal::open_in_memory().unwrap();
    /// let info = journal.info().unwrap();
    /// assert_eq!((info.entries, info.in_bin, info.encrypted), (0, 0, false));
    /// ```
    pub fn info(&self) -> Result<JournalInfo> {
        let remembered = match self.dir() {
            Some(dir) if self.is_encrypted() => Journal::is_remembered_at(dir)?,
            _ => false,
        };
        let backup_folder = self.backup_folder()?;
        // Only the chosen folder is looked in: backups made elsewhere (`waymark backup
        // --to` records its folder) leave no other trace in the journal.
        let last_backup = match &backup_folder {
            Some(folder) => Journal::backups_in(folder)?
                .into_iter()
                .next()
                .map(|(path, manifest)| LastBackup { path, manifest }),
            None => None,
        };
        Ok(JournalInfo {
            encrypted: self.is_encrypted(),
            remembered,
            entries: self.count()?,
            in_bin: self.store.count_in_bin()?,
            coachees: self.coachees()?.len(),
            backup_folder,
            last_backup,
            // Opening a journal brings its schema to the newest this build knows (and
            // refuses a newer one), so an open journal is always at this version.
            schema_version: crate::db::latest_version(),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{EntryDraft, Journal, Result, Template};

    fn draft(title: &str) -> EntryDraft {
        EntryDraft {
            code: Vec::new(),
            title: title.into(),
            body: "Words.".into(),
            template: Template::Free,
            fields: Default::default(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap_or_default(),
            tags: vec![],
            labels: vec![],
            starred: false,
        }
    }

    #[test]
    fn it_counts_the_journal_and_its_bin_and_finds_the_last_backup() -> Result<()> {
        let tmp = tempfile::tempdir().map_err(|e| crate::JournalError::io("tmp", e))?;
        let journal = Journal::open(&tmp.path().join("journal"))?;
        journal.create(draft("Kept"))?;
        let binned = journal.create(draft("Binned"))?;
        journal.create(draft("Also kept"))?;
        journal.delete(binned.id)?;
        let before = journal.info()?;
        assert_eq!((before.entries, before.in_bin, before.coachees), (2, 1, 0));
        assert_eq!(before.last_backup, None);
        assert!(before.schema_version > 0);

        let backups = tmp.path().join("backups");
        let made = journal.backup(&backups, 0)?;
        journal.set_backup_folder(&backups)?;
        let after = journal.info()?;
        assert_eq!(after.backup_folder.as_deref(), Some(backups.as_path()));
        let last = after.last_backup.expect("the backup just made");
        assert_eq!(last.path, made.path);
        assert_eq!(last.manifest.entries, 2);
        Ok(())
    }
}
