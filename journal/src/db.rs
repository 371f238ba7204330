//! Opening the SQLite database: one function sets every connection up the same way
//! and brings the schema up to date.

use crate::error::{JournalError, Result};
use crate::keys::DataKey;
use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};
use std::path::Path;
use std::time::Duration;
use zeroize::Zeroizing;

/// Every schema change in order; version N is the state after the Nth migration.
///
/// Never edit a migration that has shipped: journals in the field were built by it.
/// Add a new numbered file instead, and a fixture at the previous version in
/// `tests/data/` so `tests/migrations.rs` proves the upgrade.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../migrations/0001_initial.sql")),
    M::up(include_str!("../migrations/0002_settings.sql")),
    M::up(include_str!("../migrations/0003_sharing.sql")),
    M::up(include_str!("../migrations/0004_drop_settings.sql")),
    M::up(include_str!("../migrations/0005_drafts.sql")),
    M::up(include_str!("../migrations/0006_received_bundles.sql")),
    M::up(include_str!("../migrations/0007_revisable_shares.sql")),
    M::up(include_str!("../migrations/0008_preferences.sql")),
    M::up(include_str!("../migrations/0009_unseen.sql")),
    M::up(include_str!("../migrations/0010_identifiers.sql")),
    // Rebuilds `entries` (see the file); the check fails the step, and leaves the
    // journal at version 10, if any row would lose the entry it belongs to.
    M::up(include_str!("../migrations/0011_more_templates.sql")).foreign_key_check(),
    M::up(include_str!("../migrations/0012_actions.sql")),
];

/// How long a statement waits for another connection's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The newest schema version this build knows.
pub(crate) fn latest_version() -> usize {
    MIGRATIONS.len()
}

/// Opens the database at `path` (or in memory when `None`), configured and migrated.
///
/// WAL lets readers work while a save is in progress; `synchronous=FULL` makes a
/// save that returned durable even if the power goes a moment later.
pub(crate) fn open_connection(path: Option<&Path>, key: Option<&DataKey>) -> Result<Connection> {
    let mut conn = match path {
        Some(path) => Connection::open(path)?,
        None => Connection::open_in_memory()?,
    };
    if let Some(key) = key {
        apply_key(&conn, key)?;
    }
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Checked before anything changes the file, so a newer Waymark's journal is
    // left exactly as it was.
    refuse_newer(&conn)?;
    // journal_mode answers with the mode in force; an in-memory database stays
    // "memory", which is fine for tests.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Deleted content is overwritten with zeros, not left in free pages: a purged
    // reflection (which can be disclosed in court) must not be recoverable from the file.
    conn.pragma_update(None, "secure_delete", "ON")?;
    // Foreign keys stay off while the schema changes: a migration that rebuilds a
    // table (SQLite's documented procedure) must not cascade its DROP to the rows
    // that refer to it. The pragma has no effect inside a transaction, so it is set
    // around the migrations, not within them.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    migrate(&mut conn)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

/// Keys an SQLCipher database with the raw key derived from the data key, before
/// anything else reads it, and pins SQLCipher's settings to version 4's (AES-256,
/// HMAC-SHA512 per page, 4 KiB pages) so a later SQLCipher with other defaults still
/// opens it. Temporary tables and indices stay in memory, never in a temp file.
///
/// A raw key skips SQLCipher's own passphrase stretching: the stretching is done once,
/// by Argon2id, when the data key is unwrapped (`keys/keyfile.rs`).
fn apply_key(conn: &Connection, key: &DataKey) -> Result<()> {
    let hex = key.database_key_hex();
    // The key cannot be a bound parameter of a PRAGMA; it is 64 hex digits we made.
    let statement = Zeroizing::new(format!("PRAGMA key = \"x'{}'\";", hex.as_str()));
    conn.execute_batch(&statement)?;
    conn.execute_batch("PRAGMA cipher_compatibility = 4; PRAGMA temp_store = MEMORY;")?;
    // The first read proves the key: a wrong one (or a plain file) fails here.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
        .map_err(|_| {
            JournalError::BadKeyFile(
                "the database does not open with the key it holds (the key file belongs to another journal, or the database is damaged)".into(),
            )
        })?;
    Ok(())
}

/// Refuses a database whose schema is newer than this build knows.
///
/// Checked here rather than left to rusqlite_migration so the leader is told to
/// update Waymark instead of seeing a migration failure.
fn refuse_newer(conn: &Connection) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let known = latest_version();
    match usize::try_from(found) {
        Ok(found) if found <= known => Ok(()),
        _ => Err(JournalError::NewerSchema {
            found: usize::try_from(found).unwrap_or(usize::MAX),
            known,
        }),
    }
}

/// Brings the schema to the latest version, all pending steps in one transaction.
fn migrate(conn: &mut Connection) -> Result<()> {
    Migrations::from_slice(MIGRATIONS)
        .to_latest(conn)
        .map_err(|e| JournalError::Migration(e.to_string()))
}

/// The schema version of an open connection.
#[cfg(test)]
pub(crate) fn schema_version(conn: &Connection) -> Result<usize> {
    let v: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    Ok(usize::try_from(v).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_reach_the_latest_version() {
        assert!(Migrations::from_slice(MIGRATIONS).validate().is_ok());
        let conn = open_connection(None, None).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), latest_version());
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
    }

    #[test]
    fn a_file_journal_uses_wal_and_full_sync() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open_connection(Some(&dir.path().join("j.sqlite3")), None).unwrap();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let sync: i64 = conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "FULL");
    }

    #[test]
    fn a_newer_schema_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", 99).unwrap();
        }
        match open_connection(Some(&path), None) {
            Err(JournalError::NewerSchema { found: 99, known }) => {
                assert_eq!(known, latest_version())
            }
            other => panic!("expected NewerSchema, got {other:?}"),
        }
        let conn = Connection::open(&path).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), 99);
    }
}
