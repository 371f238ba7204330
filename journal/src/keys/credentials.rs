//! "Remember on this computer": the secret that opens a remembered journal without its
//! passphrase is kept in the operating system's credential store (Windows Credential
//! Manager, the macOS Keychain, the Secret Service on Linux: GNOME Keyring or KWallet),
//! which the OS guards with the person's login. The journal's key file holds the data
//! key wrapped by that secret; forgetting removes both.
//!
//! The engine talks to a store through [`CredentialStore`], so its tests can use
//! [`MemoryCredentials`]; the shells use [`OsCredentials`].

use crate::error::{JournalError, Result};
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use zeroize::Zeroizing;

/// The service name Waymark's entries are filed under in the credential store.
pub const SERVICE: &str = "Waymark journal";

/// A place that keeps secrets for this user on this computer.
pub trait CredentialStore: Send + Sync {
    /// Keeps `secret` under `account`, replacing what was there.
    fn put(&self, account: &str, secret: &[u8]) -> Result<()>;
    /// The secret kept under `account`; `None` when there is none.
    fn get(&self, account: &str) -> Result<Option<Zeroizing<Vec<u8>>>>;
    /// Removes what is kept under `account`; nothing there is not an error.
    fn delete(&self, account: &str) -> Result<()>;
}

/// The operating system's credential store, through the `keyring` crate.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsCredentials;

fn unavailable(e: keyring::Error) -> JournalError {
    JournalError::CredentialStore(e.to_string())
}

impl OsCredentials {
    fn entry(account: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(SERVICE, account).map_err(unavailable)
    }
}

impl CredentialStore for OsCredentials {
    fn put(&self, account: &str, secret: &[u8]) -> Result<()> {
        OsCredentials::entry(account)?
            .set_secret(secret)
            .map_err(unavailable)
    }

    fn get(&self, account: &str) -> Result<Option<Zeroizing<Vec<u8>>>> {
        match OsCredentials::entry(account)?.get_secret() {
            Ok(secret) => Ok(Some(Zeroizing::new(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn delete(&self, account: &str) -> Result<()> {
        match OsCredentials::entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }
}

/// A store held in memory and gone when the program ends: for tests, which must not
/// touch the person's real credential store.
#[derive(Debug, Default)]
pub struct MemoryCredentials(Mutex<HashMap<String, Zeroizing<Vec<u8>>>>);

impl MemoryCredentials {
    /// How many secrets it holds.
    pub fn len(&self) -> usize {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    /// True when it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl CredentialStore for MemoryCredentials {
    fn put(&self, account: &str, secret: &[u8]) -> Result<()> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(account.to_owned(), Zeroizing::new(secret.to_vec()));
        Ok(())
    }

    fn get(&self, account: &str) -> Result<Option<Zeroizing<Vec<u8>>>> {
        Ok(self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(account)
            .cloned())
    }

    fn delete(&self, account: &str) -> Result<()> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(account);
        Ok(())
    }
}
