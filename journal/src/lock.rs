//! One process per journal folder: an exclusive lock on `waymark.lock`.
//!
//! The operating system releases the lock when the holder exits, even by a crash or
//! SIGKILL, so a stale lock file never keeps a leader out of their journal.

use crate::error::{JournalError, Result};
use std::fs::{File, OpenOptions};
use std::path::Path;

/// Name of the lock file inside a journal folder.
pub(crate) const LOCK_FILE: &str = "waymark.lock";

/// Opening a file readable only by this user (a no-op where permissions are ACLs).
trait PrivateMode {
    fn mode_private(&mut self) -> &mut Self;
}

impl PrivateMode for OpenOptions {
    #[cfg(unix)]
    fn mode_private(&mut self) -> &mut Self {
        std::os::unix::fs::OpenOptionsExt::mode(self, 0o600)
    }
    #[cfg(not(unix))]
    fn mode_private(&mut self) -> &mut Self {
        self
    }
}

/// Holds a journal folder for this process until dropped.
#[derive(Debug)]
pub(crate) struct DirLock {
    /// Kept open: closing the file releases the lock.
    _file: File,
}

impl DirLock {
    /// Takes the folder's lock, or fails with [`JournalError::Locked`] naming it.
    ///
    /// The lock belongs to the open file, so a second open in the same process is
    /// refused too (the desktop app and a test each get the same clear error).
    pub(crate) fn acquire(dir: &Path) -> Result<DirLock> {
        let path = dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode_private()
            .open(&path)
            .map_err(|e| JournalError::io(&path, e))?;
        // Called through the trait: std's inherent `File::try_lock` would shadow it.
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => Ok(DirLock { _file: file }),
            Err(fs4::TryLockError::WouldBlock) => Err(JournalError::Locked {
                dir: dir.to_path_buf(),
            }),
            Err(fs4::TryLockError::Error(e)) => Err(JournalError::io(&path, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_folder_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = DirLock::acquire(dir.path()).unwrap();
        match DirLock::acquire(dir.path()) {
            Err(JournalError::Locked { dir: d }) => assert_eq!(d, dir.path()),
            other => panic!("expected Locked, got {other:?}"),
        }
        drop(first);
        assert!(DirLock::acquire(dir.path()).is_ok());
    }
}
