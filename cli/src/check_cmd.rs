//! `waymark check` and `waymark watch`: the details in reflections that may identify
//! someone (NHS numbers, postcodes, names after titles, the names on the leader's own
//! watch list…), and the gate `share` and `export` pass through before anything leaves.

use crate::output::print_json;
use anyhow::{Context, Result, bail};
use clap::Args;
use std::collections::HashMap;
use waymark_journal::{EntryId, Finding, IdentifierKind, Journal};

/// Arguments of `waymark check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Print the findings as JSON: [{"entry", "field", "kind", "start", "end", "text"}].
    #[arg(long)]
    json: bool,
    /// Mark a finding as fine, remembered for that text (KIND=TEXT, for example
    /// "titled-name=Dr Foster" for a place); repeat for more. Then the check runs.
    #[arg(long, value_name = "KIND=TEXT")]
    fine: Vec<String>,
    /// Check only the reflections matching this search (default: all of them).
    #[arg(num_args = 0.., value_name = "QUERY")]
    query: Vec<String>,
}

/// Arguments of `waymark watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// A name to watch for (a colleague, a patient); repeat for more.
    #[arg(long, value_name = "NAME")]
    add: Vec<String>,
    /// A name to stop watching for; repeat for more.
    #[arg(long, value_name = "NAME")]
    remove: Vec<String>,
    /// Print the watch list as JSON.
    #[arg(long)]
    json: bool,
}

/// Arguments of `waymark redact`.
#[derive(Debug, Args)]
pub struct RedactArgs {
    /// The reflection's id.
    id: String,
    /// Rewrite its earlier versions too, so no version keeps the details.
    #[arg(long, conflicts_with = "current_only")]
    every_version: bool,
    /// Only save a new version without them; earlier versions keep them.
    #[arg(long)]
    current_only: bool,
    /// Print JSON: {"id", "details", "version", "versions_rewritten"}.
    #[arg(long)]
    json: bool,
}

/// What `share` and `export` do when what would leave holds details that may identify
/// someone: refuse (the default), replace them in the copy, or let them go.
#[derive(Debug, Args)]
pub struct IdentifierArgs {
    /// Replace every detail that may identify someone in the copy that leaves ("[name
    /// removed]"); the journal keeps its text.
    #[arg(long, conflicts_with = "allow_identifiers")]
    pub redact: bool,
    /// Let details that may identify someone leave as they are.
    #[arg(long)]
    pub allow_identifiers: bool,
}

/// Runs `waymark check`.
pub fn check(journal: &Journal, args: CheckArgs) -> Result<()> {
    for fine in &args.fine {
        let (kind, text) = fine.split_once('=').with_context(|| {
            format!("--fine takes KIND=TEXT, for example \"postcode=SW1A 1AA\"; got '{fine}'")
        })?;
        let kind: IdentifierKind = kind.trim().parse().map_err(|_| {
            anyhow::anyhow!(
                "'{}' is not a kind of detail; use one of: {}",
                kind.trim(),
                kinds()
            )
        })?;
        journal.dismiss_finding(kind, text)?;
        eprintln!("marked as fine: {} \"{}\"", kind.as_str(), text.trim());
    }
    let query = args.query.join(" ");
    let (findings, checked) = if query.trim().is_empty() {
        (journal.check_journal()?, journal.count()?)
    } else {
        let ids = journal.search_ids(&query)?;
        (journal.check_entries(&ids)?, ids.len())
    };
    if args.json {
        return print_json(&findings);
    }
    if findings.is_empty() {
        eprintln!(
            "No details that may identify someone in {}.",
            reflections(checked)
        );
        return Ok(());
    }
    print_findings(journal, &findings)?;
    eprintln!(
        "{} that may identify someone. Change the reflection (`waymark edit ID`), take them out of it (`waymark redact ID`), or mark one as fine with --fine KIND=TEXT.",
        details(findings.len())
    );
    Ok(())
}

/// Runs `waymark watch`.
pub fn watch(journal: &Journal, args: WatchArgs) -> Result<()> {
    if !args.add.is_empty() || !args.remove.is_empty() {
        let gone = |name: &String| {
            args.remove
                .iter()
                .any(|r| r.trim().eq_ignore_ascii_case(name.trim()))
        };
        let mut names: Vec<String> = journal
            .watch_list()?
            .into_iter()
            .filter(|n| !gone(n))
            .collect();
        names.extend(args.add.iter().cloned());
        journal.set_watch_list(&names)?;
    }
    let names = journal.watch_list()?;
    if args.json {
        return print_json(&names);
    }
    if names.is_empty() {
        eprintln!("No names on the watch list: add one with --add NAME.");
    }
    for name in names {
        say!("{name}")?;
    }
    Ok(())
}

/// Runs `waymark redact`: takes the details that may identify someone out of one
/// reflection in the journal itself, after saying what would change.
pub fn redact(journal: &Journal, args: RedactArgs) -> Result<()> {
    let id = journal.resolve_id(&args.id)?;
    let plan = journal.redaction_plan(id)?;
    if plan.current.is_empty() && plan.earlier_versions == 0 {
        let before = journal.get(id)?;
        return crate::output::report(
            args.json,
            "No details that may identify someone in this reflection or its history.",
            &serde_json::json!({
                "id": id, "details": 0, "version": before.revision, "versions_rewritten": 0,
            }),
        );
    }
    if !plan.current.is_empty() {
        print_findings_to_stderr(journal, &plan.current);
    }
    // Saving the redacted text keeps the version it replaces in the history, so that
    // version holds the details too unless every version is rewritten.
    let held = plan.earlier_versions + usize::from(!plan.current.is_empty());
    let kept = format!(
        "the history of this reflection keeps {} holding these details",
        versions(held)
    );
    let every_version = if args.every_version {
        true
    } else if args.current_only {
        false
    } else {
        match crate::output::ask_yes_no(&format!(
            "{}. Remove them from every version? [y/N] ",
            capitalised(&kept)
        ))? {
            Some(answer) => answer,
            None => bail!(
                "{kept}: give --every-version to remove them from every version, or --current-only to keep the history as it is"
            ),
        }
    };
    let done = journal.redact_entry(id, every_version)?;
    crate::output::settle(journal);
    let mut said = Vec::new();
    if done.details > 0 {
        said.push(format!(
            "replaced {} (saved as version {})",
            details(done.details),
            done.entry.revision
        ));
    }
    if done.versions_rewritten > 0 {
        said.push(format!(
            "rewrote {} of its history without them",
            versions(done.versions_rewritten)
        ));
    }
    crate::output::report(
        args.json,
        &format!(
            "{}. Copies already shared, exported or backed up still hold them.",
            capitalised(&said.join("; "))
        ),
        &serde_json::json!({
            "id": id,
            "details": done.details,
            "version": done.entry.revision,
            "versions_rewritten": done.versions_rewritten,
        }),
    )
}

/// The gate before `share` or `export`: with findings in what would leave and neither
/// `--redact` nor `--allow-identifiers`, refuses and lists them; returns whether the
/// copy that leaves is to be redacted.
pub fn gate(
    journal: &Journal,
    findings: &[Finding],
    choice: &IdentifierArgs,
    what: &str,
) -> Result<bool> {
    if findings.is_empty() || choice.allow_identifiers {
        return Ok(false);
    }
    if choice.redact {
        eprintln!(
            "{} replaced in the copy; your journal keeps its text.",
            details(findings.len())
        );
        return Ok(true);
    }
    print_findings_to_stderr(journal, findings);
    bail!(
        "{} that may identify someone would leave in {what}; check them with `waymark check`, then give --redact to replace them in the copy (your journal keeps its text) or --allow-identifiers to let them go as they are",
        details(findings.len())
    )
}

/// The findings, grouped by reflection, as lines for a person.
fn lines(journal: &Journal, findings: &[Finding]) -> Result<Vec<String>> {
    let mut titles: HashMap<EntryId, String> = HashMap::new();
    let mut out = Vec::new();
    let mut last = None;
    for f in findings {
        if last != Some(f.entry) {
            let title = match titles.get(&f.entry) {
                Some(t) => t.clone(),
                None => {
                    let t = journal.get(f.entry)?.draft.title;
                    titles.insert(f.entry, t.clone());
                    t
                }
            };
            out.push(format!("{}  {}", f.entry, title));
            last = Some(f.entry);
        }
        out.push(format!(
            "  {}: {} \"{}\" — {}",
            f.field,
            f.kind.as_str(),
            f.text,
            f.kind.reason()
        ));
    }
    Ok(out)
}

fn print_findings(journal: &Journal, findings: &[Finding]) -> Result<()> {
    for line in lines(journal, findings)? {
        say!("{line}")?;
    }
    Ok(())
}

fn print_findings_to_stderr(journal: &Journal, findings: &[Finding]) {
    if let Ok(lines) = lines(journal, findings) {
        for line in lines {
            eprintln!("{}", crate::output::safe_text(&line));
        }
    }
}

/// Every kind's name, for an error.
fn kinds() -> String {
    IdentifierKind::ALL.map(IdentifierKind::as_str).join(", ")
}

fn details(n: usize) -> String {
    if n == 1 {
        "1 detail".into()
    } else {
        format!("{n} details")
    }
}

fn versions(n: usize) -> String {
    if n == 1 {
        "1 version".into()
    } else {
        format!("{n} versions")
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn reflections(n: usize) -> String {
    if n == 1 {
        "1 reflection".into()
    } else {
        format!("{n} reflections")
    }
}
