//! The key file, `journal.key`, beside the database of an encrypted journal: the data
//! key wrapped twice (by the passphrase, by the recovery key), with the Argon2id
//! parameters the passphrase wrap was made with, and a third time when the leader asked
//! this computer to remember it (by a random secret kept in the OS credential store,
//! see [`super::credentials`]). It holds no hash of the passphrase and nothing readable
//! without one of the secrets.
//!
//! ```json
//! { "format": "waymark-key", "version": 1,
//!   "passphrase": { "kdf": "argon2id", "memory_kib": 65536, "iterations": 3,
//!                   "parallelism": 1, "salt": "…", "nonce": "…", "wrapped": "…" },
//!   "recovery": { "nonce": "…", "wrapped": "…" },
//!   "remembered": { "account": "…", "nonce": "…", "wrapped": "…" } }
//! ```
//!
//! `remembered` is there only while this computer remembers the journal: `account`
//! names the credential store's entry that holds the secret it is wrapped by.
//!
//! Each wrap is XChaCha20-Poly1305 (a random 24-byte nonce) of the 32-byte data key,
//! with the wrap's name as associated data; `salt`, `nonce` and `wrapped` are base64url
//! without padding. The passphrase's key is Argon2id over the passphrase's UTF-8 bytes;
//! the recovery key's is HKDF-SHA256 over its 160 random bits (it needs no stretching).

use super::recovery::RecoveryKey;
use super::{DataKey, KEY_BYTES, Secret, fill_random};
use crate::error::{JournalError, Result};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::fs;
use std::io::Write;
use std::path::Path;
use zeroize::Zeroizing;

/// The key file's name in a journal's folder.
pub const KEY_FILE: &str = "journal.key";
/// The `format` of a key file.
const FORMAT: &str = "waymark-key";
/// The key file version this build writes and reads.
const VERSION: u32 = 1;
/// Associated data of the passphrase's wrap.
const PASSPHRASE_AAD: &[u8] = b"waymark-key v1 passphrase";
/// Associated data of the recovery key's wrap.
const RECOVERY_AAD: &[u8] = b"waymark-key v1 recovery";
/// Associated data of the remembered (credential store) wrap.
const REMEMBERED_AAD: &[u8] = b"waymark-key v1 remembered";

/// How hard Argon2id works to turn a passphrase into a key: stored with the wrap, so
/// a journal made with one cost opens with any build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfCost {
    /// Memory, in KiB.
    pub memory_kib: u32,
    /// Passes over the memory.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

impl KdfCost {
    /// What new journals use: 64 MiB and 3 passes, about half a second on a modest
    /// laptop (measured by `waymark bench` as `unlock_ms`), so each guess at a stolen
    /// key file costs an attacker the same.
    pub const DEFAULT: KdfCost = KdfCost {
        memory_kib: 64 * 1024,
        iterations: 3,
        parallelism: 1,
    };

    /// A cheap cost for tests only: the format and checks are the same, the waiting is not.
    pub const FOR_TESTS: KdfCost = KdfCost {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };

    /// The most memory a key file may ask for (1 GiB): a damaged or hostile file must
    /// not make opening take all the machine's memory.
    const MAX_MEMORY_KIB: u32 = 1024 * 1024;
}

/// The passphrase's wrap of the data key.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PassphraseWrap {
    kdf: String,
    #[serde(flatten)]
    cost: KdfCost,
    salt: String,
    nonce: String,
    wrapped: String,
}

/// The recovery key's wrap of the data key.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecoveryWrap {
    nonce: String,
    wrapped: String,
}

/// The wrap by a secret this computer's credential store keeps.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RememberedWrap {
    /// The credential store entry's name.
    account: String,
    nonce: String,
    wrapped: String,
}

/// A journal's key file.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct KeyFile {
    format: String,
    version: u32,
    passphrase: PassphraseWrap,
    recovery: RecoveryWrap,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    remembered: Option<RememberedWrap>,
}

fn bad(reason: impl Into<String>) -> JournalError {
    JournalError::BadKeyFile(reason.into())
}

fn decode(text: &str, what: &str) -> Result<Vec<u8>> {
    URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| bad(format!("its {what} is not readable")))
}

/// Seals `key` under `wrapping` with a fresh nonce: (nonce, ciphertext), base64url.
fn seal(wrapping: &[u8; KEY_BYTES], key: &[u8; KEY_BYTES], aad: &[u8]) -> Result<(String, String)> {
    let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(wrapping));
    let mut nonce = [0u8; 24];
    fill_random(&mut nonce)?;
    let sealed = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: key, aad })
        .map_err(|_| JournalError::Crypto("the key could not be wrapped".into()))?;
    Ok((
        URL_SAFE_NO_PAD.encode(nonce),
        URL_SAFE_NO_PAD.encode(sealed),
    ))
}

/// Opens a wrap; `None` when `wrapping` is not the key it was made with.
fn open(
    wrapping: &[u8; KEY_BYTES],
    nonce: &str,
    wrapped: &str,
    aad: &[u8],
) -> Result<Option<DataKey>> {
    let nonce = decode(nonce, "nonce")?;
    if nonce.len() != 24 {
        return Err(bad("its nonce has the wrong length"));
    }
    let wrapped = decode(wrapped, "wrapped key")?;
    let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(wrapping));
    let Ok(plain) = cipher.decrypt(XNonce::from_slice(&nonce), Payload { msg: &wrapped, aad })
    else {
        return Ok(None);
    };
    let plain = Zeroizing::new(plain);
    let bytes: [u8; KEY_BYTES] = plain
        .as_slice()
        .try_into()
        .map_err(|_| bad("the key inside has the wrong length"))?;
    Ok(Some(DataKey::from_bytes(Zeroizing::new(bytes))))
}

/// The key a passphrase wraps with, by Argon2id at `cost` over `salt`.
fn passphrase_key(
    passphrase: &str,
    salt: &[u8],
    cost: KdfCost,
) -> Result<Zeroizing<[u8; KEY_BYTES]>> {
    if cost.memory_kib > KdfCost::MAX_MEMORY_KIB || cost.iterations > 100 || cost.parallelism > 16 {
        return Err(bad("it asks for more work than Waymark ever sets"));
    }
    let params = Params::new(
        cost.memory_kib,
        cost.iterations,
        cost.parallelism,
        Some(KEY_BYTES),
    )
    .map_err(|e| bad(format!("its key settings are not valid ({e})")))?;
    let mut out = Zeroizing::new([0u8; KEY_BYTES]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, out.as_mut())
        .map_err(|e| JournalError::Crypto(format!("the passphrase could not be used ({e})")))?;
    Ok(out)
}

/// The key a recovery key wraps with.
fn recovery_key(recovery: &RecoveryKey) -> Zeroizing<[u8; KEY_BYTES]> {
    let mut out = Zeroizing::new([0u8; KEY_BYTES]);
    // Expanding 32 bytes from SHA-256 cannot fail.
    let _ = Hkdf::<Sha256>::new(None, recovery.bytes())
        .expand(b"waymark recovery wrap v1", out.as_mut());
    out
}

/// Checks a new passphrase is one worth having.
pub(crate) fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < 8 {
        return Err(JournalError::WeakPassphrase);
    }
    Ok(())
}

impl KeyFile {
    /// Wraps `key` by `passphrase` (at `cost`) and by a new recovery key, returned to
    /// be shown once.
    pub(crate) fn create(
        key: &DataKey,
        passphrase: &str,
        cost: KdfCost,
    ) -> Result<(KeyFile, RecoveryKey)> {
        check_passphrase(passphrase)?;
        let recovery = RecoveryKey::random()?;
        let (nonce, wrapped) = seal(&recovery_key(&recovery), key.bytes(), RECOVERY_AAD)?;
        let file = KeyFile {
            format: FORMAT.to_owned(),
            version: VERSION,
            passphrase: PassphraseWrap::new(key, passphrase, cost)?,
            recovery: RecoveryWrap { nonce, wrapped },
            remembered: None,
        };
        Ok((file, recovery))
    }

    /// The same key file with the passphrase's wrap made again for `passphrase`; the
    /// recovery key still works.
    pub(crate) fn with_passphrase(
        &self,
        key: &DataKey,
        passphrase: &str,
        cost: KdfCost,
    ) -> Result<KeyFile> {
        check_passphrase(passphrase)?;
        let mut file = self.clone();
        file.passphrase = PassphraseWrap::new(key, passphrase, cost)?;
        Ok(file)
    }

    /// The data key, if `secret` unwraps it; a wrong one is
    /// [`JournalError::WrongPassphrase`] or [`JournalError::WrongRecoveryKey`].
    pub(crate) fn unlock(&self, secret: &Secret) -> Result<DataKey> {
        match secret {
            Secret::Passphrase(passphrase) => {
                let p = &self.passphrase;
                if p.kdf != "argon2id" {
                    return Err(bad(format!(
                        "it uses '{}', which this Waymark does not know",
                        p.kdf
                    )));
                }
                let salt = decode(&p.salt, "salt")?;
                let wrapping = passphrase_key(passphrase, &salt, p.cost)?;
                open(&wrapping, &p.nonce, &p.wrapped, PASSPHRASE_AAD)?
                    .ok_or(JournalError::WrongPassphrase)
            }
            Secret::Recovery(recovery) => open(
                &recovery_key(recovery),
                &self.recovery.nonce,
                &self.recovery.wrapped,
                RECOVERY_AAD,
            )?
            .ok_or(JournalError::WrongRecoveryKey),
        }
    }

    /// The same key file with the data key also wrapped by `secret`, which the
    /// credential store keeps under `account`.
    pub(crate) fn with_remembered(
        &self,
        key: &DataKey,
        account: &str,
        secret: &[u8; KEY_BYTES],
    ) -> Result<KeyFile> {
        let (nonce, wrapped) = seal(secret, key.bytes(), REMEMBERED_AAD)?;
        let mut file = self.clone();
        file.remembered = Some(RememberedWrap {
            account: account.to_owned(),
            nonce,
            wrapped,
        });
        Ok(file)
    }

    /// The same key file without the remembered wrap.
    pub(crate) fn without_remembered(&self) -> KeyFile {
        let mut file = self.clone();
        file.remembered = None;
        file
    }

    /// The credential store entry this journal is remembered under, if it is.
    pub(crate) fn remembered_account(&self) -> Option<&str> {
        self.remembered.as_ref().map(|r| r.account.as_str())
    }

    /// The data key, if this journal is remembered and `secret` (from the credential
    /// store) unwraps it; `None` otherwise (forgotten, or the store's entry is stale).
    pub(crate) fn unlock_remembered(&self, secret: &[u8]) -> Result<Option<DataKey>> {
        let Some(remembered) = &self.remembered else {
            return Ok(None);
        };
        let Ok(secret) = <&[u8; KEY_BYTES]>::try_from(secret) else {
            return Ok(None);
        };
        open(
            secret,
            &remembered.nonce,
            &remembered.wrapped,
            REMEMBERED_AAD,
        )
    }

    /// Reads the key file in `dir`, if there is one.
    pub(crate) fn read(dir: &Path) -> Result<Option<KeyFile>> {
        let path = dir.join(KEY_FILE);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(JournalError::io(&path, e)),
        };
        let file: KeyFile =
            serde_json::from_str(&text).map_err(|e| bad(format!("it is not a key file ({e})")))?;
        if file.format != FORMAT {
            return Err(bad("it is not a Waymark key file"));
        }
        if file.version != VERSION {
            return Err(bad(format!(
                "it is version {}, and this Waymark reads version {VERSION}; please update Waymark",
                file.version
            )));
        }
        Ok(Some(file))
    }

    /// Writes the key file into `dir` whole or not at all: through a file beside it,
    /// flushed to disk, then renamed over the old one (readable by this user only).
    pub(crate) fn write(&self, dir: &Path) -> Result<()> {
        let path = dir.join(KEY_FILE);
        let tmp = dir.join(format!("{KEY_FILE}.partial"));
        let text = serde_json::to_vec_pretty(self).map_err(|e| {
            JournalError::Crypto(format!("the key file could not be written ({e})"))
        })?;
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let written = options.open(&tmp).and_then(|mut file| {
            file.write_all(&text)?;
            file.sync_all()
        });
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(JournalError::io(&tmp, e));
        }
        fs::rename(&tmp, &path).map_err(|e| JournalError::io(&path, e))?;
        crate::folder::sync_dir(dir);
        Ok(())
    }
}

impl PassphraseWrap {
    fn new(key: &DataKey, passphrase: &str, cost: KdfCost) -> Result<PassphraseWrap> {
        let mut salt = [0u8; 16];
        fill_random(&mut salt)?;
        let wrapping = passphrase_key(passphrase, &salt, cost)?;
        let (nonce, wrapped) = seal(&wrapping, key.bytes(), PASSPHRASE_AAD)?;
        Ok(PassphraseWrap {
            kdf: "argon2id".into(),
            cost,
            salt: URL_SAFE_NO_PAD.encode(salt),
            nonce,
            wrapped,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn either_secret_unwraps_the_same_key_and_a_wrong_one_says_which() {
        let key = DataKey::random().unwrap();
        let (file, recovery) = KeyFile::create(&key, "correct horse", KdfCost::FOR_TESTS).unwrap();
        let by_pass = file.unlock(&Secret::passphrase("correct horse")).unwrap();
        let by_recovery = file.unlock(&Secret::Recovery(recovery)).unwrap();
        assert_eq!(by_pass.bytes(), key.bytes());
        assert_eq!(by_recovery.bytes(), key.bytes());
        assert!(matches!(
            file.unlock(&Secret::passphrase("correct horse ")),
            Err(JournalError::WrongPassphrase)
        ));
        let other = RecoveryKey::random().unwrap();
        assert!(matches!(
            file.unlock(&Secret::Recovery(other)),
            Err(JournalError::WrongRecoveryKey)
        ));
        // A new passphrase: the old one stops working, the recovery key still works.
        let changed = file
            .with_passphrase(&key, "battery staple", KdfCost::FOR_TESTS)
            .unwrap();
        assert!(
            changed
                .unlock(&Secret::passphrase("correct horse"))
                .is_err()
        );
        assert!(
            changed
                .unlock(&Secret::passphrase("battery staple"))
                .is_ok()
        );
        assert!(matches!(
            KeyFile::create(&key, "short", KdfCost::FOR_TESTS),
            Err(JournalError::WeakPassphrase)
        ));
    }

    #[test]
    fn the_file_holds_no_key_in_clear_and_refuses_absurd_settings() {
        let key = DataKey::random().unwrap();
        let (file, _) = KeyFile::create(&key, "correct horse", KdfCost::FOR_TESTS).unwrap();
        let text = serde_json::to_string(&file).unwrap();
        assert!(!text.contains(&URL_SAFE_NO_PAD.encode(key.bytes())));
        let mut greedy = file.clone();
        greedy.passphrase.cost.memory_kib = u32::MAX;
        assert!(matches!(
            greedy.unlock(&Secret::passphrase("correct horse")),
            Err(JournalError::BadKeyFile(_))
        ));
    }
}
