//! The journal's folder: where Waymark may make a journal, and who may read it.
//!
//! Waymark only ever makes a journal in a folder that is new or empty, and only opens a
//! folder that already holds one: pointing it at a folder of other files (a thesis with
//! its own `index/`, say) is refused before anything is written, because the search
//! index in a journal folder is Waymark's to wipe and rebuild.
//!
//! A journal is private to the account that writes it. On Linux and macOS the folder is
//! made `0700` and its files `0600`, and an existing journal is tightened to that on
//! every open. On Windows the folder sits in the user's local application data, which
//! only that user (and administrators) can read.
//!
//! SQLite's write-ahead log is not safe on a network file system, so a folder on a
//! network share (a UNC path or mapped drive on Windows, NFS or SMB on Linux and macOS)
//! is refused with a sentence saying why.

use crate::error::{JournalError, Result};
use crate::paths::DB_FILE;
use std::fs;
use std::io::ErrorKind;
use std::path::Path;

/// Names that can sit in an empty folder without anyone having put them there
/// (the file managers' own notes), and Waymark's lock, which holds no words.
const HARMLESS: &[&str] = &[
    ".DS_Store",
    "Thumbs.db",
    "desktop.ini",
    crate::lock::LOCK_FILE,
];

/// Makes sure `dir` is a journal's folder or may become one, and that only this user
/// can read it: creates it (private) when missing, refuses a folder of other files or
/// on a network share, and tightens the permissions of what is already there.
pub(crate) fn prepare(dir: &Path) -> Result<()> {
    match fs::read_dir(dir) {
        Ok(entries) => {
            // A key file alone is a journal whose database is not made yet (a crash
            // between the two): Waymark's own.
            if !dir.join(DB_FILE).exists() && !dir.join(crate::keys::KEY_FILE).exists() {
                let mut others: Vec<String> = entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|name| !HARMLESS.contains(&name.as_str()))
                    .collect();
                if !others.is_empty() {
                    others.sort();
                    let shown = others.iter().take(3).cloned().collect::<Vec<_>>();
                    return Err(JournalError::NotAJournal {
                        dir: dir.to_path_buf(),
                        found: shown.join(", ") + if others.len() > 3 { ", …" } else { "" },
                    });
                }
            }
        }
        Err(e) if e.kind() == ErrorKind::NotFound => create_private(dir)?,
        Err(e) if e.kind() == ErrorKind::NotADirectory => {
            return Err(JournalError::NotAJournal {
                dir: dir.to_path_buf(),
                found: "a file of that name".into(),
            });
        }
        Err(e) => return Err(JournalError::io(dir, e)),
    }
    if let Some(kind) = network_share(dir) {
        return Err(JournalError::NetworkFolder {
            dir: dir.to_path_buf(),
            kind,
        });
    }
    make_private(dir)
}

/// Makes a rename in `dir` durable (best effort: not every system can sync a folder).
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Creates `dir` (and any missing parents) readable only by this user.
fn create_private(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| JournalError::io(dir, e))
}

/// Tightens the folder to `0700` and everything in it to `0700` (folders) or `0600`
/// (files), where anyone else could read them. The database file is made first, so
/// SQLite's log files, which copy its permissions, are private from their start.
#[cfg(unix)]
fn make_private(dir: &Path) -> Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let db = dir.join(DB_FILE);
    if !db.exists() {
        fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&db)
            .map_err(|e| JournalError::io(&db, e))?;
    }
    fn tighten(path: &Path, is_dir: bool) -> Result<()> {
        let meta = fs::symlink_metadata(path).map_err(|e| JournalError::io(path, e))?;
        if meta.file_type().is_symlink() {
            // Never follow a link out of the journal to change someone else's file.
            return Ok(());
        }
        let wanted = if is_dir { 0o700 } else { 0o600 };
        if meta.permissions().mode() & 0o077 != 0 {
            fs::set_permissions(path, fs::Permissions::from_mode(wanted))
                .map_err(|e| JournalError::io(path, e))?;
        }
        if is_dir {
            for entry in fs::read_dir(path).map_err(|e| JournalError::io(path, e))? {
                let entry = entry.map_err(|e| JournalError::io(path, e))?;
                let kind = entry.file_type().map_err(|e| JournalError::io(path, e))?;
                if !kind.is_symlink() {
                    tighten(&entry.path(), kind.is_dir())?;
                }
            }
        }
        Ok(())
    }
    tighten(dir, true)
}

/// On Windows the local application data folder is already the user's alone.
#[cfg(not(unix))]
fn make_private(_dir: &Path) -> Result<()> {
    Ok(())
}

/// What kind of network share `dir` is on, if it is on one.
/// Magic numbers from statfs(2) for file systems that live on another machine.
#[cfg(target_os = "linux")]
const NETWORK: &[(u64, &str)] = &[
    (0x6969, "NFS"),
    (0x517B, "SMB"),
    (0xFF53_4D42, "SMB (CIFS)"),
    (0xFE53_4D42, "SMB2"),
    (0x5346_414F, "AFS"),
    (0x7375_7245, "Coda"),
    (0x564C, "NetWare"),
    (0x0116_1970, "GFS2"),
    (0x00C3_6400, "Ceph"),
];

/// What kind of network share `dir` is on, if it is on one.
#[cfg(target_os = "linux")]
pub(crate) fn network_share(dir: &Path) -> Option<String> {
    let stat = rustix::fs::statfs(dir).ok()?;
    // f_type's width differs between architectures; the magic numbers fit 32 bits.
    #[allow(clippy::unnecessary_cast)]
    let magic = (stat.f_type as u64) & 0xFFFF_FFFF;
    network_file_system(magic).map(str::to_owned)
}

/// The name of a network file system, from its statfs(2) magic number.
#[cfg(target_os = "linux")]
fn network_file_system(magic: u64) -> Option<&'static str> {
    NETWORK
        .iter()
        .find(|(m, _)| *m == magic)
        .map(|(_, name)| *name)
}

/// What kind of network share `dir` is on, if it is on one.
#[cfg(target_os = "macos")]
pub(crate) fn network_share(dir: &Path) -> Option<String> {
    let stat = rustix::fs::statfs(dir).ok()?;
    let name: String = stat
        .f_fstypename
        .iter()
        .take_while(|c| **c != 0)
        .map(|c| *c as u8 as char)
        .collect();
    ["nfs", "smbfs", "afpfs", "webdav", "cifs"]
        .contains(&name.as_str())
        .then_some(name)
}

/// What kind of network share `dir` is on, if it is on one: a UNC path, or a drive
/// letter that resolves to one (a mapped network drive canonicalises to `\\?\UNC\…`).
#[cfg(windows)]
pub(crate) fn network_share(dir: &Path) -> Option<String> {
    let is_unc = |p: &Path| is_unc_path(&p.to_string_lossy());
    if is_unc(dir) || fs::canonicalize(dir).is_ok_and(|p| is_unc(&p)) {
        Some("a network share".into())
    } else {
        None
    }
}

/// Whether a Windows path names a file server: `\\server\share\…` or its long form
/// `\\?\UNC\server\share\…` (not `\\?\C:\…`, a local disk's long form).
#[cfg_attr(not(windows), allow(dead_code))]
fn is_unc_path(text: &str) -> bool {
    text.starts_with(r"\\?\UNC\") || (text.starts_with(r"\\") && !text.starts_with(r"\\?\"))
}

/// Other systems: no detection.
#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
pub(crate) fn network_share(_dir: &Path) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_folder_is_made_and_an_empty_one_taken() -> Result<()> {
        let tmp = tempfile::tempdir().map_err(|e| JournalError::io("tmp", e))?;
        let new = tmp.path().join("a").join("journal");
        prepare(&new)?;
        assert!(new.join(DB_FILE).exists());
        let empty = tmp.path().join("empty");
        fs::create_dir(&empty).map_err(|e| JournalError::io(&empty, e))?;
        fs::write(empty.join(".DS_Store"), b"").map_err(|e| JournalError::io(&empty, e))?;
        prepare(&empty)?;
        Ok(())
    }

    #[test]
    fn a_folder_of_other_files_is_refused_and_left_alone() -> Result<()> {
        let tmp = tempfile::tempdir().map_err(|e| JournalError::io("tmp", e))?;
        let thesis = tmp.path();
        fs::create_dir(thesis.join("index")).map_err(|e| JournalError::io(thesis, e))?;
        fs::write(thesis.join("index").join("chapter1.md"), b"my thesis")
            .map_err(|e| JournalError::io(thesis, e))?;
        let Err(e) = prepare(thesis) else {
            panic!("a folder of other files should be refused");
        };
        let message = e.to_string();
        assert!(
            message.contains("index") && message.contains("empty folder"),
            "{message}"
        );
        assert!(thesis.join("index").join("chapter1.md").exists());
        assert!(!thesis.join(DB_FILE).exists(), "nothing is written");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn only_this_user_can_read_the_journal() -> Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| {
            fs::metadata(p)
                .map(|m| m.permissions().mode() & 0o777)
                .unwrap_or(0)
        };
        let tmp = tempfile::tempdir().map_err(|e| JournalError::io("tmp", e))?;
        let dir = tmp.path().join("journal");
        prepare(&dir)?;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join(DB_FILE)), 0o600);
        // An older journal, readable by everyone: tightened on the next open.
        let index = dir.join("index");
        fs::create_dir(&index).map_err(|e| JournalError::io(&index, e))?;
        fs::write(index.join("meta.json"), b"{}").map_err(|e| JournalError::io(&index, e))?;
        for (path, loose) in [(&dir, 0o755), (&index, 0o755)] {
            fs::set_permissions(path, fs::Permissions::from_mode(loose))
                .map_err(|e| JournalError::io(path, e))?;
        }
        for file in [dir.join(DB_FILE), index.join("meta.json")] {
            fs::set_permissions(&file, fs::Permissions::from_mode(0o644))
                .map_err(|e| JournalError::io(&file, e))?;
        }
        prepare(&dir)?;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&index), 0o700);
        assert_eq!(mode(&dir.join(DB_FILE)), 0o600);
        assert_eq!(mode(&index.join("meta.json")), 0o600);
        Ok(())
    }

    #[test]
    fn a_local_folder_is_not_a_network_share() {
        assert_eq!(network_share(&std::env::temp_dir()), None);
    }

    #[test]
    fn windows_paths_on_a_file_server_are_known() {
        assert!(is_unc_path(r"\\nhs-fs01\home$\lee\Waymark"));
        assert!(is_unc_path(r"\\?\UNC\nhs-fs01\home$\lee\Waymark"));
        assert!(!is_unc_path(r"\\?\C:\Users\lee\AppData\Local\Waymark"));
        assert!(!is_unc_path(r"C:\Users\lee\AppData\Local\Waymark"));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn linux_network_file_systems_are_known_by_their_magic() {
        assert_eq!(network_file_system(0x6969), Some("NFS"));
        assert_eq!(network_file_system(0xFF53_4D42), Some("SMB (CIFS)"));
        assert_eq!(network_file_system(0xEF53), None, "ext4 is local");
    }
}
