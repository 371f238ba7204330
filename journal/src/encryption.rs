//! Encrypted journals, as the shells use them: make one, unlock one, change its
//! passphrase, recover it with the recovery key. The keys themselves are
//! [`crate::keys`]'s; opening is [`Journal::open_keyed`]'s.

use crate::error::{JournalError, Result};
use crate::journal::{INDEX_DIR, Journal, Keying, Progress};
use crate::keys::{
    CredentialStore, DataKey, KEY_BYTES, KdfCost, KeyFile, RecoveryKey, Secret, check_passphrase,
    fill_random,
};
use crate::paths::DB_FILE;
use std::fs;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// The encrypted copy of a journal's database while encryption is being turned on:
/// swapped in for `journal.sqlite3` once the key file is written (the moment the
/// journal becomes encrypted), removed if that moment never came.
pub(crate) const ENCRYPTING_DB: &str = "journal.encrypting.sqlite3";

/// The files SQLite keeps beside a database.
fn beside(dir: &Path, db: &str) -> [PathBuf; 2] {
    [dir.join(format!("{db}-wal")), dir.join(format!("{db}-shm"))]
}

fn remove_if_there(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(JournalError::io(path, e)),
        _ => Ok(()),
    }
}

/// Finishes turning encryption on in `dir` when an encrypted copy waits there (the
/// key file is written, so the journal is encrypted): the copy replaces the plain
/// database, and the plain search index is removed, to be rebuilt sealed.
pub(crate) fn finish_encryption(dir: &Path) -> Result<()> {
    let copy = dir.join(ENCRYPTING_DB);
    if !copy.exists() {
        return Ok(());
    }
    // The plain database's log was read into the copy; it must not meet the copy.
    for path in beside(dir, DB_FILE)
        .iter()
        .chain(&beside(dir, ENCRYPTING_DB))
    {
        remove_if_there(path)?;
    }
    let db = dir.join(DB_FILE);
    fs::rename(&copy, &db).map_err(|e| JournalError::io(&db, e))?;
    let index = dir.join(INDEX_DIR);
    if index.exists() {
        fs::remove_dir_all(&index).map_err(|e| JournalError::io(&index, e))?;
    }
    crate::folder::sync_dir(dir);
    Ok(())
}

/// Removes an encrypted copy left by encryption that never finished (no key file was
/// written): the plain journal beside it is whole.
pub(crate) fn abandon_encryption(dir: &Path) -> Result<()> {
    remove_if_there(&dir.join(ENCRYPTING_DB))?;
    for path in beside(dir, ENCRYPTING_DB) {
        remove_if_there(&path)?;
    }
    Ok(())
}

impl Journal {
    /// Makes a new encrypted journal in `dir` (new or empty) protected by
    /// `passphrase`, and returns it open with its recovery key, to be shown once.
    ///
    /// Refuses a folder that already holds a journal: turning encryption on for one
    /// is another step, which keeps the plain copy until the encrypted one is checked.
    pub fn create_encrypted(
        dir: &Path,
        passphrase: &str,
        cost: KdfCost,
    ) -> Result<(Journal, RecoveryKey)> {
        if dir.join(DB_FILE).exists() || KeyFile::read(dir)?.is_some() {
            return Err(JournalError::AlreadyAJournal {
                dir: dir.to_path_buf(),
            });
        }
        let key = DataKey::random()?;
        let (file, recovery) = KeyFile::create(&key, passphrase, cost)?;
        let journal = Journal::open_keyed(dir, Keying::New(Box::new(file), key), &mut |_| {})?;
        Ok((journal, recovery))
    }

    /// Opens the encrypted journal in `dir` with its passphrase or recovery key. A
    /// wrong one is [`JournalError::WrongPassphrase`] (or `WrongRecoveryKey`) and
    /// changes nothing; a plain journal is [`JournalError::NotEncrypted`].
    pub fn unlock(dir: &Path, secret: &Secret) -> Result<Journal> {
        Journal::unlock_with_progress(dir, secret, &mut |_| {})
    }

    /// [`Journal::unlock`], reporting progress while the search index catches up.
    pub fn unlock_with_progress(
        dir: &Path,
        secret: &Secret,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Journal> {
        Journal::open_keyed(dir, Keying::Secret(secret), progress)
    }

    /// Turns encryption on for this plain journal, and every coachee's journal inside
    /// it: each database is copied encrypted and the copy checked table by table
    /// against the original; only then is the key file written (from that moment the
    /// journal is encrypted, even if the power goes) and the copies swapped in; the
    /// search indexes are rebuilt sealed. Returns the journal open, and its recovery
    /// key to show once.
    ///
    /// Backups and copies made before stay plain, and the disk may still hold the
    /// plain file's old blocks: the shells say so.
    pub fn encrypt(
        self,
        passphrase: &str,
        cost: KdfCost,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(Journal, RecoveryKey)> {
        check_passphrase(passphrase)?;
        if self.key.is_some() {
            return Err(JournalError::AlreadyEncrypted);
        }
        let dir = self.dir().map(Path::to_path_buf).ok_or_else(|| {
            JournalError::Crypto("a journal held in memory has no files to encrypt".into())
        })?;
        let key = DataKey::random()?;
        let (file, recovery) = KeyFile::create(&key, passphrase, cost)?;
        let mut journals = Vec::new();
        // Removed contacts' shared entries too, so nothing is left unencrypted.
        for coachee in self.all_coachees()? {
            journals.push(self.open_coachee_of(&coachee.fingerprint)?);
        }
        let mut folders = Vec::new();
        let copied = (|| -> Result<()> {
            for journal in journals.iter().map(|j| &**j).chain(std::iter::once(&self)) {
                let folder = journal
                    .dir()
                    .map(Path::to_path_buf)
                    .ok_or_else(|| JournalError::Crypto("a journal has no folder".into()))?;
                abandon_encryption(&folder)?;
                folders.push(folder.clone());
                journal
                    .store
                    .export_copy(&folder.join(ENCRYPTING_DB), Some(&key))?;
            }
            Ok(())
        })();
        if let Err(e) = copied {
            for folder in &folders {
                let _ = abandon_encryption(folder);
            }
            return Err(e);
        }
        // Every database closed before the swap.
        drop(journals);
        drop(self);
        file.write(&dir)?;
        for folder in &folders {
            finish_encryption(folder)?;
        }
        let journal = Journal::open_keyed(&dir, Keying::Key(key), progress)?;
        Ok((journal, recovery))
    }

    /// Whether this journal is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Whether the journal in `dir` is encrypted (has a key file), without opening it.
    pub fn is_encrypted_at(dir: &Path) -> Result<bool> {
        Ok(KeyFile::read(dir)?.is_some())
    }

    /// Checks that `secret` is this encrypted journal's passphrase (or recovery key),
    /// before something as weighty as setting a new one; changes nothing.
    pub fn check_secret(&self, secret: &Secret) -> Result<()> {
        let dir = self.dir().ok_or(JournalError::NotEncrypted)?;
        let file = KeyFile::read(dir)?.ok_or(JournalError::NotEncrypted)?;
        file.unlock(secret).map(drop)
    }

    /// Sets a new passphrase: the data key is wrapped again, so it is instant and
    /// nothing else in the journal changes; the recovery key still works.
    pub fn change_passphrase(&self, new_passphrase: &str, cost: KdfCost) -> Result<()> {
        let (Some(key), Some(dir)) = (&self.key, self.dir()) else {
            return Err(JournalError::NotEncrypted);
        };
        let file = KeyFile::read(dir)?.ok_or(JournalError::NotEncrypted)?;
        file.with_passphrase(key, new_passphrase, cost)?.write(dir)
    }

    /// Opens the encrypted journal in `dir` with its recovery key and sets
    /// `new_passphrase` on it (for a forgotten passphrase).
    pub fn recover(
        dir: &Path,
        recovery: RecoveryKey,
        new_passphrase: &str,
        cost: KdfCost,
    ) -> Result<Journal> {
        // Checked first, so a weak new passphrase is refused before anything is opened.
        check_passphrase(new_passphrase)?;
        let journal = Journal::unlock(dir, &Secret::Recovery(recovery))?;
        journal.change_passphrase(new_passphrase, cost)?;
        Ok(journal)
    }

    /// Remembers this encrypted journal on this computer: a new random secret goes to
    /// `store`, and the key file gets the data key wrapped by it, so
    /// [`Journal::unlock_remembered`] opens the journal without its passphrase. Asking
    /// again replaces the secret.
    pub fn remember(&self, store: &dyn CredentialStore) -> Result<()> {
        let (Some(key), Some(dir)) = (&self.key, self.dir()) else {
            return Err(JournalError::NotEncrypted);
        };
        let file = KeyFile::read(dir)?.ok_or(JournalError::NotEncrypted)?;
        let mut secret = Zeroizing::new([0u8; KEY_BYTES]);
        fill_random(secret.as_mut())?;
        let mut id = [0u8; 12];
        fill_random(&mut id)?;
        let account = format!("journal-{}", data_encoding::HEXLOWER.encode(&id));
        // The store first: a key file never names a secret the store does not have.
        store.put(&account, secret.as_ref())?;
        if let Err(e) = file.with_remembered(key, &account, &secret)?.write(dir) {
            let _ = store.delete(&account);
            return Err(e);
        }
        if let Some(old) = file.remembered_account() {
            let _ = store.delete(old);
        }
        Ok(())
    }

    /// Forgets the encrypted journal in `dir` on this computer: the key file loses the
    /// remembered wrap (so even a copy of the store's secret opens nothing), then the
    /// store's entry is removed. Needs no passphrase and works while it is locked.
    /// Returns whether it was remembered.
    pub fn forget(dir: &Path, store: &dyn CredentialStore) -> Result<bool> {
        let Some(file) = KeyFile::read(dir)? else {
            return Ok(false);
        };
        let Some(account) = file.remembered_account().map(str::to_owned) else {
            return Ok(false);
        };
        file.without_remembered().write(dir)?;
        store.delete(&account)?;
        Ok(true)
    }

    /// Whether this computer remembers the encrypted journal in `dir` (its key file says
    /// so; the store may still have lost the secret).
    pub fn is_remembered_at(dir: &Path) -> Result<bool> {
        Ok(KeyFile::read(dir)?.is_some_and(|f| f.remembered_account().is_some()))
    }

    /// Opens the encrypted journal in `dir` with the secret this computer remembers;
    /// `Ok(None)` when it is not remembered or the store no longer has a secret that
    /// opens it (then the passphrase is needed).
    pub fn unlock_remembered(
        dir: &Path,
        store: &dyn CredentialStore,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Option<Journal>> {
        let Some(file) = KeyFile::read(dir)? else {
            return Err(JournalError::NotEncrypted);
        };
        let Some(account) = file.remembered_account() else {
            return Ok(None);
        };
        let Some(secret) = store.get(account)? else {
            return Ok(None);
        };
        match file.unlock_remembered(&secret)? {
            Some(key) => Journal::open_keyed(dir, Keying::Key(key), progress).map(Some),
            None => Ok(None),
        }
    }
}
