//! The journals on this computer, and the one place that opens them.
//!
//! A leader has their own journal; beside it, the sample journal they can explore
//! (`<folder>-sample`); inside it, under `coachees/`, the read-only journal of what each
//! coachee shared with them. The shells ask a [`Shelf`] where these are and to open
//! them, and the engine opens a coachee's journal through [`open`] too, so whatever
//! opening a journal needs (an encrypted journal's key) reaches every one of them here:
//! a coachee's journal inside an encrypted one is encrypted with the same key.

use crate::error::Result;
use crate::journal::{Journal, Keying, Progress};
use crate::keys::Secret;
use crate::paths;
use std::path::{Path, PathBuf};

/// Where the journals on this computer are: the leader's own journal's folder, and
/// everything that follows from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shelf {
    own: PathBuf,
}

impl Shelf {
    /// The shelf whose own journal is in `dir`.
    pub fn at(dir: impl Into<PathBuf>) -> Shelf {
        Shelf { own: dir.into() }
    }

    /// The shelf in the usual place ([`paths::default_data_dir`]: `WAYMARK_DATA_DIR`, or
    /// `Waymark` in the OS's local data folder); `None` when the OS has no data folder.
    /// A journal moved from there (see [`crate::relocate`]) is followed to its new folder.
    pub fn usual() -> Option<Shelf> {
        paths::default_data_dir()
            .map(|dir| crate::relocate::follow_signpost(&dir))
            .map(Shelf::at)
    }

    /// The folder of the leader's own journal.
    pub fn own_dir(&self) -> &Path {
        &self.own
    }

    /// The sample journal's folder: beside the own one, with `-sample` added to its
    /// name, so sample reflections never mix with the leader's. `None` for a folder
    /// without a name (a drive's root).
    pub fn sample_dir(&self) -> Option<PathBuf> {
        let mut name = self.own.file_name()?.to_os_string();
        name.push("-sample");
        Some(self.own.with_file_name(name))
    }

    /// A new folder, beside the own journal, for restoring the backup made at `made_at`
    /// into (`<folder>-restored-2026-03-04-1015`, with `-2`, `-3`… if that is taken), so
    /// a restore never writes over a journal. `None` for a folder without a name.
    pub fn restore_dir_for(&self, made_at: chrono::DateTime<chrono::Utc>) -> Option<PathBuf> {
        let name = self.own.file_name()?.to_string_lossy().into_owned();
        let stem = format!("{name}-restored-{}", made_at.format("%Y-%m-%d-%H%M"));
        (1..)
            .map(|n| match n {
                1 => self.own.with_file_name(&stem),
                n => self.own.with_file_name(format!("{stem}-{n}")),
            })
            .find(|dir| !dir.exists())
    }

    /// Opens (creating if needed) the leader's own journal, reporting progress while
    /// its search index catches up.
    ///
    /// An encrypted one is [`crate::JournalError::NeedsUnlock`]: see [`Shelf::unlock_own`].
    pub fn open_own(&self, progress: &mut dyn FnMut(Progress)) -> Result<Journal> {
        open(&self.own, Keying::Plain, progress)
    }

    /// Whether the leader's own journal has been made (it may still be encrypted).
    pub fn own_exists(&self) -> bool {
        self.own.join(paths::DB_FILE).exists() || self.own.join(crate::keys::KEY_FILE).exists()
    }

    /// Makes the leader's own journal, encrypted with `passphrase`; returns it open
    /// with its recovery key, to be shown once (see [`Journal::create_encrypted`]).
    pub fn create_own_encrypted(
        &self,
        passphrase: &str,
        cost: crate::keys::KdfCost,
    ) -> Result<(Journal, crate::keys::RecoveryKey)> {
        Journal::create_encrypted(&self.own, passphrase, cost)
    }

    /// Whether the leader's own journal is encrypted (so it must be unlocked to open).
    pub fn own_is_encrypted(&self) -> Result<bool> {
        Journal::is_encrypted_at(&self.own)
    }

    /// Opens the leader's own encrypted journal with `secret`.
    pub fn unlock_own(
        &self,
        secret: &Secret,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Journal> {
        open(&self.own, Keying::Secret(secret), progress)
    }

    /// Opens (creating if needed) the sample journal; `Ok(None)` when there is no
    /// folder for it (see [`Shelf::sample_dir`]).
    pub fn open_sample(&self) -> Result<Option<Journal>> {
        match self.sample_dir() {
            // Sample reflections are nobody's: the sample is never encrypted.
            Some(dir) => open(&dir, Keying::Plain, &mut |_| {}).map(Some),
            None => Ok(None),
        }
    }
}

/// Opens the journal in `dir`: the one place every journal on this computer (own,
/// sample, a coachee's) is opened by the shells and the engine.
pub(crate) fn open(
    dir: &Path,
    keying: Keying<'_>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Journal> {
    Journal::open_keyed(dir, keying, progress)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_sits_beside_the_own_journal() {
        let shelf = Shelf::at("/home/lee/.local/share/Waymark");
        assert_eq!(
            shelf.sample_dir(),
            Some(PathBuf::from("/home/lee/.local/share/Waymark-sample"))
        );
        assert_eq!(Shelf::at("/").sample_dir(), None);
    }

    #[test]
    fn a_restore_goes_beside_the_journal_into_a_folder_not_yet_taken() -> Result<()> {
        let tmp = tempfile::tempdir().map_err(|e| crate::JournalError::io("tmp", e))?;
        let shelf = Shelf::at(tmp.path().join("Waymark"));
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-04T10:15:00Z")
            .map_err(|e| crate::JournalError::Crypto(e.to_string()))?
            .to_utc();
        let first = shelf.restore_dir_for(at);
        assert_eq!(
            first,
            Some(tmp.path().join("Waymark-restored-2026-03-04-1015"))
        );
        std::fs::create_dir(tmp.path().join("Waymark-restored-2026-03-04-1015"))
            .map_err(|e| crate::JournalError::io("tmp", e))?;
        assert_eq!(
            shelf.restore_dir_for(at),
            Some(tmp.path().join("Waymark-restored-2026-03-04-1015-2"))
        );
        Ok(())
    }

    #[test]
    fn own_and_sample_open_as_two_journals() -> Result<()> {
        let tmp = tempfile::tempdir().map_err(|e| crate::JournalError::io("tmp", e))?;
        let shelf = Shelf::at(tmp.path().join("Waymark"));
        let own = shelf.open_own(&mut |_| {})?;
        let sample = shelf.open_sample()?;
        assert_eq!(own.dir(), Some(shelf.own_dir()));
        assert_eq!(
            sample.as_ref().and_then(|s| s.dir()).map(Path::to_path_buf),
            shelf.sample_dir()
        );
        Ok(())
    }
}
