//! The journal's keys. A random **data key** encrypts everything in an encrypted
//! journal's folder: the database (SQLCipher, keyed with a key derived from it), the
//! search index ([`crate::search`]'s sealed directory, another derived key) and every
//! coachee's journal inside it. The data key itself is only ever stored wrapped
//! (`keyfile.rs`): once by a key derived from the leader's passphrase (Argon2id), once
//! by the recovery key shown at set-up (`recovery.rs`). No hash of the passphrase is
//! kept: the only test of a passphrase is whether it unwraps the key.
//!
//! When the leader asks, a third wrap by a random secret kept in the OS credential
//! store lets this computer open the journal without the passphrase (`credentials.rs`).
//!
//! Key material lives in [`Zeroizing`] buffers, wiped when dropped, and is never
//! logged, printed or serialised outside the key file.

pub mod credentials;
mod keyfile;
mod recovery;

pub use credentials::{CredentialStore, MemoryCredentials, OsCredentials};
pub use keyfile::{KEY_FILE, KdfCost};
pub(crate) use keyfile::{KeyFile, check_passphrase};
pub use recovery::RecoveryKey;

use crate::error::{JournalError, Result};
use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroizing;

/// Bytes in the data key and every key derived from it.
pub(crate) const KEY_BYTES: usize = 32;

/// What unlocks an encrypted journal.
pub enum Secret {
    /// The passphrase chosen at set-up (or changed to since).
    Passphrase(Zeroizing<String>),
    /// The recovery key shown at set-up.
    Recovery(RecoveryKey),
}

impl Secret {
    /// A passphrase as typed.
    pub fn passphrase(text: &str) -> Secret {
        Secret::Passphrase(Zeroizing::new(text.to_owned()))
    }
}

impl std::fmt::Debug for Secret {
    // Never the secret itself, not even in a panic message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Secret::Passphrase(_) => "Secret::Passphrase(…)",
            Secret::Recovery(_) => "Secret::Recovery(…)",
        })
    }
}

/// The key everything in an encrypted journal is encrypted with; wiped when dropped.
pub(crate) struct DataKey(Zeroizing<[u8; KEY_BYTES]>);

impl DataKey {
    /// A new random data key, from the operating system's generator.
    pub(crate) fn random() -> Result<DataKey> {
        let mut key = Zeroizing::new([0u8; KEY_BYTES]);
        fill_random(key.as_mut())?;
        Ok(DataKey(key))
    }

    /// The key as bytes, for wrapping it.
    pub(crate) fn bytes(&self) -> &[u8; KEY_BYTES] {
        &self.0
    }

    /// A data key from unwrapped bytes.
    pub(crate) fn from_bytes(bytes: Zeroizing<[u8; KEY_BYTES]>) -> DataKey {
        DataKey(bytes)
    }

    /// A key for one purpose, derived with HKDF-SHA256, so the database and the index
    /// never share a key.
    fn derive(&self, purpose: &[u8]) -> Zeroizing<[u8; KEY_BYTES]> {
        let mut out = Zeroizing::new([0u8; KEY_BYTES]);
        // Expanding 32 bytes from SHA-256 cannot fail (the limit is 255 × 32).
        let _ = Hkdf::<Sha256>::new(None, self.0.as_ref()).expand(purpose, out.as_mut());
        out
    }

    /// The raw SQLCipher key as the `PRAGMA key` literal `x'…'` expects: 64 hex digits.
    pub(crate) fn database_key_hex(&self) -> Zeroizing<String> {
        let key = self.derive(b"waymark database v1");
        let mut hex = Zeroizing::new(String::with_capacity(2 * KEY_BYTES));
        for byte in key.iter() {
            use std::fmt::Write as _;
            // Writing to a String cannot fail.
            let _ = write!(hex, "{byte:02x}");
        }
        hex
    }

    /// The key the search index's files are sealed with.
    pub(crate) fn index_key(&self) -> Zeroizing<[u8; KEY_BYTES]> {
        self.derive(b"waymark search index v1")
    }

    /// Another handle on the same key (for a coachee's journal inside this one).
    pub(crate) fn duplicate(&self) -> DataKey {
        DataKey(Zeroizing::new(*self.0))
    }
}

/// Fills `buf` from the operating system's random generator.
pub(crate) fn fill_random(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|e| JournalError::Crypto(format!("no random numbers: {e}")))
}
