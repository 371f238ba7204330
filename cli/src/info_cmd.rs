//! `waymark info`: which journal is in use and how it was chosen, whether it is
//! encrypted and remembered, what it holds, its last backup and the versions.

use crate::JournalArgs;
use crate::output::{local_time, print_json};
use anyhow::Result;
use clap::Args;
use serde::Serialize;
use std::path::PathBuf;
use waymark_journal::about::JournalInfo;
use waymark_journal::paths;

/// How the journal folder was chosen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Chosen {
    /// Waymark's usual place in the OS data folder.
    #[default]
    Usual,
    /// `--data-dir`.
    DataDir,
    /// The `WAYMARK_DATA_DIR` environment variable.
    Env,
}

impl Chosen {
    /// How it was chosen, in words ("given with --data-dir").
    pub fn describe(self) -> String {
        match self {
            Chosen::Usual => "Waymark's usual place".into(),
            Chosen::DataDir => "given with --data-dir".into(),
            Chosen::Env => format!("given by {}", paths::DATA_DIR_ENV),
        }
    }
}

/// Arguments of `waymark info`.
#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// What `info --json` prints.
#[derive(Debug, Serialize)]
struct Report {
    /// The journal folder in use.
    dir: PathBuf,
    /// How it was chosen.
    chosen_by: Chosen,
    /// The folder named, when the journal has moved from it to `dir`.
    moved_from: Option<PathBuf>,
    /// Whether a journal is there.
    exists: bool,
    /// What the journal says of itself (when there is one).
    #[serde(flatten)]
    journal: Option<JournalInfo>,
    /// This Waymark's version.
    waymark_version: &'static str,
}

/// Runs `waymark info`.
pub fn run(args: &JournalArgs, info: InfoArgs) -> Result<()> {
    let shelf = args.shelf()?;
    let named = match &args.data_dir {
        Some(dir) => Some(dir.clone()),
        None => paths::default_data_dir(),
    };
    let dir = shelf.own_dir().to_path_buf();
    let exists = shelf.own_exists();
    let journal = if exists {
        Some(args.open()?.info()?)
    } else {
        None
    };
    let report = Report {
        moved_from: named.filter(|named| *named != dir),
        dir,
        chosen_by: args.chosen,
        exists,
        journal,
        waymark_version: env!("CARGO_PKG_VERSION"),
    };
    if info.json {
        return print_json(&report);
    }
    print_report(&report)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn print_report(report: &Report) -> Result<()> {
    say!(
        "Journal:      {} ({})",
        report.dir.display(),
        report.chosen_by.describe()
    )?;
    if let Some(from) = &report.moved_from {
        say!("              moved here from {}", from.display())?;
    }
    let Some(journal) = &report.journal else {
        say!(
            "              no journal there yet: `waymark init` starts one (encrypted), as does the first `waymark add`"
        )?;
        say!("Waymark:      {}", report.waymark_version)?;
        return Ok(());
    };
    let encrypted = match (journal.encrypted, journal.remembered) {
        (true, true) => {
            "yes; this computer remembers its key, so it opens without the passphrase (`waymark forget` stops that)"
        }
        (true, false) => "yes; it opens with its passphrase",
        (false, _) => {
            "NO: anyone with this computer's files can read it (`waymark encrypt` encrypts it)"
        }
    };
    say!("Encrypted:    {encrypted}")?;
    say!(
        "Reflections:  {} ({} in the bin)",
        journal.entries,
        journal.in_bin
    )?;
    say!(
        "Coachees:     {}",
        match journal.coachees {
            0 => "none have shared with you".to_owned(),
            n => format!("{} shared with you", plural(n, "journal", "journals")),
        }
    )?;
    match (&journal.last_backup, &journal.backup_folder) {
        (Some(last), _) => say!(
            "Last backup:  {}, {}, in {}",
            local_time(&last.manifest.made_at),
            plural(last.manifest.entries, "reflection", "reflections"),
            last.path.display()
        )?,
        (None, Some(folder)) => say!("Last backup:  none found in {}", folder.display())?,
        (None, None) => say!("Last backup:  none made (`waymark backup --to DIR` makes one)")?,
    }
    say!("Schema:       version {}", journal.schema_version)?;
    say!("Waymark:      {}", report.waymark_version)?;
    Ok(())
}
