//! The recovery key: 160 random bits shown once at set-up as 32 characters in eight
//! groups of four (`ABCD-EFGH-…`, RFC 4648 base32), to print or write down. With it a
//! leader who forgot their passphrase sets a new one; without both, the journal is lost.

use super::fill_random;
use crate::error::{JournalError, Result};
use data_encoding::BASE32_NOPAD;
use std::fmt;
use std::str::FromStr;
use zeroize::Zeroizing;

/// Random bytes in a recovery key.
const BYTES: usize = 20;

/// A journal's recovery key; wiped when dropped, never printed by `Debug`.
pub struct RecoveryKey(Zeroizing<[u8; BYTES]>);

impl RecoveryKey {
    /// A new random recovery key.
    pub(crate) fn random() -> Result<RecoveryKey> {
        let mut bytes = Zeroizing::new([0u8; BYTES]);
        fill_random(bytes.as_mut())?;
        Ok(RecoveryKey(bytes))
    }

    /// Its bytes, to derive its wrapping key from.
    pub(crate) fn bytes(&self) -> &[u8] {
        self.0.as_ref()
    }

    /// The key as it is shown and written down: eight groups of four characters.
    pub fn to_words(&self) -> Zeroizing<String> {
        let plain = Zeroizing::new(BASE32_NOPAD.encode(self.0.as_ref()));
        let mut out = Zeroizing::new(String::with_capacity(40));
        for (i, c) in plain.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push('-');
            }
            out.push(c);
        }
        out
    }
}

impl FromStr for RecoveryKey {
    type Err = JournalError;

    /// Reads a recovery key as a person types it: any case, with or without the
    /// dashes and spaces, and the digits 0, 1 and 8 taken for the letters O, I and B
    /// they are mistaken for (base32 has no 0, 1 or 8).
    fn from_str(text: &str) -> Result<RecoveryKey> {
        let cleaned: Zeroizing<String> = Zeroizing::new(
            text.chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .map(|c| match c.to_ascii_uppercase() {
                    '0' => 'O',
                    '1' => 'I',
                    '8' => 'B',
                    other => other,
                })
                .collect(),
        );
        if cleaned.len() != 32 {
            return Err(JournalError::BadRecoveryKey);
        }
        let decoded = Zeroizing::new(
            BASE32_NOPAD
                .decode(cleaned.as_bytes())
                .map_err(|_| JournalError::BadRecoveryKey)?,
        );
        let bytes: [u8; BYTES] = decoded
            .as_slice()
            .try_into()
            .map_err(|_| JournalError::BadRecoveryKey)?;
        Ok(RecoveryKey(Zeroizing::new(bytes)))
    }
}

impl fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKey(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_key_reads_back_however_it_was_typed() {
        let key = RecoveryKey::random().unwrap();
        let words = key.to_words();
        assert_eq!(words.len(), 39);
        assert_eq!(words.split('-').count(), 8);
        let typed = words.to_lowercase().replace('-', " ").replace('o', "0");
        assert_eq!(RecoveryKey::from_str(&typed).unwrap().bytes(), key.bytes());
        assert!(matches!(
            RecoveryKey::from_str("ABCD-EFGH"),
            Err(JournalError::BadRecoveryKey)
        ));
    }
}
