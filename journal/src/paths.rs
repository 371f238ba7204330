//! Where a journal lives when the user does not say.

use std::path::PathBuf;

/// Name of the SQLite database file inside a journal folder: the journal's truth,
/// beside its derived search index. Tools that measure or copy a journal (the
/// benchmark, tests) name it through this rather than repeating the literal.
pub const DB_FILE: &str = "journal.sqlite3";

/// The environment variable both shells read for the journal folder (portable use, tests).
pub const DATA_DIR_ENV: &str = "WAYMARK_DATA_DIR";

/// The journal folder: `WAYMARK_DATA_DIR` if set, else `Waymark` in the OS data folder
/// (`%APPDATA%` on Windows, `~/Library/Application Support` on macOS,
/// `$XDG_DATA_HOME` or `~/.local/share` on Linux).
///
/// Returns `None` only when the OS has no data folder for this user.
pub fn default_data_dir() -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => dirs::data_dir().map(|d| d.join("Waymark")),
    }
}
