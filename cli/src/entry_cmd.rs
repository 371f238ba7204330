//! Writing and managing reflections: add, show, list, edit, history, diff, revert, bin.

use crate::output::{local_time, print_json};
use anyhow::{Context, Result, bail};
use chrono::{Local, NaiveDate};
use clap::Args;
use std::io::{IsTerminal, Read, Write};
use waymark_journal::changes::{RevisionChanges, Segment, SegmentKind};
use waymark_journal::framework::{TagId, lpc};
use waymark_journal::validate::canonical_theme;
use waymark_journal::{Entry, EntryDraft, Journal, ListFilter, Template};

/// Parses a calendar date typed as YYYY-MM-DD, with the engine's rules and message.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    waymark_journal::validate::parse_date(text).map_err(|e| e.to_string())
}

fn parse_field(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => {
            Ok((key.trim().to_ascii_lowercase(), value.to_owned()))
        }
        _ => Err(format!(
            "'{text}' is not NAME=TEXT, for example now-what=\"Ask the team first\""
        )),
    }
}

/// What a reflection holds, as options shared by `add` and `edit`.
#[derive(Debug, Args)]
pub struct EntryOptions {
    /// A short title.
    #[arg(long)]
    title: Option<String>,
    /// The day the reflection is about, YYYY-MM-DD [add: today].
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// A framework tag: an id, label or everyday name ("hosting style"). Repeat for more.
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// A free label of your own. Repeat for more.
    #[arg(long = "label", value_name = "LABEL")]
    labels: Vec<String>,
    /// free, rolfe (What? So what? Now what?) or gibbs [add: rolfe with --field, else free].
    #[arg(long, value_parser = |s: &str| s.parse::<Template>().map_err(|e| e.to_string()))]
    template: Option<Template>,
    /// A template box, NAME=TEXT: rolfe has what, so-what, now-what; gibbs has description,
    /// feelings, evaluation, analysis, conclusion, action-plan. Repeat for more.
    #[arg(long = "field", value_name = "NAME=TEXT", value_parser = parse_field)]
    fields: Vec<(String, String)>,
    /// The Markdown body; `-` reads it from standard input.
    #[arg(long)]
    body: Option<String>,
    /// Star it.
    #[arg(long, conflicts_with = "unstar")]
    star: bool,
    /// Remove its star.
    #[arg(long)]
    unstar: bool,
}

/// Arguments of `waymark add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    #[command(flatten)]
    entry: EntryOptions,
}

/// Arguments of `waymark edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The entry's id (or its first 8 or more characters).
    id: String,
    #[command(flatten)]
    entry: EntryOptions,
    /// Remove every framework tag.
    #[arg(long, conflicts_with = "tags")]
    no_tags: bool,
    /// Remove every label.
    #[arg(long, conflicts_with = "labels")]
    no_labels: bool,
}

/// An entry id argument.
#[derive(Debug, Args)]
pub struct IdArg {
    /// The entry's id (or its first 8 or more characters).
    id: String,
}

/// Arguments of `waymark show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The entry's id (or its first 8 or more characters).
    id: String,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Arguments of `waymark list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// Only starred reflections.
    #[arg(long)]
    starred: bool,
    /// Only reflections on this theme (id or name).
    #[arg(long)]
    theme: Option<String>,
    /// At most this many.
    #[arg(long)]
    limit: Option<usize>,
}

/// Arguments of `waymark history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The entry's id (or its first 8 or more characters).
    id: String,
    /// Under each version, what changed from the one before ([-removed-] {+added+}).
    #[arg(long)]
    changes: bool,
    /// Print JSON.
    #[arg(long, conflicts_with = "changes")]
    json: bool,
}

/// Arguments of `waymark diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The entry's id (or its first 8 or more characters).
    id: String,
    /// A version, as numbered by `waymark history`: compared with the one before it,
    /// or with the second version given.
    revision: u32,
    /// The version to compare it with [the one before the first]; `diff ID 1 3` shows
    /// what changed from version 1 to version 3.
    other: Option<u32>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Arguments of `waymark revert`.
#[derive(Debug, Args)]
pub struct RevertArgs {
    /// The entry's id (or its first 8 or more characters).
    id: String,
    /// The version to bring back, as numbered by `waymark history`.
    revision: u32,
}

/// Arguments of `waymark bin`.
#[derive(Debug, Args)]
pub struct BinArgs {
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Reads the body from standard input, refusing text that is not UTF-8.
fn read_stdin_body() -> Result<String> {
    let mut stdin = std::io::stdin().lock();
    if stdin.is_terminal() {
        eprintln!("Write the body (Markdown), then press Ctrl-D (Ctrl-Z then Enter on Windows):");
    }
    let mut bytes = Vec::new();
    stdin
        .read_to_end(&mut bytes)
        .context("could not read standard input")?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "the body on standard input is not UTF-8 text (bad byte at position {}); save it as UTF-8 and try again",
            e.utf8_error().valid_up_to()
        )
    })
}

fn body_from(option: Option<String>) -> Result<Option<String>> {
    match option.as_deref() {
        Some("-") => read_stdin_body().map(Some),
        _ => Ok(option),
    }
}

impl EntryOptions {
    /// Applies the options given to a draft; options not given leave it unchanged.
    fn apply(self, draft: &mut EntryDraft) -> Result<()> {
        if let Some(title) = self.title {
            draft.title = title;
        }
        if let Some(date) = self.date {
            draft.date = date;
        }
        if !self.tags.is_empty() {
            draft.tags = self.tags.into_iter().map(TagId).collect();
        }
        if !self.labels.is_empty() {
            draft.labels = self.labels;
        }
        if let Some(template) = self.template {
            draft.template = template;
        }
        for (key, text) in self.fields {
            draft.fields.insert(key, text);
        }
        if let Some(body) = body_from(self.body)? {
            draft.body = body;
        }
        if self.star {
            draft.starred = true;
        }
        if self.unstar {
            draft.starred = false;
        }
        Ok(())
    }
}

/// `waymark add`: prints the new entry's id.
pub fn add(journal: &Journal, args: AddArgs) -> Result<()> {
    let mut options = args.entry;
    if options.title.is_none() {
        bail!("give the reflection a title with --title");
    }
    let template = options.template.unwrap_or(if options.fields.is_empty() {
        Template::Free
    } else {
        Template::Rolfe
    });
    // Quick capture: with no --body and no template boxes, the body comes from stdin.
    if options.body.is_none() && options.fields.is_empty() {
        options.body = Some("-".into());
    }
    let mut draft = EntryDraft {
        title: String::new(),
        body: String::new(),
        template,
        fields: Default::default(),
        date: Local::now().date_naive(),
        tags: Vec::new(),
        labels: Vec::new(),
        starred: false,
    };
    options.apply(&mut draft)?;
    let entry = journal.create(draft)?;
    crate::output::settle(journal);
    say!("{}", entry.id)?;
    Ok(())
}

/// `waymark edit`.
pub fn edit(journal: &Journal, args: EditArgs) -> Result<()> {
    let id = journal.resolve_id(&args.id)?;
    let mut draft = journal.get(id)?.draft;
    if args.no_tags {
        draft.tags.clear();
    }
    if args.no_labels {
        draft.labels.clear();
    }
    args.entry.apply(&mut draft)?;
    let entry = journal.update(id, draft)?;
    crate::output::settle(journal);
    say!("{} saved as version {}", entry.id, entry.revision)?;
    Ok(())
}

fn tag_labels(entry: &Entry) -> Vec<String> {
    entry
        .draft
        .tags
        .iter()
        .map(|t| {
            lpc()
                .item(t.as_str())
                .map_or_else(|| t.to_string(), |i| i.label().to_owned())
        })
        .collect()
}

/// `waymark show`.
pub fn show(journal: &Journal, args: ShowArgs) -> Result<()> {
    let entry = journal.get(journal.resolve_id(&args.id)?)?;
    if args.json {
        return print_json(&entry);
    }
    let d = &entry.draft;
    let mut out = crate::output::stdout();
    writeln!(out, "{}{}", if d.starred { "★ " } else { "" }, d.title)?;
    writeln!(out, "id:       {}", entry.id)?;
    writeln!(out, "date:     {}", d.date)?;
    writeln!(out, "template: {}", d.template.title())?;
    if !d.tags.is_empty() {
        writeln!(out, "tags:     {}", tag_labels(&entry).join(", "))?;
    }
    if !d.labels.is_empty() {
        writeln!(out, "labels:   {}", d.labels.join(", "))?;
    }
    writeln!(
        out,
        "saved:    {} (version {}, first saved {})",
        local_time(&entry.updated_at),
        entry.revision,
        local_time(&entry.created_at)
    )?;
    if let Some(at) = entry.deleted_at {
        writeln!(out, "in the bin since {}", local_time(&at))?;
    }
    for field in d.template.fields() {
        if let Some(text) = d.fields.get(field.key) {
            writeln!(out, "\n## {}\n{}", field.label, text.trim_end())?;
        }
    }
    if !d.body.trim().is_empty() {
        writeln!(out, "\n{}", d.body.trim_end())?;
    }
    Ok(())
}

/// One line per entry: id, date, star, title, tags.
fn print_entry_lines(entries: &[Entry]) -> Result<()> {
    let mut out = crate::output::stdout();
    for entry in entries {
        let tags = tag_labels(entry);
        writeln!(
            out,
            "{}  {}  {}{}{}",
            entry.id,
            entry.draft.date,
            if entry.draft.starred { "★ " } else { "" },
            entry.draft.title,
            if tags.is_empty() {
                String::new()
            } else {
                format!("  [{}]", tags.join(", "))
            }
        )?;
    }
    Ok(())
}

/// `waymark list`.
pub fn list(journal: &Journal, args: ListArgs) -> Result<()> {
    let theme = args.theme.as_deref().map(canonical_theme).transpose()?;
    let filter = ListFilter {
        starred_only: args.starred,
        theme,
        limit: args.limit,
        offset: 0,
    };
    let entries = journal.list(&filter)?;
    if args.json {
        return print_json(&entries);
    }
    if entries.is_empty() {
        eprintln!("No reflections yet. Write one with: waymark add --title \"…\"");
    }
    print_entry_lines(&entries)
}

/// `waymark history`.
pub fn history(journal: &Journal, args: HistoryArgs) -> Result<()> {
    let id = journal.resolve_id(&args.id)?;
    let versions = journal.history(id)?;
    if args.json {
        return print_json(&versions);
    }
    let mut out = crate::output::stdout();
    for (i, v) in versions.iter().enumerate() {
        let marker = if i == 0 { "  (current)" } else { "" };
        writeln!(
            out,
            "version {}  {}  {}{marker}",
            v.revision,
            local_time(&v.saved_at),
            v.draft.title
        )?;
        if args.changes {
            let changes = journal.revision_changes(id, None, v.revision)?;
            // The first version would be all of it "added": said in words instead.
            if changes.from.is_none() {
                writeln!(out, "    the first version")?;
            } else {
                print_changes(&mut out, &changes)?;
            }
        }
    }
    Ok(())
}

/// `waymark diff`.
pub fn diff(journal: &Journal, args: DiffArgs) -> Result<()> {
    let id = journal.resolve_id(&args.id)?;
    let changes = match args.other {
        Some(to) => journal.revision_changes(id, Some(args.revision), to)?,
        None => journal.revision_changes(id, None, args.revision)?,
    };
    if args.json {
        return print_json(&changes);
    }
    let mut out = crate::output::stdout();
    match changes.from {
        Some(from) => writeln!(out, "from version {from} to version {}", changes.to)?,
        None => writeln!(out, "version {}, the first", changes.to)?,
    }
    print_changes(&mut out, &changes)
}

/// Text with its changes marked as `git diff --word-diff` marks them.
fn marked(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| match s.kind {
            SegmentKind::Same => s.text.clone(),
            SegmentKind::Removed => format!("[-{}-]", s.text),
            SegmentKind::Added => format!("{{+{}+}}", s.text),
        })
        .collect()
}

/// Removed then added items, each marked; `None` if there are none.
fn marked_list(
    removed: impl Iterator<Item = String>,
    added: impl Iterator<Item = String>,
) -> Option<String> {
    let items: Vec<String> = removed
        .map(|r| format!("[-{r}-]"))
        .chain(added.map(|a| format!("{{+{a}+}}")))
        .collect();
    (!items.is_empty()).then(|| items.join(" "))
}

/// A framework tag's label, or its id if the framework does not know it.
fn tag_label(tag: &TagId) -> String {
    lpc()
        .item(tag.as_str())
        .map_or_else(|| tag.to_string(), |i| i.label().to_owned())
}

/// What changed, indented under the version it belongs to; "no changes" if nothing did.
fn print_changes(out: &mut impl Write, changes: &RevisionChanges) -> Result<()> {
    if changes.is_empty() {
        writeln!(out, "    no changes")?;
        return Ok(());
    }
    // Later lines of a box are indented too, so each version's changes stay together.
    let indented = |text: String| text.trim_end().replace('\n', "\n      ");
    if let Some(title) = &changes.title {
        writeln!(out, "    title: {}", indented(marked(title)))?;
    }
    if let Some(date) = &changes.date {
        writeln!(out, "    date: [-{}-] {{+{}+}}", date.before, date.after)?;
    }
    if let Some(template) = &changes.template {
        writeln!(
            out,
            "    template: [-{}-] {{+{}+}}",
            template.before.title(),
            template.after.title()
        )?;
    }
    for field in &changes.fields {
        writeln!(
            out,
            "    {}:\n      {}",
            field.label,
            indented(marked(&field.segments))
        )?;
    }
    let removed = changes.tags_removed.iter().map(tag_label);
    let added = changes.tags_added.iter().map(tag_label);
    if let Some(tags) = marked_list(removed, added) {
        writeln!(out, "    tags: {tags}")?;
    }
    let removed = changes.labels_removed.iter().cloned();
    let added = changes.labels_added.iter().cloned();
    if let Some(labels) = marked_list(removed, added) {
        writeln!(out, "    labels: {labels}")?;
    }
    match changes.starred {
        Some(true) => writeln!(out, "    starred")?,
        Some(false) => writeln!(out, "    no longer starred")?,
        None => {}
    }
    Ok(())
}

/// `waymark revert`.
pub fn revert(journal: &Journal, args: RevertArgs) -> Result<()> {
    let id = journal.resolve_id(&args.id)?;
    let entry = journal.restore_revision(id, args.revision)?;
    crate::output::settle(journal);
    say!(
        "{} now holds version {} again, saved as version {}",
        entry.id,
        args.revision,
        entry.revision
    )?;
    Ok(())
}

/// `waymark delete`.
pub fn delete(journal: &Journal, args: IdArg) -> Result<()> {
    let id = journal.resolve_id(&args.id)?;
    journal.delete(id)?;
    crate::output::settle(journal);
    say!("{id} moved to the bin; `waymark restore {id}` brings it back")?;
    Ok(())
}

/// `waymark restore`.
pub fn restore(journal: &Journal, args: IdArg) -> Result<()> {
    let entry = journal.restore(journal.resolve_id(&args.id)?)?;
    crate::output::settle(journal);
    say!("{} restored from the bin", entry.id)?;
    Ok(())
}

/// `waymark bin`.
pub fn bin(journal: &Journal, args: BinArgs) -> Result<()> {
    let entries = journal.bin()?;
    if args.json {
        return print_json(&entries);
    }
    if entries.is_empty() {
        eprintln!("The bin is empty.");
    }
    print_entry_lines(&entries)
}

/// `waymark purge`.
pub fn purge(journal: &Journal, args: IdArg) -> Result<()> {
    let id = journal.resolve_id(&args.id)?;
    journal.purge(id)?;
    crate::output::settle(journal);
    say!("{id} removed for good")?;
    Ok(())
}
