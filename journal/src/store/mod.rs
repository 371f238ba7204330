//! The SQLite store: every SQL statement of the engine, one file per group of tables,
//! and the truth the search index is rebuilt from.
//!
//! Nothing outside this module sees a connection. Reads go through a [`Reader`]
//! (`Store::read`) and writes through a [`Tx`] (`Store::write`); both offer typed
//! methods only, so a feature module can neither write SQL nor hold the lock across
//! work of its own.
//!
//! Every write is one `IMMEDIATE` transaction; a change to an entry also appends a
//! row to `changes`, whose `seq` is what the index records as its watermark.
//!
//! | file | tables |
//! |---|---|
//! | `entries.rs` | entries, entry_fields, entry_tags, entry_labels, entry_code_themes, revisions, changes |
//! | `growth.rs` | the scans over entries and tags that growth (`stats.rs`) runs |
//! | `sharing.rs` | identity, contacts, share_sequences, received_bundles, share_log, withdrawn_shares, entry_receipts |
//! | `comments.rs` | comments |
//! | `drafts.rs` | drafts |
//! | `preferences.rs` | preferences |
//! | `identifiers.rs` | watched_names, dismissed_findings |
//! | `actions.rs` | actions |

mod actions;
mod comments;
mod copy;
mod drafts;
mod entries;
mod growth;
mod identifiers;
mod preferences;
mod sharing;

pub(crate) use comments::Stored;
pub(crate) use growth::TAG_SEPARATOR;
pub(crate) use sharing::{StoredContact, StoredIdentity};

use crate::db;
use crate::error::{JournalError, Result};
use crate::keys::DataKey;
use crate::model::{Entry, EntryId};
use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use rusqlite::types::Type;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::ops::Deref;
use std::path::Path;
use std::str::FromStr;
use std::sync::{Mutex, MutexGuard};

/// One entry's latest state after a change, as the index needs it.
#[derive(Debug, Clone)]
pub(crate) enum Change {
    /// The entry exists (possibly in the bin: `deleted_at` set).
    Upsert {
        /// Its current state.
        entry: Entry,
        /// The change that produced it.
        seq: i64,
    },
    /// The entry was purged.
    Purged {
        /// Its id.
        id: EntryId,
        /// The purge's change.
        seq: i64,
    },
}

/// The SQLite database behind a journal.
pub(crate) struct Store {
    conn: Mutex<Connection>,
}

/// Read access to the database while the store's lock is held: typed queries only.
pub(crate) struct Reader<'c> {
    conn: &'c Connection,
}

/// One open write transaction: every read of a [`Reader`] (seeing its own writes)
/// and the typed writes. Committed by [`Store::write`] when its closure succeeds.
pub(crate) struct Tx<'c> {
    reader: Reader<'c>,
}

impl<'c> Deref for Tx<'c> {
    type Target = Reader<'c>;
    fn deref(&self) -> &Reader<'c> {
        &self.reader
    }
}

impl Tx<'_> {
    /// The transaction's connection, for the statements in this module's files.
    fn conn(&self) -> &Connection {
        self.reader.conn
    }
}

impl Store {
    /// Opens (creating if needed) and migrates the database file.
    pub(crate) fn open(path: &Path, key: Option<&DataKey>) -> Result<Store> {
        Ok(Store {
            conn: Mutex::new(db::open_connection(Some(path), key)?),
        })
    }

    /// A fresh database in memory, for tests.
    pub(crate) fn open_in_memory() -> Result<Store> {
        Ok(Store {
            conn: Mutex::new(db::open_connection(None, None)?),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic elsewhere while holding the lock cannot leave a half-done write:
        // an open transaction rolls back when dropped. So the connection is sound.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` with the lock held, for several reads that must see one state.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Reader<'_>) -> Result<T>) -> Result<T> {
        let conn = self.lock();
        f(&Reader { conn: &conn })
    }

    /// Runs `f` in one write transaction, commits, then hands each change to `after`
    /// while still holding the connection, so the index hears of changes in the
    /// order they were committed.
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&Tx<'_>) -> Result<(T, Vec<Change>)>,
        after: impl FnMut(&Change),
    ) -> Result<T> {
        let mut conn = self.lock();
        let tx: Transaction<'_> = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (out, changes) = f(&Tx {
            reader: Reader { conn: &tx },
        })?;
        tx.commit()?;
        changes.iter().for_each(after);
        Ok(out)
    }

    /// Moves everything in the write-ahead log into the database file and empties the
    /// log, so nothing deleted lingers in the log file either (after a purge).
    pub(crate) fn empty_log(&self) -> Result<()> {
        let conn = self.lock();
        // Answers (busy, log pages, checkpointed); an in-memory database answers too.
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// A write that changes no entry (identity, contacts, comments, the share log):
    /// one transaction, nothing for the index.
    pub(crate) fn write_other<T>(&self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        self.write(|tx| Ok((f(tx)?, Vec::new())), |_| {})
    }
}

/// A value as the JSON text a column holds (an earlier version's draft, a kept draft).
fn json_text(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| JournalError::Database(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))
}

/// The time as stored: RFC 3339 UTC with microseconds, fixed width so text order is time order.
pub(crate) fn format_time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Now, at the precision stored, so what a save returns equals what a read gives back.
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// A stored value that does not read back as its type (column `column`).
fn corrupt(column: usize, e: impl std::error::Error + Send + Sync + 'static) -> JournalError {
    JournalError::Database(rusqlite::Error::FromSqlConversionFailure(
        column,
        Type::Text,
        Box::new(e),
    ))
}

/// A stored row that is damaged, described for the leader ("the stored contact key").
pub(crate) fn damaged(what: impl Into<String>) -> JournalError {
    JournalError::Database(rusqlite::Error::InvalidColumnType(
        0,
        what.into(),
        Type::Text,
    ))
}

fn parse_time(text: &str, column: usize) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| corrupt(column, e))
}

fn parse_id(text: &str) -> Result<EntryId> {
    EntryId::from_str(text).map_err(|e| corrupt(0, e))
}

/// A count from SQLite as a `usize` (never negative in practice).
fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// A size or position as SQLite's integer.
fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The change log and the index's watermark.
impl Store {
    /// The last change's seq, 0 for an empty journal.
    pub(crate) fn max_seq(&self) -> Result<i64> {
        Ok(self
            .lock()
            .query_row("SELECT COALESCE(MAX(seq), 0) FROM changes", [], |row| {
                row.get(0)
            })?)
    }

    /// Every entry changed after `seq`, in seq order, latest state only (Entry or purged id).
    ///
    /// Works in chunks, taking the connection for each, so a long rebuild does not
    /// keep the app from reading; `f` runs while the connection is held, which keeps
    /// it in order with saves made meanwhile. `f` must not call back into the store.
    pub(crate) fn for_each_change_since(
        &self,
        seq: i64,
        mut f: impl FnMut(Change) -> Result<()>,
    ) -> Result<()> {
        const CHUNK: usize = 512;
        let changed: Vec<(String, i64)> = self
            .lock()
            .prepare(
                "SELECT entry_id, MAX(seq) AS last FROM changes WHERE seq > ?1
                 GROUP BY entry_id ORDER BY last",
            )?
            .query_map([seq], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for chunk in changed.chunks(CHUNK) {
            let conn = self.lock();
            let reader = Reader { conn: &conn };
            for (id, last) in chunk {
                let id = parse_id(id)?;
                // Read now, so a save made since the list was taken is seen in full.
                let change = match reader.load_entry(id)? {
                    Some(entry) => Change::Upsert { entry, seq: *last },
                    None => Change::Purged { id, seq: *last },
                };
                f(change)?;
            }
        }
        Ok(())
    }

    /// How many entries changed after `seq` (the total for progress reports).
    pub(crate) fn count_changed_since(&self, seq: i64) -> Result<usize> {
        let n: i64 = self.lock().query_row(
            "SELECT COUNT(DISTINCT entry_id) FROM changes WHERE seq > ?1",
            [seq],
            |row| row.get(0),
        )?;
        Ok(count(n))
    }
}
