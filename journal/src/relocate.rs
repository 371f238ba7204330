//! Moving a journal to another folder (a bigger disk, a folder the leader keeps their
//! work in): the closed journal's files are copied, every byte of the copy is checked
//! against the original, a signpost saying where it went is left in the old folder,
//! and only then are the old files removed. Whoever looks in the old place (Waymark at
//! its next start, the `waymark` command, or a person in a file manager) finds the way.
//!
//! A journal restored from a backup can also take the place of the one in use
//! ([`swap_in`]): the folders are renamed, never copied over, and the journal that was
//! in use is kept whole in a folder beside it.

use crate::error::{JournalError, Result};
use crate::folder;
use crate::journal::Journal;
use std::fs;
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};

/// The file a moved journal leaves in its old folder, naming the new one.
pub const SIGNPOST_FILE: &str = "moved-to.txt";

/// Signposts followed at most, so two folders pointing at each other cannot loop.
const MAX_HOPS: usize = 8;

/// Where the journal that was in `dir` is now: `dir` itself, or the folder its
/// signpost (and the next one's, and so on) names.
pub fn follow_signpost(dir: &Path) -> PathBuf {
    let mut at = dir.to_path_buf();
    for _ in 0..MAX_HOPS {
        match read_signpost(&at) {
            Some(next) if next != at => at = next,
            _ => break,
        }
    }
    at
}

/// The folder named by the signpost in `dir`, if it has one naming an absolute path.
fn read_signpost(dir: &Path) -> Option<PathBuf> {
    let text = fs::read_to_string(dir.join(SIGNPOST_FILE)).ok()?;
    // The first line is the folder; the rest is for people.
    let first = PathBuf::from(text.lines().next()?.trim());
    first.is_absolute().then_some(first)
}

/// Moves `journal` (closing it) to the new or empty folder `to`; returns the folder it
/// is in now. The original is removed only after the copy was checked byte for byte
/// and the signpost written; until then any failure leaves it whole, where it was, and
/// removes the partial copy.
pub fn move_journal(journal: Journal, to: &Path) -> Result<PathBuf> {
    let from = journal
        .dir()
        .map(Path::to_path_buf)
        .ok_or_else(|| cannot(to, "a journal held in memory has no folder to move"))?;
    let real = fs::canonicalize(&from).map_err(|e| JournalError::io(&from, e))?;
    let to = absolute(to)?;
    let nested = |a: &Path, b: &Path| a.starts_with(b) || b.starts_with(a);
    if nested(&to, &real) || nested(&to, &absolute(&from)?) {
        return Err(cannot(
            &to,
            "it is inside the journal's folder, or holds it",
        ));
    }
    match fs::read_dir(&to) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(cannot(&to, "it is not empty; choose a new or empty folder"));
            }
        }
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => return Err(JournalError::io(&to, e)),
    }
    // Closed before copying: nothing may write to the files while they are copied.
    drop(journal);
    let from = real;
    let copied = copy_tree(&from, &to).and_then(|()| verify_tree(&from, &to));
    if let Err(e) = copied {
        let _ = fs::remove_dir_all(&to);
        return Err(e);
    }
    folder::sync_dir(&to);
    write_signpost(&from, &to)?;
    remove_all_but_signpost(&from)?;
    Ok(to)
}

/// Puts the journal in `replacement` (a restored backup) in the place of `journal`,
/// closing it: the folder in use is renamed to `<name>-before-restore-<when>` beside
/// it, and `replacement` is renamed to the folder in use, so whatever opens the journal
/// there (Waymark, `waymark`, a signpost) finds the restored one. Returns the folder the
/// journal that was in use is kept in. Renames in one parent folder touch no file's
/// contents; if the second fails, the first is undone and both are as they were.
pub fn swap_in(journal: Journal, replacement: &Path) -> Result<PathBuf> {
    let refuse = |reason: &str| JournalError::CannotSwapIn {
        dir: replacement.to_path_buf(),
        reason: reason.into(),
    };
    let own = journal
        .dir()
        .map(Path::to_path_buf)
        .ok_or_else(|| refuse("a journal held in memory has no folder to replace"))?;
    let holds_journal = |dir: &Path| {
        dir.join(crate::paths::DB_FILE).is_file() || dir.join(crate::keys::KEY_FILE).is_file()
    };
    if !holds_journal(replacement) {
        return Err(refuse("there is no journal in that folder"));
    }
    let own = absolute(&own)?;
    let replacement = absolute(replacement)?;
    if own == replacement || replacement.starts_with(&own) || own.starts_with(&replacement) {
        return Err(refuse("it is the journal in use, or inside it"));
    }
    let name = own
        .file_name()
        .ok_or_else(|| refuse("the journal in use is in a drive's root folder"))?
        .to_string_lossy()
        .into_owned();
    let stem = format!(
        "{name}-before-restore-{}",
        chrono::Local::now().format("%Y-%m-%d-%H%M")
    );
    let kept = (1..)
        .map(|n| match n {
            1 => own.with_file_name(&stem),
            n => own.with_file_name(format!("{stem}-{n}")),
        })
        .find(|dir| !dir.exists())
        .ok_or_else(|| refuse("no free folder name beside the journal"))?;
    // Closed first: on Windows an open file stops its folder being renamed, and
    // nothing may write to the journal while it changes places.
    drop(journal);
    fs::rename(&own, &kept)
        .map_err(|e| refuse(&format!("the journal in use could not be set aside ({e})")))?;
    if let Err(e) = fs::rename(&replacement, &own) {
        let undone = fs::rename(&kept, &own);
        return Err(refuse(&match undone {
            Ok(()) => format!("it could not be renamed ({e}); your journal is where it was"),
            Err(_) => format!(
                "it could not be renamed ({e}); your journal is whole in {}",
                kept.display()
            ),
        }));
    }
    if let Some(parent) = own.parent() {
        folder::sync_dir(parent);
    }
    Ok(kept)
}

fn cannot(dir: &Path, reason: &str) -> JournalError {
    JournalError::CannotMoveTo {
        dir: dir.to_path_buf(),
        reason: reason.into(),
    }
}

/// `dir` made absolute (it may not exist yet), so the signpost never depends on where
/// a program was started.
fn absolute(dir: &Path) -> Result<PathBuf> {
    std::path::absolute(dir).map_err(|e| JournalError::io(dir, e))
}

/// Copies the folder `from` into `to` (made private), every file synced to disk.
fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(to).map_err(|e| JournalError::io(to, e))?;
    for entry in fs::read_dir(from).map_err(|e| JournalError::io(from, e))? {
        let entry = entry.map_err(|e| JournalError::io(from, e))?;
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        let kind = entry
            .file_type()
            .map_err(|e| JournalError::io(&source, e))?;
        if kind.is_dir() {
            copy_tree(&source, &target)?;
        } else if kind.is_file() {
            fs::copy(&source, &target).map_err(|e| JournalError::io(&source, e))?;
            fs::File::open(&target)
                .and_then(|f| f.sync_all())
                .map_err(|e| JournalError::io(&target, e))?;
        }
        // Links are not followed out of the journal, nor copied.
    }
    Ok(())
}

/// Checks every file under `from` has an identical copy under `to`.
fn verify_tree(from: &Path, to: &Path) -> Result<()> {
    for entry in fs::read_dir(from).map_err(|e| JournalError::io(from, e))? {
        let entry = entry.map_err(|e| JournalError::io(from, e))?;
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        let kind = entry
            .file_type()
            .map_err(|e| JournalError::io(&source, e))?;
        if kind.is_dir() {
            verify_tree(&source, &target)?;
        } else if kind.is_file() && !same_bytes(&source, &target)? {
            return Err(JournalError::MoveNotVerified {
                dir: to.to_path_buf(),
                file: entry.file_name().to_string_lossy().into_owned(),
            });
        }
    }
    Ok(())
}

/// Whether two files hold the same bytes (a missing copy does not).
fn same_bytes(a: &Path, b: &Path) -> Result<bool> {
    let open = |p: &Path| fs::File::open(p).map_err(|e| JournalError::io(p, e));
    let (mut left, mut right) = match (open(a)?, fs::File::open(b)) {
        (left, Ok(right)) => (left, right),
        (_, Err(e)) if e.kind() == ErrorKind::NotFound => return Ok(false),
        (_, Err(e)) => return Err(JournalError::io(b, e)),
    };
    let (mut x, mut y) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let n = read_full(&mut left, &mut x).map_err(|e| JournalError::io(a, e))?;
        let m = read_full(&mut right, &mut y).map_err(|e| JournalError::io(b, e))?;
        if n != m || x[..n] != y[..m] {
            return Ok(false);
        }
        if n == 0 {
            return Ok(true);
        }
    }
}

/// Reads until `buf` is full or the file ends; returns how much was read.
fn read_full(file: &mut fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Leaves the signpost in `from`: the new folder on the first line, then a sentence for
/// whoever opens the file.
fn write_signpost(from: &Path, to: &Path) -> Result<()> {
    let path = from.join(SIGNPOST_FILE);
    let text = format!(
        "{}\n\nYour Waymark journal was moved to the folder above on {}. Waymark finds it there by itself; keep this file so it still can.\n",
        to.display(),
        chrono::Local::now().format("%-d %B %Y at %H:%M"),
    );
    fs::write(&path, text).map_err(|e| JournalError::io(&path, e))?;
    fs::File::open(&path)
        .and_then(|f| f.sync_all())
        .map_err(|e| JournalError::io(&path, e))?;
    folder::sync_dir(from);
    Ok(())
}

/// Removes everything in `dir` except the signpost: the journal now lives elsewhere.
fn remove_all_but_signpost(dir: &Path) -> Result<()> {
    for entry in fs::read_dir(dir).map_err(|e| JournalError::io(dir, e))? {
        let entry = entry.map_err(|e| JournalError::io(dir, e))?;
        if entry.file_name() == SIGNPOST_FILE {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| JournalError::io(&path, e))?;
        let removed = if kind.is_dir() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        };
        removed.map_err(|e| JournalError::io(&path, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryDraft, Template};

    fn draft(title: &str) -> EntryDraft {
        EntryDraft {
            code: Vec::new(),
            title: title.into(),
            body: "Words that must not be lost.".into(),
            template: Template::Free,
            fields: Default::default(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 17).unwrap(),
            tags: vec![],
            labels: vec![],
            starred: false,
        }
    }

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "waymark-relocate-{name}-{}-{}",
            std::process::id(),
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
        ));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn a_moved_journal_opens_from_its_old_folder_with_every_entry() {
        let (old, new) = (temp("old"), temp("new"));
        let journal = Journal::open(&old).unwrap();
        let saved = journal.create(draft("Before the move")).unwrap();
        let moved = move_journal(journal, &new).unwrap();
        assert_eq!(moved, std::path::absolute(&new).unwrap());
        // The old folder holds only the signpost, which leads to the new one.
        let left: Vec<_> = fs::read_dir(&old)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, [std::ffi::OsString::from(SIGNPOST_FILE)]);
        assert_eq!(follow_signpost(&old), moved);
        let reopened = Journal::open(&follow_signpost(&old)).unwrap();
        assert_eq!(
            reopened.get(saved.id).unwrap().draft.title,
            "Before the move"
        );
        let found = reopened.search("lost", &Default::default()).unwrap();
        assert_eq!(found.total, 1, "the search index moved too");
        drop(reopened);
        let _ = fs::remove_dir_all(&old);
        let _ = fs::remove_dir_all(&new);
    }

    #[test]
    fn a_folder_with_files_in_it_is_refused_and_the_journal_stays() {
        let (old, busy) = (temp("stay"), temp("busy"));
        fs::create_dir_all(&busy).unwrap();
        fs::write(busy.join("thesis.docx"), "mine").unwrap();
        let journal = Journal::open(&old).unwrap();
        journal.create(draft("Staying put")).unwrap();
        let e = move_journal(journal, &busy).unwrap_err();
        assert!(e.to_string().contains("not empty"), "{e}");
        assert_eq!(
            fs::read_to_string(busy.join("thesis.docx")).unwrap(),
            "mine"
        );
        let reopened = Journal::open(&old).unwrap();
        assert_eq!(reopened.count().unwrap(), 1);
        assert_eq!(follow_signpost(&old), old);
        let inside = old.join("inner");
        let e = move_journal(reopened, &inside).unwrap_err();
        assert!(e.to_string().contains("inside"), "{e}");
        let _ = fs::remove_dir_all(&old);
        let _ = fs::remove_dir_all(&busy);
    }

    #[test]
    fn signposts_that_loop_end() {
        let (a, b) = (temp("loop-a"), temp("loop-b"));
        fs::create_dir_all(&a).unwrap();
        fs::create_dir_all(&b).unwrap();
        fs::write(a.join(SIGNPOST_FILE), format!("{}\n", b.display())).unwrap();
        fs::write(b.join(SIGNPOST_FILE), format!("{}\n", a.display())).unwrap();
        let end = follow_signpost(&a);
        assert!(end == a || end == b);
        fs::write(a.join(SIGNPOST_FILE), "relative/path\n").unwrap();
        assert_eq!(
            follow_signpost(&a),
            a,
            "a relative signpost is not followed"
        );
        let _ = fs::remove_dir_all(&a);
        let _ = fs::remove_dir_all(&b);
    }
}
