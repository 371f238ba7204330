//! Where a journal lives when the user does not say.

use std::path::PathBuf;

/// Name of the SQLite database file inside a journal folder: the journal's truth,
/// beside its derived search index. Tools that measure or copy a journal (the
/// benchmark, tests) name it through this rather than repeating the literal.
pub const DB_FILE: &str = "journal.sqlite3";

/// The environment variable both shells read for the journal folder (portable use, tests).
pub const DATA_DIR_ENV: &str = "WAYMARK_DATA_DIR";

/// The journal folder: `WAYMARK_DATA_DIR` if set, else `Waymark` in the OS's *local*
/// data folder (`%LOCALAPPDATA%` on Windows, `~/Library/Application Support` on macOS,
/// `$XDG_DATA_HOME` or `~/.local/share` on Linux).
///
/// On Windows the local folder, not the roaming `%APPDATA%`: trusts often redirect the
/// roaming folder to a file server, where the journal's database is unsafe. A journal
/// already kept in the roaming folder (by an earlier Waymark) is still found there, so
/// nothing written is lost; opening it then says if it sits on a share.
///
/// Returns `None` only when the OS has no data folder for this user.
pub fn default_data_dir() -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => {
            let local = dirs::data_local_dir().map(|d| d.join(APP_FOLDER));
            let roaming = dirs::data_dir().map(|d| d.join(APP_FOLDER));
            match (local, roaming) {
                (Some(local), Some(roaming))
                    if !local.join(DB_FILE).exists() && roaming.join(DB_FILE).exists() =>
                {
                    Some(roaming)
                }
                (local, roaming) => local.or(roaming),
            }
        }
    }
}

/// The journal folder's name inside the OS data folder.
const APP_FOLDER: &str = "Waymark";
