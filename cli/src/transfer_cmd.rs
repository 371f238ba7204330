//! `waymark export` and `waymark import`.

use anyhow::Result;
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use waymark_journal::Journal;

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

/// Runs `waymark export`.
pub fn export(journal: &Journal, args: ExportArgs) -> Result<()> {
    let query = args.query.join(" ");
    let ids = if query.trim().is_empty() {
        None
    } else {
        Some(journal.search_ids(&query)?)
    };
    let count = match args.format {
        Format::Json => journal.export_json(ids.as_deref(), &args.out)?,
        Format::Markdown => journal.export_markdown(ids.as_deref(), &args.out)?.len(),
    };
    say!(
        "exported {count} reflection{} to {}",
        if count == 1 { "" } else { "s" },
        args.out.display()
    )?;
    Ok(())
}

/// Runs `waymark import`.
pub fn import(journal: &Journal, args: ImportArgs) -> Result<()> {
    let report = journal.import_json_file(&args.file)?;
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
