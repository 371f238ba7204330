//! Backups: a checked copy of the whole journal (its database, its key file, every
//! coachee's database) in a new folder of its own, and restoring one into a new folder.
//!
//! A backup of an encrypted journal is as encrypted as the journal (the same key file;
//! the same passphrase or recovery key opens it); a plain journal's backup is plain.
//! Each copy is made by SQLite itself and compared with the journal table by table
//! before the backup is called made ([`crate::store`]'s `export_copy`). The search
//! index is not copied: it is rebuilt from the database when the backup is opened.
//!
//! ```text
//! <folder>/waymark-backup-20261202-101500/
//!     backup.json                 { "format": "waymark-backup", "version": 1, "made_at", "encrypted", "entries" }
//!     journal.sqlite3             (encrypted when the journal is)
//!     journal.key                 (when the journal is encrypted)
//!     coachees/<fingerprint>/journal.sqlite3
//! ```

use crate::error::{JournalError, Result};
use crate::journal::Journal;
use crate::keys::KEY_FILE;
use crate::paths::DB_FILE;
use crate::share::COACHEES_DIR;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The start of every backup folder's name.
const PREFIX: &str = "waymark-backup-";
/// The file that describes a backup.
const MANIFEST: &str = "backup.json";
/// The preference naming the folder backups go to.
const BACKUP_FOLDER: &str = "backup_folder";
/// How many backups the desktop keeps in the chosen folder.
pub const KEEP: usize = 10;

/// What a backup holds, as `backup.json` says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct BackupManifest {
    /// Always `waymark-backup`.
    pub format: String,
    /// 1.
    pub version: u32,
    /// When it was made (UTC).
    #[ts(type = "string")]
    pub made_at: DateTime<Utc>,
    /// Whether it is encrypted (then its passphrase or recovery key opens it).
    pub encrypted: bool,
    /// Entries (not in the bin) in the journal when it was made.
    pub entries: usize,
}

/// A backup made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupReport {
    /// Its folder.
    #[ts(type = "string")]
    pub path: PathBuf,
    /// What it holds.
    pub manifest: BackupManifest,
    /// Older backups removed to keep only the newest ones.
    pub removed: usize,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> JournalError + '_ {
    move |e| JournalError::io(path, e)
}

impl Journal {
    /// Makes a backup in a new folder inside `folder` (made if missing), then removes
    /// the oldest backups there beyond the newest `keep` (0 keeps all). A backup that
    /// fails is removed, never left half made.
    pub fn backup(&self, folder: &Path, keep: usize) -> Result<BackupReport> {
        let dir = self.dir().ok_or_else(|| {
            JournalError::Crypto("a journal held in memory has no files to back up".into())
        })?;
        if folder.starts_with(dir) {
            return Err(JournalError::BackupInside {
                dir: folder.to_path_buf(),
            });
        }
        fs::create_dir_all(folder).map_err(io(folder))?;
        let made_at = crate::store::now();
        let target = folder.join(format!("{PREFIX}{}", made_at.format("%Y%m%d-%H%M%S-%6f")));
        fs::create_dir(&target).map_err(io(&target))?;
        let manifest = BackupManifest {
            format: "waymark-backup".into(),
            version: 1,
            made_at,
            encrypted: self.is_encrypted(),
            entries: self.count()?,
        };
        if let Err(e) = self.copy_into(&target, &manifest) {
            let _ = fs::remove_dir_all(&target);
            return Err(e);
        }
        let removed = prune(folder, keep)?;
        Ok(BackupReport {
            path: target,
            manifest,
            removed,
        })
    }

    fn copy_into(&self, target: &Path, manifest: &BackupManifest) -> Result<()> {
        let key = self.key.as_ref();
        self.store.export_copy(&target.join(DB_FILE), key)?;
        if let (Some(_), Some(dir)) = (key, self.dir()) {
            fs::copy(dir.join(KEY_FILE), target.join(KEY_FILE)).map_err(io(target))?;
        }
        // Removed contacts' shared entries too: they are kept until the coach deletes them.
        for coachee in self.all_coachees()? {
            let sub = self.open_coachee_of(&coachee.fingerprint)?;
            let into = target
                .join(COACHEES_DIR)
                .join(crate::share::coachees::folder_name(&coachee.fingerprint));
            fs::create_dir_all(&into).map_err(io(&into))?;
            sub.store.export_copy(&into.join(DB_FILE), key)?;
        }
        let text = serde_json::to_vec_pretty(manifest).map_err(|e| {
            JournalError::Crypto(format!("the backup could not be described ({e})"))
        })?;
        let path = target.join(MANIFEST);
        fs::write(&path, text).map_err(io(&path))
    }

    /// The folder this journal's backups go to, if one was chosen.
    pub fn backup_folder(&self) -> Result<Option<PathBuf>> {
        Ok(self
            .store
            .read(|r| r.preference(BACKUP_FOLDER))?
            .map(PathBuf::from))
    }

    /// Chooses the folder this journal's backups go to (kept in the journal, so an
    /// encrypted journal keeps it encrypted too).
    pub fn set_backup_folder(&self, folder: &Path) -> Result<()> {
        let dir = self.dir().unwrap_or(Path::new(""));
        if !dir.as_os_str().is_empty() && folder.starts_with(dir) {
            return Err(JournalError::BackupInside {
                dir: folder.to_path_buf(),
            });
        }
        let text = folder.to_string_lossy().into_owned();
        self.store
            .write_other(|tx| tx.set_preference(BACKUP_FOLDER, &text))
    }

    /// Makes a backup in the chosen folder when none was made there for `every`
    /// (keeping the newest [`KEEP`]); `Ok(None)` when no folder is chosen or a recent
    /// backup is there. Called when the desktop app closes.
    pub fn backup_if_due(&self, every: chrono::Duration) -> Result<Option<BackupReport>> {
        let Some(folder) = self.backup_folder()? else {
            return Ok(None);
        };
        let newest = Journal::backups_in(&folder)?
            .first()
            .map(|(_, m)| m.made_at);
        if newest.is_some_and(|at| crate::store::now() - at < every) {
            return Ok(None);
        }
        self.backup(&folder, KEEP).map(Some)
    }

    /// The backups in `folder`, newest first.
    pub fn backups_in(folder: &Path) -> Result<Vec<(PathBuf, BackupManifest)>> {
        let mut found = Vec::new();
        let entries = match fs::read_dir(folder) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(found),
            Err(e) => return Err(JournalError::io(folder, e)),
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let named = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(PREFIX));
            if named && let Ok(manifest) = read_manifest(&path) {
                found.push((path, manifest));
            }
        }
        found.sort_by_key(|(_, m)| std::cmp::Reverse(m.made_at));
        Ok(found)
    }

    /// What the backup in `backup` says of itself (when it was made, how many
    /// reflections, whether encrypted); [`JournalError::NotABackup`] if it is not one.
    pub fn backup_manifest(backup: &Path) -> Result<BackupManifest> {
        read_manifest(backup)
    }

    /// Restores the backup in `backup` into `into`, a new or empty folder: the files
    /// are copied, and the search index is rebuilt when the journal is next opened
    /// (an encrypted one with the passphrase or recovery key it had when backed up).
    pub fn restore_backup(backup: &Path, into: &Path) -> Result<BackupManifest> {
        let manifest = read_manifest(backup)?;
        if into.join(DB_FILE).exists() || into.join(KEY_FILE).exists() {
            return Err(JournalError::AlreadyAJournal {
                dir: into.to_path_buf(),
            });
        }
        // A new or empty folder only, made private (it makes an empty database file,
        // which the backup's replaces).
        crate::folder::prepare(into)?;
        copy_tree(backup, into)?;
        let _ = fs::remove_file(into.join(MANIFEST));
        // The copies private too.
        crate::folder::prepare(into)?;
        Ok(manifest)
    }
}

fn read_manifest(backup: &Path) -> Result<BackupManifest> {
    let path = backup.join(MANIFEST);
    let text = fs::read(&path).map_err(|_| JournalError::NotABackup {
        dir: backup.to_path_buf(),
    })?;
    let manifest: BackupManifest =
        serde_json::from_slice(&text).map_err(|_| JournalError::NotABackup {
            dir: backup.to_path_buf(),
        })?;
    if manifest.format != "waymark-backup" || manifest.version != 1 {
        return Err(JournalError::NotABackup {
            dir: backup.to_path_buf(),
        });
    }
    Ok(manifest)
}

/// Copies the backup's files (databases, key file) into `into`, folders and all.
fn copy_tree(from: &Path, into: &Path) -> Result<()> {
    for entry in fs::read_dir(from).map_err(io(from))? {
        let entry = entry.map_err(io(from))?;
        let path = entry.path();
        let target = into.join(entry.file_name());
        if path.is_dir() {
            fs::create_dir_all(&target).map_err(io(&target))?;
            copy_tree(&path, &target)?;
        } else {
            fs::copy(&path, &target).map_err(io(&target))?;
        }
    }
    Ok(())
}

/// Removes the oldest backups in `folder` beyond the newest `keep` (0: none removed).
fn prune(folder: &Path, keep: usize) -> Result<usize> {
    if keep == 0 {
        return Ok(0);
    }
    let backups = Journal::backups_in(folder)?;
    let mut removed = 0;
    for (path, _) in backups.iter().skip(keep) {
        fs::remove_dir_all(path).map_err(io(path))?;
        removed += 1;
    }
    Ok(removed)
}
