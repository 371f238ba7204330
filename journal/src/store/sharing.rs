//! Sharing's tables: this journal's identity, its contacts, the numbers it gives the
//! bundles it sends, the bundles it received (so a replay is known as one), the log of
//! bundles sent and received, entries withdrawn from a contact, and (in a coachee's
//! journal) the newest word received about each entry.
//!
//! Keys are stored and returned as the text and bytes they are kept as; turning
//! them into keys (and refusing damaged ones) is `share/identity.rs`'s work.

use super::{Reader, Tx, count, format_time, parse_time};
use crate::error::Result;
use crate::model::EntryId;
use crate::share::{BundleKind, Direction, EntryShare, ShareLogEntry};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use std::collections::HashSet;
use std::str::FromStr;

/// This journal's identity row, private halves included.
pub(crate) struct StoredIdentity {
    /// The display name.
    pub(crate) name: String,
    /// The age identity, `AGE-SECRET-KEY-1…` (secret).
    pub(crate) age_identity: String,
    /// The Ed25519 secret seed (secret; 32 bytes when sound).
    pub(crate) signing_seed: Vec<u8>,
}

/// A contact's row: their name here and their public keys.
pub(crate) struct StoredContact {
    /// Their name in this journal.
    pub(crate) name: String,
    /// Their age recipient, `age1…`.
    pub(crate) age_recipient: String,
    /// Their Ed25519 public key (32 bytes when sound).
    pub(crate) signing_key: Vec<u8>,
    /// When they were added.
    pub(crate) added_at: DateTime<Utc>,
}

fn contact_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<(String, String, Vec<u8>, String)> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
}

fn contact(
    (name, age_recipient, signing_key, added_at): (String, String, Vec<u8>, String),
) -> Result<StoredContact> {
    Ok(StoredContact {
        name,
        age_recipient,
        signing_key,
        added_at: parse_time(&added_at, 3)?,
    })
}

impl Reader<'_> {
    /// The identity, if one was made.
    pub(crate) fn identity(&self) -> Result<Option<StoredIdentity>> {
        Ok(self
            .conn
            .query_row(
                "SELECT name, age_identity, signing_key FROM identity WHERE id = 1",
                [],
                |row| {
                    Ok(StoredIdentity {
                        name: row.get(0)?,
                        age_identity: row.get(1)?,
                        signing_seed: row.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// Every contact, by name (ignoring case).
    pub(crate) fn contacts(&self) -> Result<Vec<StoredContact>> {
        let rows: Vec<_> = self
            .conn
            .prepare_cached(
                "SELECT name, age_recipient, signing_key, added_at FROM contacts
                 ORDER BY name COLLATE NOCASE",
            )?
            .query_map([], contact_row)?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter().map(contact).collect()
    }

    /// The contact with this name (ignoring case), if any.
    pub(crate) fn contact_named(&self, name: &str) -> Result<Option<StoredContact>> {
        self.conn
            .query_row(
                "SELECT name, age_recipient, signing_key, added_at FROM contacts
                 WHERE name = ?1 COLLATE NOCASE",
                [name],
                contact_row,
            )
            .optional()?
            .map(contact)
            .transpose()
    }

    /// The contact with this fingerprint, if any.
    pub(crate) fn contact_with_fingerprint(
        &self,
        fingerprint: &str,
    ) -> Result<Option<StoredContact>> {
        self.conn
            .query_row(
                "SELECT name, age_recipient, signing_key, added_at FROM contacts
                 WHERE fingerprint = ?1",
                [fingerprint],
                contact_row,
            )
            .optional()?
            .map(contact)
            .transpose()
    }

    /// A contact that already has this fingerprint or this name (ignoring case):
    /// their name and fingerprint.
    pub(crate) fn contact_clash(
        &self,
        fingerprint: &str,
        name: &str,
    ) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT name, fingerprint FROM contacts
                 WHERE fingerprint = ?1 OR name = ?2 COLLATE NOCASE",
                params![fingerprint, name],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?)
    }

    /// Everyone a bundle of entries was received from, by fingerprint, each with the
    /// name they had in the newest such bundle; most recent first.
    pub(crate) fn entry_senders(&self) -> Result<Vec<(String, String)>> {
        let rows: Vec<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT contact_fingerprint, contact_name FROM share_log
                 WHERE direction = 'received' AND kind = 'entries' ORDER BY id DESC",
            )?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut seen = std::collections::HashSet::new();
        Ok(rows
            .into_iter()
            .filter(|(fingerprint, _)| seen.insert(fingerprint.clone()))
            .collect())
    }

    /// Whether the signed bundle with this digest was already received from `fingerprint`.
    pub(crate) fn was_received(&self, fingerprint: &str, digest: &[u8]) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM received_bundles WHERE fingerprint = ?1 AND digest = ?2",
                params![fingerprint, digest],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Every bundle sent or received, newest first.
    pub(crate) fn share_log(&self) -> Result<Vec<ShareLogEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, direction, kind, contact_name, contact_fingerprint, sequence, entries,
                    fields, comments, withdrawn
             FROM share_log ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, i64>(5)?,
                row.get::<_, String>(6)?,
                row.get::<_, Option<String>>(7)?,
                row.get::<_, i64>(8)?,
                row.get::<_, String>(9)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (
                at,
                direction,
                kind,
                contact,
                fingerprint,
                seq,
                entries,
                fields,
                comments,
                withdrawn,
            ) = row?;
            let damaged = || super::damaged("a sharing log row is damaged");
            out.push(ShareLogEntry {
                at: DateTime::parse_from_rfc3339(&at)
                    .map(|t| t.with_timezone(&Utc))
                    .map_err(|_| damaged())?,
                direction: Direction::from_str(&direction).map_err(|_| damaged())?,
                kind: BundleKind::from_str(&kind).map_err(|_| damaged())?,
                contact,
                fingerprint,
                sequence: u64::try_from(seq).unwrap_or(0),
                entries: serde_json::from_str(&entries).map_err(|_| damaged())?,
                fields: fields
                    .map(|f| serde_json::from_str(&f).map_err(|_| damaged()))
                    .transpose()?,
                comments: count(comments),
                withdrawn: serde_json::from_str(&withdrawn).map_err(|_| damaged())?,
            });
        }
        Ok(out)
    }

    /// Entry ids this journal has ever sent to `fingerprint` in a share of entries.
    pub(crate) fn entries_sent_to(&self, fingerprint: &str) -> Result<HashSet<EntryId>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT j.value FROM share_log l, json_each(l.entries) j
                 WHERE l.contact_fingerprint = ?1 AND l.direction = ?2 AND l.kind = ?3",
            )?
            .query_map(
                params![
                    fingerprint,
                    Direction::Sent.as_str(),
                    BundleKind::Entries.as_str()
                ],
                |row| row.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids
            .iter()
            .filter_map(|id| EntryId::from_str(id).ok())
            .collect())
    }

    /// Entries withdrawn from `fingerprint` and not shared with them since, oldest first.
    pub(crate) fn withdrawn_from(&self, fingerprint: &str) -> Result<Vec<EntryId>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT entry_id FROM withdrawn_shares WHERE fingerprint = ?1
                 ORDER BY withdrawn_at, entry_id",
            )?
            .query_map([fingerprint], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter()
            .map(|id| {
                EntryId::from_str(id).map_err(|_| super::damaged("a withdrawn share is damaged"))
            })
            .collect()
    }

    /// Each contact an entry was sent to, with when it was last sent to them and when
    /// it was withdrawn from them (if it was, and not sent since), by name.
    pub(crate) fn shares_of(&self, entry: EntryId) -> Result<Vec<EntryShare>> {
        let rows: Vec<(String, String, String, Option<String>)> = self
            .conn
            .prepare_cached(
                "SELECT l.contact_fingerprint, c.name, MAX(l.at), w.withdrawn_at
                 FROM share_log l, json_each(l.entries) j
                 JOIN contacts c ON c.fingerprint = l.contact_fingerprint
                 LEFT JOIN withdrawn_shares w
                   ON w.fingerprint = l.contact_fingerprint AND w.entry_id = j.value
                 WHERE j.value = ?1 AND l.direction = ?2 AND l.kind = ?3
                 GROUP BY l.contact_fingerprint ORDER BY c.name COLLATE NOCASE",
            )?
            .query_map(
                params![
                    entry.to_string(),
                    Direction::Sent.as_str(),
                    BundleKind::Entries.as_str()
                ],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(fingerprint, contact, at, withdrawn)| {
                Ok(EntryShare {
                    contact,
                    fingerprint,
                    last_sent: parse_time(&at, 2)?,
                    withdrawn_at: withdrawn.map(|w| parse_time(&w, 3)).transpose()?,
                })
            })
            .collect()
    }

    /// In a coachee's journal: when the newest bundle that said anything about this
    /// entry was made, and whether it withdrew it.
    pub(crate) fn receipt(&self, entry: EntryId) -> Result<Option<(DateTime<Utc>, bool)>> {
        let row: Option<(String, i64)> = self
            .conn
            .query_row(
                "SELECT said_at, withdrawn FROM entry_receipts WHERE entry_id = ?1",
                [entry.to_string()],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        row.map(|(at, withdrawn)| Ok((parse_time(&at, 0)?, withdrawn != 0)))
            .transpose()
    }

    /// When entries from `fingerprint` were last received, if ever.
    pub(crate) fn last_entries_received_from(
        &self,
        fingerprint: &str,
    ) -> Result<Option<DateTime<Utc>>> {
        let last: Option<String> = self
            .conn
            .query_row(
                "SELECT MAX(at) FROM share_log
                 WHERE direction = ?2 AND kind = ?3 AND contact_fingerprint = ?1",
                params![
                    fingerprint,
                    Direction::Received.as_str(),
                    BundleKind::Entries.as_str()
                ],
                |row| row.get(0),
            )
            .optional()?
            .flatten();
        // As before the move: a damaged time reads as "never" rather than failing the list.
        Ok(last
            .and_then(|at| DateTime::parse_from_rfc3339(&at).ok())
            .map(|t| t.with_timezone(&Utc)))
    }
}

impl Tx<'_> {
    /// Stores this journal's identity unless one exists (then the stored one stands).
    pub(crate) fn insert_identity(
        &self,
        name: &str,
        age_identity: &str,
        signing_seed: &[u8],
        created_at: DateTime<Utc>,
    ) -> Result<()> {
        // OR IGNORE: if another process made one meanwhile, theirs stands.
        self.conn().execute(
            "INSERT OR IGNORE INTO identity (id, name, age_identity, signing_key, created_at)
             VALUES (1, ?1, ?2, ?3, ?4)",
            params![name, age_identity, signing_seed, format_time(&created_at)],
        )?;
        Ok(())
    }

    /// Renames this journal's identity.
    pub(crate) fn set_identity_name(&self, name: &str) -> Result<()> {
        self.conn()
            .execute("UPDATE identity SET name = ?1 WHERE id = 1", [name])?;
        Ok(())
    }

    /// Adds a contact (the caller has checked for a clash).
    pub(crate) fn insert_contact(&self, fingerprint: &str, contact: &StoredContact) -> Result<()> {
        self.conn().execute(
            "INSERT INTO contacts (fingerprint, name, age_recipient, signing_key, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                fingerprint,
                contact.name,
                contact.age_recipient,
                contact.signing_key,
                format_time(&contact.added_at)
            ],
        )?;
        Ok(())
    }

    /// Removes the contact with this fingerprint (their sequence numbers stay).
    pub(crate) fn delete_contact(&self, fingerprint: &str) -> Result<()> {
        self.conn()
            .execute("DELETE FROM contacts WHERE fingerprint = ?1", [fingerprint])?;
        Ok(())
    }

    /// The next sequence number for a bundle to `fingerprint`, recorded as used.
    pub(crate) fn take_next_sent(&self, fingerprint: &str) -> Result<u64> {
        self.conn().execute(
            "INSERT INTO share_sequences (fingerprint, last_sent) VALUES (?1, 1)
             ON CONFLICT (fingerprint) DO UPDATE SET last_sent = last_sent + 1",
            [fingerprint],
        )?;
        let n: i64 = self.conn().query_row(
            "SELECT last_sent FROM share_sequences WHERE fingerprint = ?1",
            [fingerprint],
            |row| row.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Records that the signed bundle with this digest (numbered `sequence` by its
    /// sender) was received from `fingerprint`, so the same bundle again is a replay.
    pub(crate) fn record_received(
        &self,
        fingerprint: &str,
        digest: &[u8],
        sequence: u64,
    ) -> Result<()> {
        // OR IGNORE: received twice at once by two windows, it is still received once.
        self.conn().execute(
            "INSERT OR IGNORE INTO received_bundles (fingerprint, digest, sequence, received_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![
                fingerprint,
                digest,
                i64::try_from(sequence).unwrap_or(i64::MAX),
                format_time(&super::now())
            ],
        )?;
        Ok(())
    }

    /// Records that `entry` was withdrawn from `fingerprint` now (kept as first
    /// withdrawn if it was already).
    pub(crate) fn withdraw_share(&self, fingerprint: &str, entry: EntryId) -> Result<()> {
        self.conn().execute(
            "INSERT OR IGNORE INTO withdrawn_shares (fingerprint, entry_id, withdrawn_at)
             VALUES (?1, ?2, ?3)",
            params![fingerprint, entry.to_string(), format_time(&super::now())],
        )?;
        Ok(())
    }

    /// Forgets the withdrawal of these entries from `fingerprint`: they are being shared
    /// with them again.
    pub(crate) fn lift_withdrawals(&self, fingerprint: &str, entries: &[EntryId]) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(
            "DELETE FROM withdrawn_shares WHERE fingerprint = ?1 AND entry_id = ?2",
        )?;
        for id in entries {
            stmt.execute(params![fingerprint, id.to_string()])?;
        }
        Ok(())
    }

    /// In a coachee's journal: records that a bundle made at `said_at` sent (or, with
    /// `withdrawn`, withdrew) this entry.
    pub(crate) fn set_receipt(
        &self,
        entry: EntryId,
        said_at: DateTime<Utc>,
        withdrawn: bool,
    ) -> Result<()> {
        self.conn().execute(
            "INSERT INTO entry_receipts (entry_id, said_at, withdrawn) VALUES (?1, ?2, ?3)
             ON CONFLICT (entry_id) DO UPDATE SET said_at = ?2, withdrawn = ?3",
            params![
                entry.to_string(),
                format_time(&said_at),
                i64::from(withdrawn)
            ],
        )?;
        Ok(())
    }

    /// Appends one line to the sharing log.
    pub(crate) fn log_share(&self, line: &ShareLogEntry) -> Result<()> {
        let ids_json = |ids: &[EntryId]| {
            serde_json::Value::from(ids.iter().map(|e| e.to_string()).collect::<Vec<_>>())
                .to_string()
        };
        self.conn().execute(
            "INSERT INTO share_log (at, direction, kind, contact_name, contact_fingerprint,
                                    sequence, entries, fields, comments, withdrawn)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                format_time(&line.at),
                line.direction.as_str(),
                line.kind.as_str(),
                line.contact,
                line.fingerprint,
                i64::try_from(line.sequence).unwrap_or(i64::MAX),
                ids_json(&line.entries),
                line.fields
                    .as_ref()
                    .map(|f| serde_json::Value::from(f.clone()).to_string()),
                super::int(line.comments),
                ids_json(&line.withdrawn),
            ],
        )?;
        Ok(())
    }
}
