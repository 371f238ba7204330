//! Encrypted journals, as the shells use them: make one, unlock one, change its
//! passphrase, recover it with the recovery key. The keys themselves are
//! [`crate::keys`]'s; opening is [`Journal::open_keyed`]'s.

use crate::error::{JournalError, Result};
use crate::journal::{Journal, Keying, Progress};
use crate::keys::{DataKey, KdfCost, KeyFile, RecoveryKey, Secret};
use crate::paths::DB_FILE;
use std::path::Path;

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
        let journal = Journal::open_keyed(dir, Keying::New(file, key), &mut |_| {})?;
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

    /// Whether this journal is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Whether the journal in `dir` is encrypted (has a key file), without opening it.
    pub fn is_encrypted_at(dir: &Path) -> Result<bool> {
        Ok(KeyFile::read(dir)?.is_some())
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
        crate::keys::check_passphrase(new_passphrase)?;
        let journal = Journal::unlock(dir, &Secret::Recovery(recovery))?;
        journal.change_passphrase(new_passphrase, cost)?;
        Ok(journal)
    }
}
