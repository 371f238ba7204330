//! `waymark export` and `waymark import`.

use anyhow::Result;
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use waymark_journal::SEARCH_MAX_LIMIT as MAX_LIMIT;
use waymark_journal::{EntryId, Journal, SearchOptions, SortOrder};

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

/// Every entry matching a search, in date order.
fn matching_ids(journal: &Journal, query: &str) -> Result<Vec<EntryId>> {
    let mut ids = Vec::new();
    loop {
        let options = SearchOptions {
            limit: MAX_LIMIT,
            offset: ids.len(),
            sort: SortOrder::Date,
        };
        let page = journal.search(query, &options)?;
        let got = page.hits.len();
        ids.extend(page.hits.into_iter().map(|h| h.id));
        if got == 0 || ids.len() >= page.total {
            return Ok(ids);
        }
    }
}

/// Runs `waymark export`.
pub fn export(journal: &Journal, args: ExportArgs) -> Result<()> {
    let query = args.query.join(" ");
    let ids = if query.trim().is_empty() {
        None
    } else {
        Some(matching_ids(journal, &query)?)
    };
    let count = match args.format {
        Format::Json => journal.export_json(ids.as_deref(), &args.out)?,
        Format::Markdown => journal.export_markdown(ids.as_deref(), &args.out)?.len(),
    };
    println!(
        "exported {count} reflection{} to {}",
        if count == 1 { "" } else { "s" },
        args.out.display()
    );
    Ok(())
}

/// Runs `waymark import`.
pub fn import(journal: &Journal, args: ImportArgs) -> Result<()> {
    let report = journal.import_json_file(&args.file)?;
    journal.flush()?;
    println!(
        "imported {}: {} added, {} updated, {} unchanged, {} kept because your copy is newer",
        args.file.display(),
        report.added,
        report.updated,
        report.unchanged,
        report.skipped_newer_local.len()
    );
    for id in report.skipped_newer_local {
        println!("  kept your newer copy of {id}");
    }
    Ok(())
}
