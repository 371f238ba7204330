//! A checked copy of a journal's database, for turning encryption on and for backups:
//! SQLCipher's own `sqlcipher_export` into a new file keyed with the journal's key (or
//! SQLite's `VACUUM INTO` for a plain copy), then every table of the copy compared with
//! the original, row by row, before anyone relies on it.

use super::Store;
use crate::db;
use crate::error::{JournalError, Result};
use crate::keys::DataKey;
use rusqlite::Connection;
use rusqlite::types::ValueRef;
use sha2::{Digest, Sha256};
use std::path::Path;
use zeroize::Zeroizing;

impl Store {
    /// Writes a copy of this database to `to` (which must not exist): encrypted with
    /// `key` when given, plain when not. Then checks that every table in the copy holds
    /// exactly what this one holds.
    pub(crate) fn export_copy(&self, to: &Path, key: Option<&DataKey>) -> Result<()> {
        let conn = self.lock();
        let target = to
            .to_str()
            .ok_or_else(|| JournalError::Crypto("the journal's folder name is not UTF-8".into()))?;
        let Some(key) = key else {
            conn.execute("VACUUM INTO ?1", [target])?;
            let copy = db::open_connection(Some(to), None)?;
            return same_tables(&conn, &copy);
        };
        let literal = Zeroizing::new(format!("x'{}'", key.database_key_hex().as_str()));
        conn.execute(
            "ATTACH DATABASE ?1 AS encrypted KEY ?2",
            rusqlite::params![target, literal.as_str()],
        )?;
        let exported = (|| -> Result<()> {
            conn.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
            let version: i64 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
            conn.execute_batch(&format!("PRAGMA encrypted.user_version = {version};"))?;
            Ok(())
        })();
        conn.execute_batch("DETACH DATABASE encrypted")?;
        exported?;
        let copy = db::open_connection(Some(to), Some(key))?;
        same_tables(&conn, &copy)
    }
}

/// Checks that `copy` holds exactly what `original` holds, table by table, and folds
/// the copy's write-ahead log into it (it is about to be moved or kept as a file).
fn same_tables(original: &Connection, copy: &Connection) -> Result<()> {
    for table in tables(original)? {
        if digest(original, &table)? != digest(copy, &table)? {
            return Err(JournalError::Crypto(format!(
                "the copy's {table} differs from the original; nothing was changed"
            )));
        }
    }
    copy.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// The tables of a database (not SQLite's own).
fn tables(conn: &Connection) -> Result<Vec<String>> {
    let names = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}

/// A digest of every row of `table`, whatever their order: each row's values hashed,
/// the hashes sorted, and those hashed.
fn digest(conn: &Connection, table: &str) -> Result<Vec<u8>> {
    // The name comes from sqlite_master, quoted as an identifier.
    let sql = format!("SELECT * FROM \"{}\"", table.replace('"', "\"\""));
    let mut stmt = conn.prepare(&sql)?;
    let columns = stmt.column_count();
    let mut rows = stmt.query([])?;
    let mut hashes = Vec::new();
    while let Some(row) = rows.next()? {
        let mut h = Sha256::new();
        for i in 0..columns {
            match row.get_ref(i)? {
                ValueRef::Null => h.update([0u8]),
                ValueRef::Integer(n) => {
                    h.update([1u8]);
                    h.update(n.to_le_bytes());
                }
                ValueRef::Real(x) => {
                    h.update([2u8]);
                    h.update(x.to_le_bytes());
                }
                ValueRef::Text(t) => {
                    h.update([3u8]);
                    h.update((t.len() as u64).to_le_bytes());
                    h.update(t);
                }
                ValueRef::Blob(b) => {
                    h.update([4u8]);
                    h.update((b.len() as u64).to_le_bytes());
                    h.update(b);
                }
            }
        }
        hashes.push(h.finalize().to_vec());
    }
    hashes.sort();
    let mut all = Sha256::new();
    for h in &hashes {
        all.update(h);
    }
    Ok(all.finalize().to_vec())
}
