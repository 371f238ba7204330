//! Writing a file a person named (an export, a bundle) without harming anything else:
//! the words go to a partial file beside it, synced, then renamed over the name, so an
//! interrupted write never leaves a truncated file where a good one was; the partial
//! file is removed on every failure. Only a plain file is ever replaced: a name that is
//! a folder, a link or a device (`/dev/stdout`) is refused with a sentence, because a
//! rename over it would replace the link or the device node itself.

use crate::error::{JournalError, Result};
use std::fs::{self, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes a file at `path` through `write`, as the module says; returns what `write`
/// returned.
pub(crate) fn write_atomically<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    check_replaceable(path)?;
    let tmp = partial_name(path);
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&tmp)
        .map_err(|e| JournalError::io(&tmp, e))?;
    let mut writer = BufWriter::new(file);
    let written = write(&mut writer)
        .and_then(|value| {
            let file = writer
                .into_inner()
                .map_err(|e| JournalError::io(&tmp, e.into_error()))?;
            file.sync_all().map_err(|e| JournalError::io(&tmp, e))?;
            Ok(value)
        })
        .and_then(|value| {
            fs::rename(&tmp, path).map_err(|e| JournalError::io(path, e))?;
            Ok(value)
        });
    if written.is_err() {
        // Best effort: the partial file is ours and useless.
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// Writes `bytes` to `path` safely: through a partial file renamed over the name, and
/// only ever replacing a plain file (never a folder, link or device), as the module says.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically(path, |out| {
        out.write_all(bytes).map_err(|e| JournalError::io(path, e))
    })
}

/// The partial file beside `path`: its whole name with `.waymark-partial` added, so
/// `export.json` and `export.txt` never share one.
fn partial_name(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".waymark-partial");
    path.with_file_name(name)
}

/// Refuses a `path` that names a folder, or anything already there that is not a
/// plain file.
fn check_replaceable(path: &Path) -> Result<()> {
    let refuse = |what: &str| JournalError::NotAPlainFile {
        path: path.to_path_buf(),
        what: what.into(),
    };
    let text = path.as_os_str().to_string_lossy();
    if text.ends_with('/')
        || text.ends_with(std::path::MAIN_SEPARATOR)
        || path.file_name().is_none()
    {
        return Err(refuse("a folder; add a file name to it"));
    }
    match fs::symlink_metadata(path) {
        Err(_) => Ok(()),
        Ok(meta) if meta.file_type().is_symlink() => Err(refuse(
            "a link to somewhere else; give the name of a plain file",
        )),
        Ok(meta) if meta.is_dir() => Err(refuse("a folder; add a file name to it")),
        Ok(meta) if !meta.is_file() => Err(refuse(
            "a device or other special file, not a plain file (to write to the terminal or a pipe, give -)",
        )),
        Ok(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_partial() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.json");
        fs::write(&path, "good").unwrap();
        let failed: Result<()> = write_atomically(&path, |out| {
            out.write_all(b"half").unwrap();
            Err(JournalError::io(&path, std::io::Error::other("disk full")))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "good");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no partial file left"
        );
    }

    #[test]
    fn folders_links_and_devices_are_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("sub");
        fs::create_dir(&folder).unwrap();
        let with_slash = PathBuf::from(format!("{}/", folder.display()));
        for path in [folder.clone(), with_slash] {
            let refused = write_bytes(&path, b"x");
            assert!(
                matches!(refused, Err(JournalError::NotAPlainFile { .. })),
                "{path:?}"
            );
        }
        assert_eq!(
            fs::read_dir(&folder).unwrap().count(),
            0,
            "no stray partial file"
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            let target = dir.path().join("target.txt");
            fs::write(&target, "kept").unwrap();
            let link = dir.path().join("link.json");
            std::os::unix::fs::symlink(&target, &link).unwrap();
            assert!(matches!(
                write_bytes(&link, b"x"),
                Err(JournalError::NotAPlainFile { .. })
            ));
            assert!(
                fs::symlink_metadata(&link)
                    .unwrap()
                    .file_type()
                    .is_symlink()
            );
            assert_eq!(fs::read_to_string(&target).unwrap(), "kept");
            assert!(matches!(
                write_bytes(Path::new("/dev/null"), b"x"),
                Err(JournalError::NotAPlainFile { .. })
            ));
        }
    }

    #[test]
    fn a_plain_file_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bundle");
        fs::write(&path, "old").unwrap();
        write_bytes(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
