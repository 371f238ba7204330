//! Encrypted exports: a Waymark JSON export streamed through age with a passphrase
//! (scrypt), so the file on a USB stick or in an email is unreadable without it; and
//! importing one. The plaintext never reaches the disk: the export is encrypted as it
//! is written, the import decrypted in memory within the import's size limit.
//!
//! Any age tool opens such a file with its passphrase (`age -d export.json.age`).

use super::{ImportReport, MAX_IMPORT_BYTES};
use crate::error::{ImportError, JournalError, Result};
use crate::journal::Journal;
use crate::model::EntryId;
use crate::out_file::write_atomically;
use age::secrecy::SecretString;
use std::io::{Read, Write};
use std::path::Path;

/// The first line of every age file.
const AGE_INTRO: &[u8] = b"age-encryption.org/v1\n";
/// The largest header read (as the reference age does): a passphrase file has one
/// short stanza.
const MAX_HEADER_BYTES: usize = 64 * 1024;

/// Whether `bytes` is an age file (an encrypted export).
pub(crate) fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_INTRO)
}

/// Refuses a header a passphrase file never has (longer than 64 KiB, or more than one
/// recipient stanza): age re-reads the header after each line, so a header of many
/// stanzas would cost the square of its size before any passphrase is tried.
fn check_header(bytes: &[u8]) -> Result<()> {
    let window = &bytes[..bytes.len().min(MAX_HEADER_BYTES)];
    let mut stanzas = 0;
    for line in window.split(|b| *b == b'\n') {
        if line.starts_with(b"--- ") {
            return Ok(());
        }
        if line.starts_with(b"-> ") {
            stanzas += 1;
            if stanzas > 1 {
                return Err(ImportError::NotSealedByWaymark.into());
            }
        }
    }
    Err(ImportError::NotSealedByWaymark.into())
}

/// How a JSON export leaves the journal.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExportOptions<'a> {
    /// Encrypted with this passphrase (see [`Journal::export_json_encrypted`]), or plain.
    pub passphrase: Option<&'a str>,
    /// Every identifying detail the check finds replaced by words saying what was
    /// removed, in the export only (see [`Journal::redact_draft`]).
    pub redact: bool,
}

impl Journal {
    /// Writes a Waymark JSON export of the given entries (or everything not in the
    /// bin) to `out` as `options` say; returns how many entries it holds.
    pub fn export_json_with(
        &self,
        ids: Option<&[EntryId]>,
        out: &mut dyn Write,
        options: ExportOptions<'_>,
    ) -> Result<usize> {
        let Some(passphrase) = options.passphrase else {
            return self.write_json_export(ids, out, options.redact);
        };
        crate::keys::check_passphrase(passphrase)?;
        let io = |e: std::io::Error| JournalError::io("the encrypted export", e);
        let sealing =
            age::Encryptor::with_user_passphrase(SecretString::from(passphrase.to_owned()));
        let mut sealed = sealing.wrap_output(out).map_err(io)?;
        let n = self.write_json_export(ids, &mut sealed, options.redact)?;
        sealed.finish().map_err(io)?.flush().map_err(io)?;
        Ok(n)
    }

    /// [`Journal::export_json_with`] into the file `path` (written whole or not at all).
    pub fn export_json_file_with(
        &self,
        ids: Option<&[EntryId]>,
        path: &Path,
        options: ExportOptions<'_>,
    ) -> Result<usize> {
        if let Some(passphrase) = options.passphrase {
            // Refused before any file is made.
            crate::keys::check_passphrase(passphrase)?;
        }
        write_atomically(path, |out| self.export_json_with(ids, out, options))
    }

    /// Writes a Waymark JSON export of the given entries (or everything not in the
    /// bin) to `path`, encrypted with `passphrase`; returns how many entries it holds.
    pub fn export_json_encrypted(
        &self,
        ids: Option<&[EntryId]>,
        path: &Path,
        passphrase: &str,
    ) -> Result<usize> {
        let options = ExportOptions {
            passphrase: Some(passphrase),
            redact: false,
        };
        self.export_json_file_with(ids, path, options)
    }

    /// Imports an encrypted export (see [`Journal::export_json_encrypted`]) with its
    /// passphrase; a wrong one is [`ImportError::WrongPassphrase`] and changes nothing.
    pub fn import_json_encrypted(&self, bytes: &[u8], passphrase: &str) -> Result<ImportReport> {
        if !is_sealed(bytes) {
            return self.import_json(bytes);
        }
        check_header(bytes)?;
        let decryptor =
            age::Decryptor::new_buffered(bytes).map_err(|_| ImportError::NotSealedByWaymark)?;
        if !decryptor.is_scrypt() {
            return Err(ImportError::NotSealedByWaymark.into());
        }
        let identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
        let reader = decryptor
            .decrypt(std::iter::once(&identity as &dyn age::Identity))
            .map_err(|_| ImportError::WrongPassphrase)?;
        let mut plain = Vec::new();
        let limit = MAX_IMPORT_BYTES + 1;
        reader
            .take(limit)
            .read_to_end(&mut plain)
            .map_err(|_| ImportError::WrongPassphrase)?;
        if plain.len() as u64 > MAX_IMPORT_BYTES {
            return Err(ImportError::TooLarge {
                bytes: plain.len() as u64,
                max: MAX_IMPORT_BYTES,
            }
            .into());
        }
        let report = self.import_json(&plain);
        // The words read back leave memory with the buffer.
        zeroize::Zeroize::zeroize(&mut plain);
        report
    }
}
