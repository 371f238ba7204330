//! Encrypted journals from the terminal: where a passphrase comes from, opening a
//! journal that needs one, and `init`, `encrypt`, `passphrase`, `recover`, `remember`,
//! `forget`, `backup` and `restore-backup`.

use crate::JournalArgs;
use crate::output::print_json;
use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use waymark_journal::keys::{KdfCost, OsCredentials, RecoveryKey, Secret};
use waymark_journal::{Journal, Progress};
use zeroize::Zeroizing;

/// The variable a script can put a journal's passphrase in (less safe than typing it:
/// other programs of the same user may read a process's environment).
pub const PASSPHRASE_ENV: &str = "WAYMARK_PASSPHRASE";
/// The variable with the new passphrase, for `passphrase change` and `recover` in scripts.
pub const NEW_PASSPHRASE_ENV: &str = "WAYMARK_NEW_PASSPHRASE";

/// Arguments of `waymark backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The folder to keep backups in (another drive, or your OneDrive folder, say);
    /// each backup is a new folder inside it.
    #[arg(long, value_name = "DIR")]
    to: PathBuf,
    /// How many of the newest backups there to keep (0 keeps all).
    #[arg(long, default_value_t = 10)]
    keep: usize,
    /// Print JSON: {"path", "entries", "encrypted", "removed"}.
    #[arg(long)]
    json: bool,
}

/// Arguments of `waymark restore-backup`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A backup folder (waymark-backup-…).
    backup: PathBuf,
    /// A new or empty folder to restore the journal into.
    #[arg(
        long,
        value_name = "DIR",
        required_unless_present = "replace",
        conflicts_with = "replace"
    )]
    into: Option<PathBuf>,
    /// Restore beside the journal and use the restored journal instead of it; the
    /// journal in use until now is kept, whole, in a folder beside it.
    #[arg(long)]
    replace: bool,
    /// Print JSON: {"restored_into", "made_at", "encrypted", "in_use", "previous_kept_in"}.
    #[arg(long)]
    json: bool,
}

/// Arguments of `waymark move`.
#[derive(Debug, Args)]
pub struct MoveArgs {
    /// A new or empty folder to move the journal into.
    #[arg(long, value_name = "DIR")]
    to: PathBuf,
    /// Print JSON: {"moved_to", "note_left_in"}.
    #[arg(long)]
    json: bool,
}

/// Arguments of `waymark init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Make a journal that is not encrypted: anyone with this computer's files, or a
    /// backup of them, can read every word.
    #[arg(long)]
    no_encryption: bool,
    /// Print JSON: {"dir", "encrypted", "recovery_key"} (the key once, or null).
    #[arg(long)]
    json: bool,
}

/// `waymark passphrase …`.
#[derive(Debug, Subcommand)]
pub enum PassphraseCommand {
    /// Set a new passphrase (the recovery key keeps working).
    Change,
}

/// Arguments of `waymark passphrase`.
#[derive(Debug, Args)]
pub struct PassphraseArgs {
    #[command(subcommand)]
    command: PassphraseCommand,
    /// Print JSON: {"changed": true}.
    #[arg(long, global = true)]
    json: bool,
}

/// A passphrase from the environment, else typed without echo; `None` when there is
/// neither (no variable, no terminal).
pub fn passphrase(prompt: &str, env: &str) -> Result<Option<Zeroizing<String>>> {
    if let Ok(value) = std::env::var(env) {
        return Ok(Some(Zeroizing::new(value)));
    }
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let typed = rpassword::prompt_password(prompt).context("the passphrase could not be read")?;
    Ok(Some(Zeroizing::new(typed)))
}

/// A new passphrase: from `env`, or typed twice on a terminal; `None` with neither.
pub fn new_passphrase(env: &str) -> Result<Option<Zeroizing<String>>> {
    if let Ok(value) = std::env::var(env) {
        return Ok(Some(Zeroizing::new(value)));
    }
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let first = Zeroizing::new(
        rpassword::prompt_password("New passphrase (8 characters or more; a few words is best): ")
            .context("the passphrase could not be read")?,
    );
    let again = Zeroizing::new(
        rpassword::prompt_password("The same passphrase again: ")
            .context("the passphrase could not be read")?,
    );
    if first != again {
        bail!("the two passphrases are not the same; nothing was changed");
    }
    Ok(Some(first))
}

/// Says what was made and shows the recovery key once: as the JSON object
/// `{"dir", "encrypted": true, "recovery_key"}` with `json`, else in words with what it is for.
fn report_recovery_key(json: bool, said: &str, dir: &Path, key: &RecoveryKey) -> Result<()> {
    if json {
        return crate::output::report(
            true,
            said,
            &serde_json::json!({
                "dir": dir, "encrypted": true, "recovery_key": key.to_words().as_str(),
            }),
        );
    }
    tell!("{said}");
    show_recovery_key(key)
}

/// Prints the recovery key once, with what it is for.
fn show_recovery_key(key: &RecoveryKey) -> Result<()> {
    say!("Your recovery key (write it down or print it, and keep it apart from this computer):")?;
    say!("")?;
    say!("    {}", key.to_words().as_str())?;
    say!("")?;
    say!("With it you can set a new passphrase if you forget yours (`waymark recover`).")?;
    say!("Without both, nobody can open this journal, not even Waymark's makers.")?;
    Ok(())
}

/// Opens the chosen journal: unlocking it when it is encrypted (the passphrase from
/// `WAYMARK_PASSPHRASE`, else asked for), and, for a command that may start one
/// ([`JournalArgs`]' `may_start`), making it when there is none yet: encrypted when a
/// passphrase can be had, plain when not, and said on stderr either way.
pub fn open(args: &JournalArgs, progress: &mut dyn FnMut(Progress)) -> Result<Journal> {
    let shelf = args.shelf()?;
    if !shelf.own_exists() {
        if !args.may_start {
            // Read before written: a mistyped --data-dir must not quietly become an
            // empty journal that seems to have lost every reflection.
            bail!(
                "there is no journal in {} ({}); check the folder, or start one with `waymark init` (encrypted) or `waymark add`",
                shelf.own_dir().display(),
                args.chosen.describe()
            );
        }
        if let Some(new) = new_passphrase(PASSPHRASE_ENV)? {
            let (journal, recovery) = shelf.create_own_encrypted(&new, KdfCost::DEFAULT)?;
            eprintln!(
                "waymark: started a new encrypted journal in {}",
                shelf.own_dir().display()
            );
            show_recovery_key(&recovery)?;
            return Ok(journal);
        }
        eprintln!(
            "waymark: started a new journal in {}; it is NOT encrypted (no passphrase: set {PASSPHRASE_ENV} or run `waymark init` in a terminal to make an encrypted one)",
            shelf.own_dir().display()
        );
        return Ok(shelf.open_own(progress)?);
    }
    if !shelf.own_is_encrypted()? {
        return Ok(shelf.open_own(progress)?);
    }
    if Journal::is_remembered_at(shelf.own_dir())? {
        match Journal::unlock_remembered(shelf.own_dir(), &OsCredentials, progress) {
            Ok(Some(journal)) => return Ok(journal),
            Ok(None) => eprintln!(
                "waymark: this computer no longer has the journal's saved key; using the passphrase (`waymark forget`, then `waymark remember`, saves it again)"
            ),
            Err(e) => eprintln!("waymark: {e}"),
        }
    }
    let Some(typed) = passphrase(
        &format!("Passphrase for {}: ", shelf.own_dir().display()),
        PASSPHRASE_ENV,
    )?
    else {
        bail!(
            "the journal in {} is encrypted: run this in a terminal to type its passphrase, or set {PASSPHRASE_ENV}",
            shelf.own_dir().display()
        );
    };
    Ok(shelf.unlock_own(&Secret::Passphrase(typed), progress)?)
}

/// Runs `waymark init`.
pub fn init(args: &JournalArgs, init: InitArgs) -> Result<()> {
    let shelf = args.shelf()?;
    if shelf.own_exists() {
        bail!(
            "{} already holds a journal; nothing was changed",
            shelf.own_dir().display()
        );
    }
    if init.no_encryption {
        drop(shelf.open_own(&mut |_| {})?);
        return crate::output::report(
            init.json,
            &format!(
                "made a journal in {}; it is NOT encrypted: anyone with this computer's files or a backup of them can read it",
                shelf.own_dir().display()
            ),
            &serde_json::json!({
                "dir": shelf.own_dir(), "encrypted": false, "recovery_key": null,
            }),
        );
    }
    let Some(new) = new_passphrase(PASSPHRASE_ENV)? else {
        bail!(
            "choose a passphrase: run `waymark init` in a terminal, or set {PASSPHRASE_ENV} (or use --no-encryption)"
        );
    };
    let (journal, recovery) = shelf.create_own_encrypted(&new, KdfCost::DEFAULT)?;
    drop(journal);
    report_recovery_key(
        init.json,
        &format!("made an encrypted journal in {}", shelf.own_dir().display()),
        shelf.own_dir(),
        &recovery,
    )
}

/// Runs `waymark passphrase change`.
pub fn passphrase_cmd(args: &JournalArgs, p: PassphraseArgs) -> Result<()> {
    match p.command {
        PassphraseCommand::Change => {
            let journal = open(args, &mut |_| {})?;
            if !journal.is_encrypted() {
                bail!("this journal is not encrypted, so it has no passphrase to change");
            }
            let Some(new) = new_passphrase(NEW_PASSPHRASE_ENV)? else {
                bail!("type the new passphrase in a terminal, or set {NEW_PASSPHRASE_ENV}");
            };
            journal.change_passphrase(&new, KdfCost::DEFAULT)?;
            crate::output::report(
                p.json,
                "the passphrase is changed; your recovery key still works",
                &serde_json::json!({ "changed": true }),
            )
        }
    }
}

/// Runs `waymark recover`: the recovery key, then a new passphrase.
pub fn recover(args: &JournalArgs, out: crate::output::JsonArg) -> Result<()> {
    let shelf = args.shelf()?;
    let Some(typed) = passphrase("Recovery key: ", "WAYMARK_RECOVERY_KEY")? else {
        bail!("type the recovery key in a terminal, or set WAYMARK_RECOVERY_KEY");
    };
    let recovery = RecoveryKey::from_str(&typed)?;
    let Some(new) = new_passphrase(NEW_PASSPHRASE_ENV)? else {
        bail!("type the new passphrase in a terminal, or set {NEW_PASSPHRASE_ENV}");
    };
    drop(Journal::recover(
        shelf.own_dir(),
        recovery,
        &new,
        KdfCost::DEFAULT,
    )?);
    crate::output::report(
        out.json,
        "the journal is open to your new passphrase; keep your recovery key where it was",
        &serde_json::json!({ "recovered": true }),
    )
}

/// Runs `waymark remember`: this computer's credential store keeps a key that opens
/// the journal, so commands stop asking for the passphrase.
pub fn remember(args: &JournalArgs, out: crate::output::JsonArg) -> Result<()> {
    let journal = open(args, &mut |_| {})?;
    if !journal.is_encrypted() {
        bail!("this journal is not encrypted, so there is no passphrase to remember");
    }
    journal.remember(&OsCredentials)?;
    crate::output::report(
        out.json,
        "this computer remembers the journal now: anyone who can use your account here can open it without the passphrase. `waymark forget` undoes this.",
        &serde_json::json!({ "remembered": true }),
    )
}

/// Runs `waymark forget`: drops the key the credential store keeps for the journal.
pub fn forget(args: &JournalArgs, out: crate::output::JsonArg) -> Result<()> {
    let shelf = args.shelf()?;
    let forgotten = Journal::forget(shelf.own_dir(), &OsCredentials)?;
    crate::output::report(
        out.json,
        if forgotten {
            "forgotten: the journal asks for its passphrase again on this computer"
        } else {
            "this computer did not remember the journal; nothing was changed"
        },
        &serde_json::json!({ "forgotten": forgotten }),
    )
}

/// Runs `waymark encrypt`: turns encryption on for a plain journal.
pub fn encrypt(args: &JournalArgs, out: crate::output::JsonArg) -> Result<()> {
    let shelf = args.shelf()?;
    if !shelf.own_exists() {
        bail!(
            "there is no journal in {} yet; make one with `waymark init`",
            shelf.own_dir().display()
        );
    }
    if shelf.own_is_encrypted()? {
        bail!("this journal is already encrypted");
    }
    let journal = shelf.open_own(&mut |_| {})?;
    let Some(new) = new_passphrase(PASSPHRASE_ENV)? else {
        bail!("choose a passphrase: run `waymark encrypt` in a terminal, or set {PASSPHRASE_ENV}");
    };
    let mut bar = crate::output::ProgressBar::new("Rebuilding the search index, sealed");
    let (journal, recovery) = journal.encrypt(&new, KdfCost::DEFAULT, &mut |p| bar.update(p))?;
    bar.finish();
    drop(journal);
    report_recovery_key(
        out.json,
        &format!(
            "the journal in {} is encrypted now",
            shelf.own_dir().display()
        ),
        shelf.own_dir(),
        &recovery,
    )?;
    eprintln!();
    tell!(
        "Backups and copies of the journal made before today are still NOT encrypted: delete them, or keep them as safe as the journal. The disk may also still hold the old file's contents until they are written over."
    );
    Ok(())
}

/// `waymark move --to DIR`: copies, checks, then removes the old files, leaving a note.
pub fn move_to(args: &JournalArgs, m: MoveArgs) -> Result<()> {
    let journal = open(args, &mut |_| {})?;
    let from = journal.dir().map(Path::to_path_buf);
    let now = waymark_journal::relocate::move_journal(journal, &m.to)?;
    tell!("moved the journal to {}", now.display());
    if let Some(from) = &from {
        tell!(
            "{} keeps a note ({}) so Waymark finds it there",
            from.display(),
            waymark_journal::relocate::SIGNPOST_FILE
        );
    }
    if m.json {
        print_json(&serde_json::json!({ "moved_to": now, "note_left_in": from }))?;
    }
    Ok(())
}

/// Runs `waymark backup`.
pub fn backup(args: &JournalArgs, b: BackupArgs) -> Result<()> {
    let journal = open(args, &mut |_| {})?;
    let made = journal.backup(&b.to, b.keep)?;
    // Remembered, so the desktop app backs up to the same place when it closes.
    journal.set_backup_folder(&b.to)?;
    tell!(
        "backed up {} reflection{} to {}{}",
        made.manifest.entries,
        if made.manifest.entries == 1 { "" } else { "s" },
        made.path.display(),
        if made.manifest.encrypted {
            " (encrypted: your passphrase or recovery key opens it)"
        } else {
            " (NOT encrypted, like the journal)"
        }
    );
    if made.removed > 0 {
        tell!(
            "removed the {} oldest, keeping the newest {}",
            made.removed,
            b.keep
        );
    }
    if b.json {
        print_json(&serde_json::json!({
            "path": made.path,
            "entries": made.manifest.entries,
            "encrypted": made.manifest.encrypted,
            "removed": made.removed,
        }))?;
    }
    Ok(())
}

/// Runs `waymark restore-backup`.
pub fn restore(args: &JournalArgs, r: RestoreArgs) -> Result<()> {
    let into = match &r.into {
        Some(into) => into.clone(),
        None => {
            let made_at = Journal::backup_manifest(&r.backup)?.made_at;
            args.shelf()?
                .restore_dir_for(made_at)
                .context("the journal's folder has no folder beside it to restore into")?
        }
    };
    // The journal to replace is opened (unlocked) before anything is written, so a
    // wrong passphrase leaves no restored folder behind.
    let replaced = r.replace.then(|| open(args, &mut |_| {})).transpose()?;
    let manifest = Journal::restore_backup(&r.backup, &into)?;
    tell!(
        "restored the backup made {} ({}) into {}",
        manifest.made_at.format("%Y-%m-%d %H:%M UTC"),
        r.backup.display(),
        into.display()
    );
    let done = |in_use: bool, kept: Option<&Path>| -> Result<()> {
        if r.json {
            print_json(&serde_json::json!({
                "restored_into": into,
                "made_at": manifest.made_at,
                "encrypted": manifest.encrypted,
                "in_use": in_use,
                "previous_kept_in": kept,
            }))?;
        }
        Ok(())
    };
    let Some(journal) = replaced else {
        tell!(
            "open it with --data-dir {}{}",
            into.display(),
            if manifest.encrypted {
                " and the passphrase it had when it was backed up"
            } else {
                ""
            }
        );
        return done(false, None);
    };
    let kept = waymark_journal::relocate::swap_in(journal, &into)?;
    tell!(
        "the restored journal is now the one in use; the journal used until now is kept in {}",
        kept.display()
    );
    done(true, Some(&kept))
}
