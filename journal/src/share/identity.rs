//! This journal's identity (made on first use) and its contacts.

use super::ShareError;
use crate::error::{JournalError, Result};
use crate::journal::Journal;
use crate::store::{self, Reader, StoredContact, StoredIdentity};
use age::secrecy::ExposeSecret;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::str::FromStr;
use ts_rs::TS;

/// What every share code starts with; the digit is the code format's version.
const CODE_PREFIX: &str = "waymark1:";
/// Longest share code accepted (a real one is about 200 characters).
const MAX_CODE_CHARS: usize = 2000;
/// Longest display name, in characters.
const MAX_NAME_CHARS: usize = 60;
/// The name used until the leader chooses one, when the system gives none.
const DEFAULT_NAME: &str = "Waymark user";

/// The public half of an identity, as a share code carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareCode {
    /// The display name its owner chose (unverified: a contact can be renamed on adding).
    pub name: String,
    /// The age X25519 recipient (`age1…`) bundles to them are encrypted to.
    pub age_recipient: String,
    /// The Ed25519 public key their bundles are signed with.
    pub signing_key: [u8; 32],
}

/// The JSON inside a share code.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CodeJson {
    name: String,
    age_recipient: String,
    signing_key: String,
}

impl ShareCode {
    /// The code as one line of text: `waymark1:<base64url of JSON>`.
    pub fn encode(&self) -> String {
        let json = serde_json::json!({
            "name": self.name,
            "age_recipient": self.age_recipient,
            "signing_key": URL_SAFE_NO_PAD.encode(self.signing_key),
        });
        format!(
            "{CODE_PREFIX}{}",
            URL_SAFE_NO_PAD.encode(json.to_string().as_bytes())
        )
    }

    /// Reads a code, checking that both keys are well formed.
    ///
    /// Whitespace around and inside the code (from email line wrapping) is ignored.
    pub fn parse(text: &str) -> Result<ShareCode, ShareError> {
        let bad = |reason: &str| ShareError::BadCode {
            reason: reason.to_owned(),
        };
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if text.chars().count() > MAX_CODE_CHARS {
            return Err(bad("it is far too long"));
        }
        let Some(body) = text.strip_prefix(CODE_PREFIX) else {
            return Err(bad("it does not start with waymark1:"));
        };
        let json = URL_SAFE_NO_PAD
            .decode(body)
            .map_err(|_| bad("it is incomplete or has a typing mistake"))?;
        let json: CodeJson =
            serde_json::from_slice(&json).map_err(|_| bad("its content is not readable"))?;
        // Someone else's name: neutralised, so it reads as it will be shown.
        let name = received_name(&json.name).map_err(|_| bad("its name is not usable"))?;
        age::x25519::Recipient::from_str(&json.age_recipient)
            .map_err(|_| bad("its encryption key is not valid"))?;
        let key: [u8; 32] = URL_SAFE_NO_PAD
            .decode(&json.signing_key)
            .ok()
            .and_then(|k| k.try_into().ok())
            .ok_or_else(|| bad("its signing key is not valid"))?;
        VerifyingKey::from_bytes(&key).map_err(|_| bad("its signing key is not valid"))?;
        Ok(ShareCode {
            name,
            age_recipient: json.age_recipient,
            signing_key: key,
        })
    }

    /// The fingerprint of the code's keys (see [`fingerprint`]).
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.age_recipient, &self.signing_key)
    }
}

/// The fingerprint of a pair of public keys, easy to read aloud: 20 base32 characters
/// in five groups of four, from the first 100 bits of a SHA-256 over both keys.
///
/// 100 bits is far beyond what anyone could match by trying keys.
///
/// ```
/// let fp = waymark_journal::share::fingerprint("age1example", &[7; 32]);
/// assert_eq!(fp.len(), 24);
/// assert_eq!(fp.split('-').count(), 5);
/// ```
pub fn fingerprint(age_recipient: &str, signing_key: &[u8; 32]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut hash = Sha256::new();
    hash.update(b"waymark-fingerprint-v1\n");
    hash.update(age_recipient.as_bytes());
    hash.update(b"\n");
    hash.update(signing_key);
    let digest = hash.finalize();
    let mut out = String::with_capacity(24);
    for i in 0..20 {
        // Character i is bits 5i..5i+5 of the digest, most significant bit first.
        let bit = i * 5;
        let two = (u16::from(digest[bit / 8]) << 8) | u16::from(digest[bit / 8 + 1]);
        let value = (two >> (11 - bit % 8)) & 0x1f;
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(char::from(ALPHABET[usize::from(value)]));
    }
    out
}

/// This journal's identity as it may be shown and given out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IdentityInfo {
    /// The display name.
    pub name: String,
    /// The share code to give to a coach or coachee.
    pub code: String,
    /// The fingerprint to read aloud when they check the code.
    pub fingerprint: String,
}

/// Someone this journal exchanges bundles with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Contact {
    /// Their name in this journal (unique, ignoring case).
    pub name: String,
    /// Their fingerprint.
    pub fingerprint: String,
    /// Their share code.
    pub code: String,
    /// When they were added.
    #[ts(type = "string")]
    pub added_at: DateTime<Utc>,
}

/// A contact with their keys parsed, ready to encrypt to and verify.
pub(crate) struct ContactKeys {
    pub(crate) contact: Contact,
    pub(crate) recipient: age::x25519::Recipient,
    pub(crate) verifying: VerifyingKey,
}

/// This journal's own keys, private halves included.
pub(crate) struct OwnKeys {
    pub(crate) info: IdentityInfo,
    pub(crate) age: age::x25519::Identity,
    pub(crate) signing: SigningKey,
}

/// Whether `c` changes how a name reads without being seen: bidi embeddings,
/// overrides, isolates and marks, zero-width characters, the word joiner family and
/// the byte-order mark. "Dr Smith \u{202E}gnp.exe" reads as "Dr Smith exe.png";
/// "L\u{200B}ee Leader" looks like "Lee Leader" and is another name. The one list,
/// used for every name (identity, contacts, coachees, a sender's claimed name).
pub(crate) fn is_hidden_char(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}')
}

/// A name as stored: trimmed, on one line, 1 to 60 characters, none hidden
/// ([`is_hidden_char`]). For a name the person typed: refused rather than changed.
pub(crate) fn check_name(name: &str) -> Result<String, ShareError> {
    let trimmed = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars = trimmed.chars().count();
    if chars == 0
        || chars > MAX_NAME_CHARS
        || trimmed.chars().any(|c| c.is_control() || is_hidden_char(c))
    {
        return Err(ShareError::BadName {
            // Shown without its hidden characters, so the refusal reads as typed.
            name: neutral(name).chars().take(MAX_NAME_CHARS).collect(),
        });
    }
    Ok(trimmed)
}

/// A name that came from someone else (in a share code or a bundle): its hidden
/// characters ([`is_hidden_char`]) dropped, then checked as [`check_name`] does.
pub(crate) fn received_name(name: &str) -> Result<String, ShareError> {
    check_name(&neutral(name))
}

fn neutral(name: &str) -> String {
    name.chars().filter(|c| !is_hidden_char(*c)).collect()
}

fn crypto(e: impl std::fmt::Display) -> JournalError {
    ShareError::Crypto(e.to_string()).into()
}

fn corrupt(what: &str) -> JournalError {
    store::damaged(format!("the stored {what} is damaged"))
}

/// The first name the system knows this person by, else a placeholder.
fn default_name() -> String {
    ["USER", "USERNAME"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find_map(|name| check_name(&name).ok())
        .unwrap_or_else(|| DEFAULT_NAME.to_owned())
}

/// The stored identity as keys, if one was made.
fn load_own(r: &Reader<'_>) -> Result<Option<OwnKeys>> {
    let Some(StoredIdentity {
        name,
        age_identity,
        signing_seed,
    }) = r.identity()?
    else {
        return Ok(None);
    };
    let age =
        age::x25519::Identity::from_str(&age_identity).map_err(|_| corrupt("identity key"))?;
    let seed: [u8; 32] = signing_seed
        .try_into()
        .map_err(|_| corrupt("identity signing key"))?;
    let signing = SigningKey::from_bytes(&seed);
    let code = ShareCode {
        name: name.clone(),
        age_recipient: age.to_public().to_string(),
        signing_key: signing.verifying_key().to_bytes(),
    };
    Ok(Some(OwnKeys {
        info: IdentityInfo {
            name,
            fingerprint: code.fingerprint(),
            code: code.encode(),
        },
        age,
        signing,
    }))
}

/// A stored contact with their keys parsed.
fn contact_keys(stored: StoredContact) -> Result<ContactKeys> {
    let StoredContact {
        name,
        age_recipient,
        signing_key,
        added_at,
    } = stored;
    let parsed =
        age::x25519::Recipient::from_str(&age_recipient).map_err(|_| corrupt("contact key"))?;
    let key: [u8; 32] = signing_key.try_into().map_err(|_| corrupt("contact key"))?;
    let verifying = VerifyingKey::from_bytes(&key).map_err(|_| corrupt("contact key"))?;
    let code = ShareCode {
        name: name.clone(),
        age_recipient,
        signing_key: key,
    };
    Ok(ContactKeys {
        contact: Contact {
            name,
            fingerprint: code.fingerprint(),
            code: code.encode(),
            added_at,
        },
        recipient: parsed,
        verifying,
    })
}

/// Every contact with keys, by name.
pub(crate) fn all_contacts(r: &Reader<'_>) -> Result<Vec<ContactKeys>> {
    r.contacts()?.into_iter().map(contact_keys).collect()
}

/// The contact with this name (ignoring case).
pub(crate) fn contact_named(r: &Reader<'_>, name: &str) -> Result<ContactKeys> {
    match r.contact_named(name.trim())? {
        Some(row) => contact_keys(row),
        None => Err(ShareError::NoSuchContact {
            name: name.chars().take(MAX_NAME_CHARS).collect(),
        }
        .into()),
    }
}

/// The contact whose keys are exactly these, if any.
pub(crate) fn contact_with_keys(r: &Reader<'_>, code: &ShareCode) -> Result<Option<ContactKeys>> {
    let Some(row) = r.contact_with_fingerprint(&code.fingerprint())? else {
        return Ok(None);
    };
    let keys = contact_keys(row)?;
    // The fingerprint is a hash prefix; the stored keys themselves must match too.
    let same = keys.recipient.to_string() == code.age_recipient
        && keys.verifying.to_bytes() == code.signing_key;
    Ok(same.then_some(keys))
}

impl Journal {
    /// This journal's keys if it has made them, without making them.
    pub(crate) fn existing_keys(&self) -> Result<Option<OwnKeys>> {
        self.store.read(load_own)
    }

    /// This journal's keys, made and stored on first use.
    pub(crate) fn own_keys(&self) -> Result<OwnKeys> {
        if let Some(keys) = self.store.read(load_own)? {
            return Ok(keys);
        }
        let age = age::x25519::Identity::generate();
        // The Ed25519 secret is 32 bytes straight from the operating system's
        // random source, which is how ed25519-dalek expects seeds to be made.
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(crypto)?;
        let name = default_name();
        self.store.write_other(|tx| {
            tx.insert_identity(
                &name,
                age.to_string().expose_secret(),
                seed.as_slice(),
                store::now(),
            )
        })?;
        self.store
            .read(load_own)?
            .ok_or_else(|| corrupt("identity"))
    }

    /// This journal's name, share code and fingerprint, making the identity on first use.
    pub fn identity(&self) -> Result<IdentityInfo> {
        Ok(self.own_keys()?.info)
    }

    /// Changes the display name in this journal's share code.
    ///
    /// Contacts who already have the old code keep seeing the old name; the keys,
    /// and so the fingerprint, stay the same.
    pub fn set_identity_name(&self, name: &str) -> Result<IdentityInfo> {
        let name = check_name(name)?;
        self.own_keys()?;
        self.store.write_other(|tx| tx.set_identity_name(&name))?;
        self.identity()
    }

    /// Adds a contact from their share code, under their own name or `name`.
    ///
    /// Refuses a malformed code, this journal's own code, a code already added and a
    /// name already used (ignoring case).
    pub fn add_contact(&self, code: &str, name: Option<&str>) -> Result<Contact> {
        let code = ShareCode::parse(code)?;
        let own = self.own_keys()?;
        if own.info.fingerprint == code.fingerprint() {
            return Err(ShareError::OwnCode.into());
        }
        let name = match name {
            Some(name) => check_name(name)?,
            None => code.name.clone(),
        };
        let fingerprint = code.fingerprint();
        self.store.write_other(|tx| {
            if let Some((existing, fp)) = tx.contact_clash(&fingerprint, &name)? {
                return Err(ShareError::DuplicateContact {
                    name: existing,
                    same_keys: fp == fingerprint,
                }
                .into());
            }
            tx.insert_contact(
                &fingerprint,
                &StoredContact {
                    name: name.clone(),
                    age_recipient: code.age_recipient.clone(),
                    signing_key: code.signing_key.to_vec(),
                    added_at: store::now(),
                },
            )
        })?;
        self.contact(&name)
    }

    /// Every contact, by name.
    pub fn contacts(&self) -> Result<Vec<Contact>> {
        Ok(self
            .store
            .read(all_contacts)?
            .into_iter()
            .map(|k| k.contact)
            .collect())
    }

    /// The contact with this name (ignoring case).
    pub fn contact(&self, name: &str) -> Result<Contact> {
        Ok(self.store.read(|r| contact_named(r, name))?.contact)
    }

    /// Removes a contact. What they shared stays (see [`Journal::coachee_journal`]) and
    /// comes back if they are added again; bundles from them are refused meanwhile.
    pub fn remove_contact(&self, name: &str) -> Result<Contact> {
        let contact = self.contact(name)?;
        self.store
            .write_other(|tx| tx.delete_contact(&contact.fingerprint))?;
        Ok(contact)
    }
}
