//! `waymark export` and `waymark import`.

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use waymark_appraisal::{PackChoice, PackFormat};
use waymark_journal::share::ShareFields;
use waymark_journal::transfer::{ExportOptions, ImportError};
use waymark_journal::{Journal, JournalError};

/// Export formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// One Waymark JSON file: each reflection's current version (title, date, template,
    /// boxes, text, tags, labels, star, when made and changed, version number), for
    /// moving reflections to another journal. Not the bin, earlier versions, comments,
    /// the watch list or your sharing identity: `waymark backup` keeps everything.
    Json,
    /// A folder of Markdown files with YAML front matter (readable in Obsidian).
    Markdown,
    /// An appraisal pack as an A4 PDF: a cover, a summary against the framework and
    /// the reflections of one appraisal year grouped by behaviour (NMC accounts as the
    /// NMC form).
    Pdf,
    /// The same appraisal pack as a Word file (.docx), to edit before the appraisal.
    Docx,
}

impl Format {
    /// The appraisal pack's format, for pdf and docx.
    fn pack(self) -> Option<PackFormat> {
        match self {
            Format::Pdf => Some(PackFormat::Pdf),
            Format::Docx => Some(PackFormat::Docx),
            Format::Json | Format::Markdown => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// Arguments of `waymark export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// json, markdown, or an appraisal pack as pdf or docx.
    #[arg(long, value_enum)]
    format: Format,
    /// The file (json, pdf, docx) or folder (markdown) to write; - writes the file to
    /// standard output. Only a plain file is ever replaced (never a folder, link or
    /// device).
    #[arg(long)]
    out: PathBuf,
    /// Encrypt the JSON export with a passphrase (typed twice, or from
    /// WAYMARK_EXPORT_PASSPHRASE); without it the file is readable by anyone who has it.
    #[arg(long)]
    encrypt: bool,
    /// What to do with details that may identify someone.
    #[command(flatten)]
    identifiers: crate::check_cmd::IdentifierArgs,
    /// pdf and docx: the appraisal year starting on 1 April of this year (2026 for
    /// 2026/27) [default: the appraisal year holding today].
    #[arg(long, value_name = "YYYY")]
    year: Option<i32>,
    /// pdf and docx: the first day of the period instead of an appraisal year
    /// (YYYY-MM-DD; with --to).
    #[arg(long, value_name = "DATE", requires = "to", conflicts_with = "year")]
    from: Option<chrono::NaiveDate>,
    /// pdf and docx: the last day of the period (YYYY-MM-DD; with --from).
    #[arg(long, value_name = "DATE", requires = "from", conflicts_with = "year")]
    to: Option<chrono::NaiveDate>,
    /// pdf and docx: only these template boxes (comma separated, e.g.
    /// so-what,now-what,learning), not the free text or other boxes; as `share --fields`.
    #[arg(long, value_delimiter = ',', value_name = "KEYS")]
    fields: Vec<String>,
    /// pdf and docx: the name on the cover [default: your sharing name].
    #[arg(long)]
    name: Option<String>,
    /// Export only the reflections matching this search (default: all of them).
    #[arg(num_args = 0.., value_name = "QUERY")]
    query: Vec<String>,
    /// Print JSON: {"exported", "format", "out", "encrypted", "redacted"}, and for a
    /// pack "period" and "bytes".
    #[arg(long)]
    json: bool,
}

/// Arguments of `waymark import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A Waymark JSON export; - reads it from standard input.
    file: PathBuf,
    /// Print JSON: {"file", "added", "updated", "unchanged", "kept_newer_local": [ids]}.
    #[arg(long)]
    json: bool,
}

/// The variable a script can put an encrypted export's passphrase in.
const EXPORT_PASSPHRASE_ENV: &str = "WAYMARK_EXPORT_PASSPHRASE";

/// Runs `waymark export`.
pub fn export(journal: &Journal, args: ExportArgs) -> Result<()> {
    if let Some(format) = args.format.pack() {
        return export_pack(journal, args, format);
    }
    if args.year.is_some() || args.from.is_some() || !args.fields.is_empty() || args.name.is_some()
    {
        bail!(
            "--year, --from, --to, --fields and --name are for an appraisal pack (--format pdf or docx)"
        );
    }
    let query = args.query.join(" ");
    let ids = if query.trim().is_empty() {
        None
    } else {
        Some(journal.search_ids(&query)?)
    };
    let to_stdout = is_dash(&args.out);
    if to_stdout && args.json {
        bail!("with --out - the export itself is the JSON on standard output; leave out --json");
    }
    let findings = journal.export_findings(ids.as_deref())?;
    let redact = crate::check_cmd::gate(journal, &findings, &args.identifiers, "this export")?;
    let passphrase = match (args.format, args.encrypt) {
        (Format::Markdown, true) => {
            bail!("only the JSON export can be encrypted; Markdown files are plain by design")
        }
        (Format::Markdown, _) if to_stdout => {
            bail!("Markdown is a folder of files; give --out a folder (- is for --format json)")
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
        Format::Markdown => journal
            .export_markdown_with(ids.as_deref(), &args.out, redact)?
            .len(),
        Format::Json if to_stdout => {
            journal.export_json_with(ids.as_deref(), &mut std::io::stdout().lock(), options)?
        }
        // Json; a pack (pdf, docx) went to export_pack above.
        _ => journal.export_json_file_with(ids.as_deref(), &args.out, options)?,
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
    // A message, so on standard error: beside an export on standard output, not in it.
    crate::output::report(
        args.json,
        &said,
        &serde_json::json!({
            "exported": count,
            "format": args.format.name(),
            "out": args.out,
            "encrypted": args.encrypt,
            "redacted": redact,
        }),
    )
}

/// `waymark export --format pdf|docx`: the appraisal pack of one appraisal year,
/// after the same review of identifying details as any export.
fn export_pack(journal: &Journal, args: ExportArgs, format: PackFormat) -> Result<()> {
    if args.encrypt {
        bail!(
            "an appraisal pack is for your appraiser to read, so it is not encrypted; leave out --encrypt"
        );
    }
    let to_stdout = is_dash(&args.out);
    if to_stdout && args.json {
        bail!("with --out - the pack itself goes to standard output; leave out --json");
    }
    let today = chrono::Local::now().date_naive();
    let period = match (args.from, args.to) {
        (Some(from), Some(to)) => waymark_appraisal::between(from, to),
        _ => waymark_appraisal::appraisal_year(
            args.year
                .unwrap_or_else(|| waymark_appraisal::appraisal_year_holding(today)),
        ),
    };
    let fields = if args.fields.is_empty() {
        ShareFields::Whole
    } else {
        ShareFields::Only(args.fields)
    };
    let ids = waymark_appraisal::pack_ids(journal, &args.query.join(" "), &period)?;
    let findings = journal.export_findings_of(Some(&ids), &fields)?;
    let redact =
        crate::check_cmd::gate(journal, &findings, &args.identifiers, "this appraisal pack")?;
    let choice = PackChoice {
        ids: Some(&ids),
        period,
        fields,
        redact,
        leader: args.name,
        generated_on: today,
    };
    let request = waymark_appraisal::request(journal, &choice)?;
    let count = request.entries.len();
    let bytes = if to_stdout {
        let bytes = format.make(&request, &mut |_| {})?;
        std::io::stdout().lock().write_all(&bytes)?;
        bytes.len()
    } else {
        waymark_appraisal::write(&request, format, &args.out, &mut |_| {})?
    };
    let said = format!(
        "made the appraisal pack for {} ({count} reflection{}) at {}; anyone who gets the file can read it",
        choice.period.label,
        if count == 1 { "" } else { "s" },
        if to_stdout {
            "standard output".into()
        } else {
            args.out.display().to_string()
        },
    );
    crate::output::report(
        args.json,
        &said,
        &serde_json::json!({
            "exported": count,
            "format": format.extension(),
            "out": args.out,
            "encrypted": false,
            "redacted": redact,
            "period": choice.period.label,
            "bytes": bytes,
        }),
    )
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
    let mut said = format!(
        "imported {}: {} added, {} updated, {} unchanged, {} kept because your copy is newer",
        args.file.display(),
        report.added,
        report.updated,
        report.unchanged,
        report.skipped_newer_local.len()
    );
    for id in &report.skipped_newer_local {
        said.push_str(&format!("\n  kept your newer copy of {id}"));
    }
    crate::output::report(
        args.json,
        &said,
        &serde_json::json!({
            "file": args.file,
            "added": report.added,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "kept_newer_local": report.skipped_newer_local,
        }),
    )
}
