//! `waymark export` and `waymark import`.

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use waymark_journal::transfer::ImportError;
use waymark_journal::{Journal, JournalError};

/// Export formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// One Waymark JSON file, for backup and moving to another computer.
    Json,
    /// A folder of Markdown files with YAML front matter (readable in Obsidian).
    Markdown,
}

/// Arguments of `waymark export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// json or markdown.
    #[arg(long, value_enum)]
    format: Format,
    /// The file (json) or folder (markdown) to write.
    #[arg(long)]
    out: PathBuf,
    /// Encrypt the JSON export with a passphrase (typed twice, or from
    /// WAYMARK_EXPORT_PASSPHRASE); without it the file is readable by anyone who has it.
    #[arg(long)]
    encrypt: bool,
    /// Export only the reflections matching this search (default: all of them).
    #[arg(num_args = 0.., value_name = "QUERY")]
    query: Vec<String>,
}

/// Arguments of `waymark import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A Waymark JSON export.
    file: PathBuf,
}

/// The variable a script can put an encrypted export's passphrase in.
const EXPORT_PASSPHRASE_ENV: &str = "WAYMARK_EXPORT_PASSPHRASE";

/// Runs `waymark export`.
pub fn export(journal: &Journal, args: ExportArgs) -> Result<()> {
    let query = args.query.join(" ");
    let ids = if query.trim().is_empty() {
        None
    } else {
        Some(journal.search_ids(&query)?)
    };
    let count = match (args.format, args.encrypt) {
        (Format::Json, false) => journal.export_json(ids.as_deref(), &args.out)?,
        (Format::Json, true) => {
            let Some(passphrase) = crate::key_cmd::new_passphrase(EXPORT_PASSPHRASE_ENV)? else {
                bail!(
                    "choose the export's passphrase: run this in a terminal, or set {EXPORT_PASSPHRASE_ENV}"
                );
            };
            journal.export_json_encrypted(ids.as_deref(), &args.out, &passphrase)?
        }
        (Format::Markdown, true) => {
            bail!("only the JSON export can be encrypted; Markdown files are plain by design")
        }
        (Format::Markdown, false) => journal.export_markdown(ids.as_deref(), &args.out)?.len(),
    };
    say!(
        "exported {count} reflection{} to {}{}",
        if count == 1 { "" } else { "s" },
        args.out.display(),
        if args.encrypt {
            ", encrypted: only its passphrase opens it"
        } else {
            "; anyone who gets the file can read it (--encrypt protects it with a passphrase)"
        }
    )?;
    Ok(())
}

/// Runs `waymark import`.
pub fn import(journal: &Journal, args: ImportArgs) -> Result<()> {
    let report = match journal.import_json_file(&args.file) {
        Err(JournalError::Import(ImportError::NeedsPassphrase)) => {
            let Some(passphrase) = crate::key_cmd::passphrase(
                "Passphrase of the encrypted export: ",
                EXPORT_PASSPHRASE_ENV,
            )?
            else {
                bail!(
                    "the file is an encrypted export: type its passphrase in a terminal, or set {EXPORT_PASSPHRASE_ENV}"
                );
            };
            journal.import_json_file_with(&args.file, Some(&passphrase))?
        }
        other => other?,
    };
    crate::output::settle(journal);
    say!(
        "imported {}: {} added, {} updated, {} unchanged, {} kept because your copy is newer",
        args.file.display(),
        report.added,
        report.updated,
        report.unchanged,
        report.skipped_newer_local.len()
    )?;
    for id in report.skipped_newer_local {
        say!("  kept your newer copy of {id}")?;
    }
    Ok(())
}
