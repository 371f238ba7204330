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
    /// The file (json) or folder (markdown) to write; - writes the JSON to standard
    /// output. Only a plain file is ever replaced (never a folder, link or device).
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
    /// A Waymark JSON export; - reads it from standard input.
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
    let to_stdout = is_dash(&args.out);
    let count = match (args.format, args.encrypt) {
        (Format::Json, false) if to_stdout => {
            journal.export_json_to(ids.as_deref(), &mut std::io::stdout().lock())?
        }
        (Format::Json, false) => journal.export_json(ids.as_deref(), &args.out)?,
        (Format::Json, true) => {
            let Some(passphrase) = crate::key_cmd::new_passphrase(EXPORT_PASSPHRASE_ENV)? else {
                bail!(
                    "choose the export's passphrase: run this in a terminal, or set {EXPORT_PASSPHRASE_ENV}"
                );
            };
            if to_stdout {
                let mut out = std::io::stdout().lock();
                journal.export_json_encrypted_to(ids.as_deref(), &mut out, &passphrase)?
            } else {
                journal.export_json_encrypted(ids.as_deref(), &args.out, &passphrase)?
            }
        }
        (Format::Markdown, _) if to_stdout => {
            bail!("Markdown is a folder of files; give --out a folder (- is for --format json)")
        }
        (Format::Markdown, true) => {
            bail!("only the JSON export can be encrypted; Markdown files are plain by design")
        }
        (Format::Markdown, false) => journal.export_markdown(ids.as_deref(), &args.out)?.len(),
    };
    let said = format!(
        "exported {count} reflection{} to {}{}",
        if count == 1 { "" } else { "s" },
        if to_stdout {
            "standard output".into()
        } else {
            args.out.display().to_string()
        },
        if args.encrypt {
            ", encrypted: only its passphrase opens it"
        } else {
            "; anyone who gets the file can read it (--encrypt protects it with a passphrase)"
        }
    );
    // With the export on standard output, the message goes beside it, not into it.
    if to_stdout {
        eprintln!("{said}");
    } else {
        say!("{said}")?;
    }
    Ok(())
}

/// Whether a path argument is `-`: standard input or output.
fn is_dash(path: &std::path::Path) -> bool {
    path.as_os_str() == "-"
}

/// Runs `waymark import`.
pub fn import(journal: &Journal, args: ImportArgs) -> Result<()> {
    // Standard input can be read once only: the bytes are kept for a passphrase retry.
    let piped = if is_dash(&args.file) {
        Some(waymark_journal::transfer::read_import(
            &mut std::io::stdin().lock(),
        )?)
    } else {
        None
    };
    let import = |passphrase: Option<&str>| match &piped {
        Some(bytes) => journal.import_json_bytes(bytes, passphrase),
        None => journal.import_json_file_with(&args.file, passphrase),
    };
    let report = match import(None) {
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
            import(Some(&passphrase))?
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
