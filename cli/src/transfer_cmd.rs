//! `waymark export` and `waymark import`.

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use waymark_journal::transfer::{ExportOptions, ImportError};
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
    /// What to do with details that may identify someone.
    #[command(flatten)]
    identifiers: crate::check_cmd::IdentifierArgs,
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
    let checked = match &ids {
        Some(ids) => ids.clone(),
        None => journal
            .list(&Default::default())?
            .into_iter()
            .map(|e| e.id)
            .collect(),
    };
    let findings = journal.check_entries(&checked)?;
    let redact = crate::check_cmd::gate(journal, &findings, &args.identifiers, "this export")?;
    let passphrase = match (args.format, args.encrypt) {
        (Format::Markdown, true) => {
            bail!("only the JSON export can be encrypted; Markdown files are plain by design")
        }
        (Format::Markdown, _) if to_stdout => {
            bail!("Markdown is a folder of files; give --out a folder (- is for --format json)")
        }
        (Format::Markdown, _) if redact => {
            bail!(
                "--redact works with --format json; for Markdown, change the reflections first (see `waymark check`)"
            )
        }
        (Format::Json, true) => {
            let Some(passphrase) = crate::key_cmd::new_passphrase(EXPORT_PASSPHRASE_ENV)? else {
                bail!(
                    "choose the export's passphrase: run this in a terminal, or set {EXPORT_PASSPHRASE_ENV}"
                );
            };
            Some(passphrase)
        }
        _ => None,
    };
    let options = ExportOptions {
        passphrase: passphrase.as_deref().map(|p| p.as_str()),
        redact,
    };
    let count = match args.format {
        Format::Markdown => journal.export_markdown(ids.as_deref(), &args.out)?.len(),
        Format::Json if to_stdout => {
            journal.export_json_with(ids.as_deref(), &mut std::io::stdout().lock(), options)?
        }
        Format::Json => journal.export_json_file_with(ids.as_deref(), &args.out, options)?,
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
