//! A tantivy [`Directory`] that keeps every index file sealed on disk: each file is
//! one XChaCha20-Poly1305 message (a random 24-byte nonce, the file's name bound in as
//! associated data, so files cannot be swapped), written when tantivy finishes it and
//! opened whole when tantivy first reads it. No word of an entry is readable in the
//! index folder of an encrypted journal.
//!
//! This is seshat's design (Element's search, also tantivy behind SQLCipher) made
//! simpler: index files are written once and never changed, so each is sealed in one
//! piece, and the opened files are kept in memory (dropped when tantivy deletes them),
//! so a search reads no disk and decrypts nothing. The cost is memory about the size
//! of the index, and one pass of decryption per file when the journal is unlocked;
//! `waymark bench` prints both beside the plain journal's figures.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes,
    TerminatingWrite, WatchCallback, WatchHandle, WritePtr,
};
use zeroize::Zeroizing;

/// The first bytes of every sealed file.
const MAGIC: &[u8; 8] = b"WMSEAL1\n";
/// Bytes of the nonce after the magic.
const NONCE: usize = 24;

/// The key and cipher that seal one index's files.
struct Sealer {
    cipher: XChaCha20Poly1305,
}

impl Sealer {
    fn aad(path: &Path) -> Vec<u8> {
        let mut aad = MAGIC.to_vec();
        aad.extend_from_slice(path.to_string_lossy().as_bytes());
        aad
    }

    fn seal(&self, path: &Path, plain: &[u8]) -> io::Result<Vec<u8>> {
        let mut nonce = [0u8; NONCE];
        getrandom::fill(&mut nonce).map_err(|e| io::Error::other(e.to_string()))?;
        let aad = Sealer::aad(path);
        let sealed = self
            .cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: &aad,
                },
            )
            .map_err(|_| io::Error::other("an index file could not be sealed"))?;
        let mut out = Vec::with_capacity(MAGIC.len() + NONCE + sealed.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    fn open(&self, path: &Path, sealed: &[u8]) -> io::Result<Vec<u8>> {
        let damaged = || {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "{} is damaged or was not sealed with this journal's key",
                    path.display()
                ),
            )
        };
        let body = sealed.strip_prefix(MAGIC.as_slice()).ok_or_else(damaged)?;
        if body.len() < NONCE {
            return Err(damaged());
        }
        let (nonce, ciphertext) = body.split_at(NONCE);
        let aad = Sealer::aad(path);
        self.cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: &aad,
                },
            )
            .map_err(|_| damaged())
    }
}

/// An index folder whose files are sealed with the journal's index key.
#[derive(Clone)]
pub(crate) struct SealedDirectory {
    inner: MmapDirectory,
    sealer: Arc<Sealer>,
    /// Files opened so far, in the clear, by name: index files never change once
    /// written, so each is decrypted once and dropped when tantivy deletes it.
    opened: Arc<Mutex<HashMap<PathBuf, OwnedBytes>>>,
}

impl fmt::Debug for SealedDirectory {
    // The key stays out of every message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SealedDirectory({:?})", self.inner)
    }
}

impl SealedDirectory {
    /// The sealed index in `dir` (which must exist), with `key`.
    pub(crate) fn open(dir: &Path, key: &Zeroizing<[u8; 32]>) -> tantivy::Result<SealedDirectory> {
        let inner = MmapDirectory::open(dir)?;
        Ok(SealedDirectory {
            inner,
            sealer: Arc::new(Sealer {
                cipher: XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(key.as_ref())),
            }),
            opened: Arc::default(),
        })
    }

    fn opened(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, OwnedBytes>> {
        self.opened.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Directory for SealedDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if let Some(bytes) = self.opened().get(path) {
            return Ok(Arc::new(bytes.clone()));
        }
        let sealed = self
            .inner
            .open_read(path)?
            .read_bytes()
            .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?;
        let plain = self
            .sealer
            .open(path, sealed.as_slice())
            .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?;
        let bytes = OwnedBytes::new(plain);
        self.opened().insert(path.to_path_buf(), bytes.clone());
        Ok(Arc::new(bytes))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.opened().remove(path);
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        // Made now, so the file exists while tantivy writes it, as with any directory.
        let target = self.inner.open_write(path)?;
        Ok(io::BufWriter::new(Box::new(SealingWriter {
            path: path.to_path_buf(),
            plain: Vec::new(),
            target: Some(target),
            directory: self.clone(),
        })))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        let sealed = self.inner.atomic_read(path)?;
        self.sealer
            .open(path, &sealed)
            .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner
            .atomic_write(path, &self.sealer.seal(path, data)?)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        // Lock files hold nothing; the folder's own locking is the one to use.
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

/// A file being written: kept in memory, sealed and written when tantivy finishes it.
struct SealingWriter {
    path: PathBuf,
    plain: Vec<u8>,
    target: Option<WritePtr>,
    directory: SealedDirectory,
}

impl Write for SealingWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.plain.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // Nothing reaches the disk before the file is finished and sealed.
        Ok(())
    }
}

impl TerminatingWrite for SealingWriter {
    fn terminate_ref(&mut self, _: AntiCallToken) -> io::Result<()> {
        let Some(mut target) = self.target.take() else {
            return Ok(());
        };
        let sealed = self.directory.sealer.seal(&self.path, &self.plain)?;
        target.write_all(&sealed)?;
        target.terminate()?;
        let plain = std::mem::take(&mut self.plain);
        self.directory
            .opened()
            .insert(self.path.clone(), OwnedBytes::new(plain));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_file_reads_back_and_shows_nothing_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let key = Zeroizing::new([7u8; 32]);
        let sealed = SealedDirectory::open(dir.path(), &key).unwrap();
        let mut w = sealed.open_write(Path::new("a.store")).unwrap();
        w.write_all(b"kintsugi reflections").unwrap();
        w.terminate().unwrap();
        sealed
            .atomic_write(Path::new("meta.json"), b"{\"kintsugi\":1}")
            .unwrap();
        for name in ["a.store", "meta.json"] {
            let raw = std::fs::read(dir.path().join(name)).unwrap();
            assert!(
                !raw.windows(8).any(|w| w == b"kintsugi"),
                "{name} is in the clear"
            );
        }
        // A fresh directory (nothing cached) with the same key reads both back.
        let again = SealedDirectory::open(dir.path(), &key).unwrap();
        let bytes = again
            .open_read(Path::new("a.store"))
            .unwrap()
            .read_bytes()
            .unwrap();
        assert_eq!(bytes.as_slice(), b"kintsugi reflections");
        assert_eq!(
            again.atomic_read(Path::new("meta.json")).unwrap(),
            b"{\"kintsugi\":1}"
        );
        // Another key, or a file swapped for another's, is refused, not misread.
        let other = SealedDirectory::open(dir.path(), &Zeroizing::new([8u8; 32])).unwrap();
        assert!(other.open_read(Path::new("a.store")).is_err());
        std::fs::copy(dir.path().join("a.store"), dir.path().join("b.store")).unwrap();
        assert!(again.open_read(Path::new("b.store")).is_err());
    }
}
