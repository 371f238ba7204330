//! Writing and managing reflections: add, show, list, edit, history, diff, revert, bin.

use crate::output::{local_time, print_json};
use anyhow::{Context, Result, bail};
use chrono::{Local, NaiveDate};
use clap::Args;
use std::io::{IsTerminal, Read, Write};
use waymark_journal::changes::{RevisionChanges, Segment, SegmentKind};
use waymark_journal::framework::{TagId, lpc};
use waymark_journal::validate::canonical_theme;
use waymark_journal::{CodeTheme, Entry, EntryDraft, Journal, ListFilter, Template};

/// Parses a day typed as YYYY-MM-DD or in words (`yesterday`, `last friday`, `3 days
/// ago`) counted from today's local date, with the engine's rules and message.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    waymark_journal::validate::parse_day(text, Local::now().date_naive()).map_err(|e| e.to_string())
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
    /// The day the reflection is about: YYYY-MM-DD, today, yesterday, friday, last friday
    /// or 3 days ago [add: today].
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// A framework tag: an id, label or everyday name ("hosting style"). Repeat for more.
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// A free label of your own. Repeat for more.
    #[arg(long = "label", value_name = "LABEL")]
    labels: Vec<String>,
    /// free, rolfe (What? So what? Now what?), gibbs, nmc (the NMC reflective account),
    /// what-why-how or what-next (the AoMRC toolkit's) [add: rolfe with --field, else free].
    #[arg(long, value_parser = |s: &str| s.parse::<Template>().map_err(|e| e.to_string()))]
    template: Option<Template>,
    /// A template box, NAME=TEXT: rolfe has what, so-what, now-what; gibbs has description,
    /// feelings, evaluation, analysis, conclusion, action-plan; nmc has nature, learning,
    /// change, relevance; what-why-how has what, why, how; what-next has happened, did,
    /// learnt, next (`waymark templates` lists them). Repeat for more.
    #[arg(long = "field", value_name = "NAME=TEXT", value_parser = parse_field)]
    fields: Vec<(String, String)>,
    /// A theme of the NMC Code the account is relevant to (nmc template): people,
    /// effectively, safety or trust (or its whole name). Repeat for more; on edit, the
    /// themes given replace the ones it had.
    #[arg(long = "code", value_name = "THEME", value_parser = |s: &str| s.parse::<CodeTheme>().map_err(|e| e.to_string()))]
    code: Vec<CodeTheme>,
    /// The Markdown body; `-` reads it from standard input.
    #[arg(long)]
    body: Option<String>,
    /// Star it.
    #[arg(long, conflicts_with = "unstar")]
    star: bool,
    /// Remove its star.
    #[arg(long)]
    unstar: bool,
    /// Write it in your editor ($VISUAL, else $EDITOR): the title on the first line,
    /// then the body, then each template box under its heading. At a terminal it opens
    /// by itself when add is given no --body or --field, or edit nothing to change;
    /// --editor opens it anyway. Close it without saving, or empty it, to save nothing.
    #[arg(long)]
    editor: bool,
}

/// Arguments of `waymark add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    #[command(flatten)]
    entry: EntryOptions,
    /// Print JSON: {"saved", "id", "short_id", "version"} (else the id alone).
    #[arg(long)]
    json: bool,
}

/// Arguments of `waymark edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The entry: its short id as `list` shows it, or its whole id.
    id: String,
    #[command(flatten)]
    entry: EntryOptions,
    /// Remove every framework tag.
    #[arg(long, conflicts_with = "tags")]
    no_tags: bool,
    /// Remove every label.
    #[arg(long, conflicts_with = "labels")]
    no_labels: bool,
    /// Remove every NMC Code theme.
    #[arg(long, conflicts_with = "code")]
    no_code: bool,
    #[command(flatten)]
    revisions: crate::revise::Revisions,
    /// Print JSON: {"id", "short_id", "changed", "version"}.
    #[arg(long)]
    json: bool,
}

/// An entry id argument.
#[derive(Debug, Args)]
pub struct IdArg {
    /// The entry: its short id as `list` shows it, or its whole id.
    id: String,
    /// Print JSON: {"id", "short_id", "in_bin"}.
    #[arg(long)]
    json: bool,
}

/// Arguments of `waymark show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The entry: its short id as `list` shows it, or its whole id.
    id: String,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// The coachee whose shared reflection it is (else looked up in your journal, then
    /// among what coachees shared with you).
    #[arg(long, value_name = "NAME")]
    journal: Option<String>,
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
    /// Skip this many of the newest first (with --limit, to page through them).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// List what this coachee shared with you instead of your own journal.
    #[arg(long, value_name = "NAME")]
    journal: Option<String>,
}

/// Arguments of `waymark history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The entry: its short id as `list` shows it, or its whole id.
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
    /// The entry: its short id as `list` shows it, or its whole id.
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
    /// The entry: its short id as `list` shows it, or its whole id.
    id: String,
    /// The version to bring back, as numbered by `waymark history`.
    revision: u32,
    /// Print JSON: {"id", "short_id", "brought_back", "version"}.
    #[arg(long)]
    json: bool,
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
    /// Whether nothing about the reflection was given (`--editor` aside).
    fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.date.is_none()
            && self.tags.is_empty()
            && self.labels.is_empty()
            && self.template.is_none()
            && self.fields.is_empty()
            && self.code.is_empty()
            && self.body.is_none()
            && !self.star
            && !self.unstar
    }

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
        if !self.code.is_empty() {
            draft.code = self.code;
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
    // At a terminal with no words given, the leader writes in their editor.
    let in_editor = options.editor
        || (options.body.is_none() && options.fields.is_empty() && crate::editor::wanted(false));
    if options.title.is_none() && !in_editor {
        bail!("give the reflection a title with --title");
    }
    let template = options.template.unwrap_or(if !options.code.is_empty() {
        Template::Nmc
    } else if options.fields.is_empty() {
        Template::Free
    } else {
        Template::Rolfe
    });
    // Quick capture: with no --body and no template boxes, the body comes from stdin.
    if options.body.is_none() && options.fields.is_empty() && !in_editor {
        options.body = Some("-".into());
    }
    let mut draft = EntryDraft {
        code: Vec::new(),
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
    if in_editor && !crate::editor::write_in_editor(&mut draft)? {
        eprintln!("Nothing saved: the file was closed unchanged or empty.");
        if args.json {
            print_json(&serde_json::json!({ "saved": false }))?;
        }
        return Ok(());
    }
    let entry = if in_editor {
        crate::editor::save_or_keep(journal, None, draft, |d| journal.create(d))?
    } else {
        journal.create(draft)?
    };
    crate::output::settle(journal);
    // The id is the result a script captures (`id=$(waymark add …)`).
    if args.json {
        let short = journal.short_ids()?.short(entry.id);
        print_json(&serde_json::json!({
            "saved": true, "id": entry.id, "short_id": short, "version": entry.revision,
        }))?;
    } else {
        say!("{}", entry.id)?;
    }
    Ok(())
}

/// `waymark edit`.
pub fn edit(journal: &Journal, args: EditArgs) -> Result<()> {
    let id = journal.resolve_id(&args.id)?;
    let before = journal.get(id)?;
    let short = journal.short_ids()?.short(id);
    let nothing_given = args.entry.is_empty()
        && args.revisions.is_empty()
        && !args.no_tags
        && !args.no_labels
        && !args.no_code;
    let in_editor = args.entry.editor || (nothing_given && crate::editor::wanted(false));
    // What the edit did: the sentence on standard error, the object with --json.
    let json = args.json;
    let done = |changed: bool, version: u32, said: &str| {
        crate::output::report(
            json,
            said,
            &serde_json::json!({
                "id": id, "short_id": short, "changed": changed, "version": version,
            }),
        )
    };
    if nothing_given && !in_editor {
        return done(
            false,
            before.revision,
            "nothing changed: give what to change (--title, --body, --field, --add-tag, …; see `waymark edit --help`) or --editor",
        );
    }
    let mut draft = before.draft.clone();
    if args.no_tags {
        draft.tags.clear();
    }
    if args.no_labels {
        draft.labels.clear();
    }
    if args.no_code {
        draft.code.clear();
    }
    args.entry.apply(&mut draft)?;
    args.revisions.apply(&mut draft)?;
    args.revisions
        .settle_boxes(before.draft.template, &mut draft)?;
    if in_editor && !crate::editor::write_in_editor(&mut draft)? {
        return done(
            false,
            before.revision,
            &format!(
                "nothing changed: the file was closed unchanged or empty; {short} is still version {}",
                before.revision
            ),
        );
    }
    let entry = if in_editor {
        crate::editor::save_or_keep(journal, Some(id), draft, |d| journal.update(id, d))?
    } else {
        journal.update(id, draft)?
    };
    // The engine saves no version identical to the last one.
    if entry.revision == before.revision {
        return done(
            false,
            entry.revision,
            &format!(
                "nothing changed: {short} already holds that; no new version was saved (still version {})",
                entry.revision
            ),
        );
    }
    crate::output::settle(journal);
    done(
        true,
        entry.revision,
        &format!("{short} saved as version {}", entry.revision),
    )
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
    let (id, coachee) = crate::share_cmd::entry_of(journal, &args.id, args.journal.as_deref())?;
    let theirs = coachee
        .as_deref()
        .map(|name| journal.coachee_journal(name))
        .transpose()?;
    let own = journal;
    let journal: &Journal = theirs.as_deref().unwrap_or(journal);
    let entry = journal.get(id)?;
    if args.json {
        return print_json(&entry);
    }
    // Read by the coach at the terminal, as opening it in the app does: no longer new.
    if coachee.is_some() {
        own.mark_seen_in(coachee.as_deref(), id)?;
    }
    let d = &entry.draft;
    let mut out = crate::output::stdout();
    writeln!(out, "{}{}", if d.starred { "★ " } else { "" }, d.title)?;
    writeln!(
        out,
        "id:       {} (short {})",
        entry.id,
        journal.short_ids()?.short(entry.id)
    )?;
    if let Some(name) = &coachee {
        writeln!(out, "shared by {name} (read-only)")?;
    }
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
        if let Some(text) = d.box_text(field.key) {
            writeln!(out, "\n## {}\n{text}", field.label)?;
        }
    }
    if !d.body.trim().is_empty() {
        writeln!(out, "\n{}", d.body.trim_end())?;
    }
    Ok(())
}

/// One line per entry: short id (unique in `journal`), date, star, title, tags.
fn print_entry_lines(journal: &Journal, entries: &[Entry]) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let shorts = journal.short_ids()?;
    let shown: Vec<String> = entries.iter().map(|e| shorts.short(e.id)).collect();
    // One width for the column, as `git log --oneline` gives every hash.
    let width = shown.iter().map(String::len).max().unwrap_or(0);
    let mut out = crate::output::stdout();
    for (entry, short) in entries.iter().zip(&shown) {
        let tags = tag_labels(entry);
        writeln!(
            out,
            "{short:<width$}  {}  {}{}{}",
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
        offset: args.offset,
    };
    let theirs = args
        .journal
        .as_deref()
        .map(|name| journal.coachee_journal(name))
        .transpose()?;
    let journal: &Journal = theirs.as_deref().unwrap_or(journal);
    let entries = journal.list(&filter)?;
    if args.json {
        return print_json(&entries);
    }
    if entries.is_empty() && args.offset > 0 {
        eprintln!("No reflections after the first {}.", args.offset);
    } else if entries.is_empty() && theirs.is_some() {
        eprintln!("Nothing shared with you here.");
    } else if entries.is_empty() {
        eprintln!("No reflections yet. Write one with: waymark add --title \"…\"");
    }
    print_entry_lines(journal, &entries)
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
    let short = journal.short_ids()?.short(id);
    crate::output::report(
        args.json,
        &format!(
            "{short} now holds version {} again, saved as version {}",
            args.revision, entry.revision
        ),
        &serde_json::json!({
            "id": id, "short_id": short, "brought_back": args.revision, "version": entry.revision,
        }),
    )
}

/// `waymark delete`.
pub fn delete(journal: &Journal, args: IdArg) -> Result<()> {
    let id = journal.resolve_id(&args.id)?;
    journal.delete(id)?;
    crate::output::settle(journal);
    let short = journal.short_ids()?.short(id);
    crate::output::report(
        args.json,
        &format!("{short} moved to the bin; `waymark restore {short}` brings it back"),
        &serde_json::json!({ "id": id, "short_id": short, "in_bin": true }),
    )
}

/// `waymark restore`.
pub fn restore(journal: &Journal, args: IdArg) -> Result<()> {
    let entry = journal.restore(journal.resolve_id(&args.id)?)?;
    crate::output::settle(journal);
    let short = journal.short_ids()?.short(entry.id);
    crate::output::report(
        args.json,
        &format!("{short} restored from the bin"),
        &serde_json::json!({ "id": entry.id, "short_id": short, "in_bin": false }),
    )
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
    print_entry_lines(journal, &entries)
}

/// `waymark purge`.
pub fn purge(journal: &Journal, args: IdArg) -> Result<()> {
    let id = journal.resolve_id(&args.id)?;
    // Its short id is gone with it, so the whole id is reported.
    journal.purge(id)?;
    crate::output::settle(journal);
    crate::output::report(
        args.json,
        &format!("{id} removed for good"),
        &serde_json::json!({ "id": id, "short_id": null, "in_bin": false, "purged": true }),
    )
}
