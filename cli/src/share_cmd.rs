//! Sharing with a coach: `identity`, `contacts`, `share`, `unshare`, `feedback`,
//! `receive`, `comment`, `comments`, `edit-comment`, `withdraw-comment` and `shared-log`.

use crate::output::{local_time, print_json};
use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use std::path::PathBuf;
use waymark_journal::share::{CommentId, Direction, NewComment, ShareFields};
use waymark_journal::{EntryId, Journal};

/// Arguments of `waymark identity`.
#[derive(Debug, Args)]
pub struct IdentityArgs {
    /// Change the name your share code carries.
    #[arg(long)]
    name: Option<String>,
    /// Print JSON: {"name", "code", "fingerprint"}.
    #[arg(long)]
    json: bool,
}

/// `waymark contacts …`.
#[derive(Debug, Subcommand)]
pub enum ContactsCommand {
    /// Add someone from the share code they gave you.
    Add {
        /// Their share code (waymark1:…).
        code: String,
        /// Call them this instead of the name in their code.
        #[arg(long)]
        name: Option<String>,
        /// Print JSON: the contact added, as `contacts list --json` shows it.
        #[arg(long)]
        json: bool,
    },
    /// List your contacts with their fingerprints.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Remove a contact. What they shared with you stays, and can still be read
    /// (`list --journal NAME`), until you remove it with --delete-shared.
    Remove {
        /// Their name.
        name: String,
        /// Also delete, for good, every reflection they shared with you and your
        /// comments on them (works for someone already removed, too).
        #[arg(long)]
        delete_shared: bool,
        /// Print JSON: {"name", "fingerprint", "shared_kept"} (with --delete-shared:
        /// {"name", "fingerprint", "deleted_entries"}).
        #[arg(long)]
        json: bool,
    },
}

/// Arguments of `waymark contacts`.
#[derive(Debug, Args)]
pub struct ContactsArgs {
    #[command(subcommand)]
    command: ContactsCommand,
}

/// Arguments of `waymark share`.
#[derive(Debug, Args)]
pub struct ShareArgs {
    /// The contact to share with.
    #[arg(long)]
    to: String,
    /// The bundle file to write (for example coach.waymark).
    #[arg(long)]
    out: PathBuf,
    /// Share only these template fields (comma separated, e.g. so-what,now-what):
    /// title, date and tags go, but not the body, other fields or labels.
    #[arg(long, value_delimiter = ',')]
    fields: Vec<String>,
    /// A reflection to share (full id or unique prefix); repeat for more.
    #[arg(long = "id", value_name = "ID")]
    ids: Vec<String>,
    /// What to do with details that may identify someone.
    #[command(flatten)]
    identifiers: crate::check_cmd::IdentifierArgs,
    /// Share the reflections matching this search.
    #[arg(num_args = 0.., value_name = "QUERY")]
    query: Vec<String>,
    /// Print JSON: what was written, as {"to", "sequence", "entries", "comments", "withdrawn", "path", …}.
    #[arg(long)]
    json: bool,
}

/// Arguments of `waymark feedback`.
#[derive(Debug, Args)]
pub struct FeedbackArgs {
    /// The leader to send your comments to.
    #[arg(long)]
    to: String,
    /// The bundle file to write.
    #[arg(long)]
    out: PathBuf,
    /// Print JSON: what was written, as {"to", "sequence", "entries", "comments", "withdrawn", "path", …}.
    #[arg(long)]
    json: bool,
}

/// Arguments of `waymark receive`.
#[derive(Debug, Args)]
pub struct ReceiveArgs {
    /// A .waymark bundle.
    file: PathBuf,
    /// Print JSON: what receiving did, as {"from", "kind", "sequence", "already_received",
    /// "entries_added", "entries_updated", …, "comments_added", …}.
    #[arg(long)]
    json: bool,
}

/// Arguments of `waymark comment`.
#[derive(Debug, Args)]
pub struct CommentArgs {
    /// The reflection: looked up in your journal first, then among what your coachees
    /// shared with you.
    id: String,
    /// The comment (Markdown).
    text: String,
    /// The template field key or framework tag the comment is about.
    #[arg(long)]
    on: Option<String>,
    /// The id of the comment this one answers.
    #[arg(long)]
    reply_to: Option<String>,
    /// The coachee whose shared entry it is (needed when two shared the same id).
    #[arg(long, value_name = "NAME")]
    journal: Option<String>,
    /// Print JSON: {"id", "entry", "journal"} (else the comment's id alone).
    #[arg(long)]
    json: bool,
}

/// Arguments of `waymark comments`.
#[derive(Debug, Args)]
pub struct CommentsArgs {
    /// The reflection (yours, or one a coachee shared).
    id: String,
    /// Print JSON: objects with author, text, at, and more.
    #[arg(long)]
    json: bool,
    /// The coachee whose shared entry it is (needed when two shared the same id).
    #[arg(long, value_name = "NAME")]
    journal: Option<String>,
}

/// Arguments of `waymark edit-comment`.
#[derive(Debug, Args)]
pub struct EditCommentArgs {
    /// The comment's id (shown in brackets by `waymark comments`).
    id: String,
    /// Its new text (Markdown).
    text: String,
    /// Print JSON: {"id", "entry", "revision"}.
    #[arg(long)]
    json: bool,
}

/// Arguments of `waymark withdraw-comment`.
#[derive(Debug, Args)]
pub struct WithdrawCommentArgs {
    /// The comment's id (shown in brackets by `waymark comments`).
    id: String,
    /// Print JSON: {"id", "entry", "withdrawn_at"}.
    #[arg(long)]
    json: bool,
}

/// Arguments of `waymark unshare`.
#[derive(Debug, Args)]
pub struct UnshareArgs {
    /// The reflection to take back (full id or unique prefix).
    id: String,
    /// The contact it was shared with.
    #[arg(long)]
    from: String,
    /// The bundle file to write for them (for example coach.waymark).
    #[arg(long)]
    out: PathBuf,
    /// Print JSON: what was written, as {"to", "sequence", "entries", "comments", "withdrawn", "path", …}.
    #[arg(long)]
    json: bool,
}

/// Arguments of `waymark shared-log`.
#[derive(Debug, Args)]
pub struct SharedLogArgs {
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Runs `waymark identity`.
pub fn identity(journal: &Journal, args: IdentityArgs) -> Result<()> {
    let me = match &args.name {
        Some(name) => journal.set_identity_name(name)?,
        None => journal.identity()?,
    };
    if args.json {
        return print_json(&me);
    }
    say!("Name:        {}", me.name)?;
    say!("Fingerprint: {}", me.fingerprint)?;
    say!(
        "Share code (give this to your coach or coachee):\n{}",
        me.code
    )?;
    Ok(())
}

/// Runs `waymark contacts`.
pub fn contacts(journal: &Journal, args: ContactsArgs) -> Result<()> {
    match args.command {
        ContactsCommand::Add { code, name, json } => {
            let contact = journal.add_contact(&code, name.as_deref())?;
            tell!("added {}", contact.name);
            tell!(
                "fingerprint {}: check it with them on a call before you share",
                contact.fingerprint
            );
            return print_report(json, &contact);
        }
        ContactsCommand::List { json } => {
            let contacts = journal.contacts()?;
            if json {
                return print_json(&contacts);
            }
            if contacts.is_empty() {
                tell!("No contacts yet. Add one with `waymark contacts add CODE`.");
            }
            for c in contacts {
                say!("{}  {}", c.fingerprint, c.name)?;
            }
            // Removed contacts whose shared reflections are kept: still reachable, so listed.
            for c in journal.former_coachees()? {
                say!(
                    "{}  {}  (removed; what they shared is kept until `waymark contacts remove \"{}\" --delete-shared`)",
                    c.fingerprint,
                    c.name,
                    c.name
                )?;
            }
        }
        ContactsCommand::Remove {
            name,
            delete_shared: true,
            json,
        } => {
            let (coachee, entries) = journal.delete_shared_by(&name)?;
            tell!(
                "deleted the {entries} reflection{} {} shared with you{}",
                plural(entries),
                coachee.name,
                if coachee.removed {
                    ""
                } else {
                    ", and removed them from your contacts"
                }
            );
            if json {
                print_json(&serde_json::json!({
                    "name": coachee.name, "fingerprint": coachee.fingerprint,
                    "deleted_entries": entries,
                }))?;
            }
        }
        ContactsCommand::Remove { name, json, .. } => {
            let contact = journal.remove_contact(&name)?;
            tell!("removed {}", contact.name);
            let kept = journal
                .former_coachees()?
                .into_iter()
                .any(|c| c.fingerprint == contact.fingerprint);
            if kept {
                tell!(
                    "what {0} shared with you stays here: `waymark list --journal \"{0}\"`; `waymark contacts remove \"{0}\" --delete-shared` deletes it",
                    contact.name
                );
            }
            if json {
                print_json(&serde_json::json!({
                    "name": contact.name, "fingerprint": contact.fingerprint, "shared_kept": kept,
                }))?;
            }
        }
    }
    Ok(())
}

/// Runs `waymark share`.
pub fn share(journal: &Journal, args: ShareArgs) -> Result<()> {
    let mut ids = Vec::new();
    for id in &args.ids {
        ids.push(journal.resolve_id(id)?);
    }
    let query = args.query.join(" ");
    if !query.trim().is_empty() {
        ids.extend(journal.search_ids(&query)?);
    }
    if ids.is_empty() && args.ids.is_empty() && query.trim().is_empty() {
        bail!("choose what to share: give a search (for example tag:hosting-style) or --id ID");
    }
    let fields = if args.fields.is_empty() {
        ShareFields::Whole
    } else {
        ShareFields::Only(args.fields)
    };
    // Only what leaves is checked: with --fields, the title and those boxes.
    let findings = journal.share_findings(&args.to, &ids, &fields)?;
    let redact = crate::check_cmd::gate(journal, &findings, &args.identifiers, "this share")?;
    let report = journal.share_with(&args.to, &ids, &fields, &args.out, redact)?;
    tell!(
        "shared {} reflection{} and {} comment{} with {} in {} (bundle {})",
        report.entries,
        plural(report.entries),
        report.comments,
        plural(report.comments),
        report.to,
        report.path.display(),
        report.sequence
    );
    if report.withdrawn > 0 {
        tell!(
            "it also takes back {} reflection{} you withdrew from {}",
            report.withdrawn,
            plural(report.withdrawn),
            report.to
        );
    }
    print_report(args.json, &report)
}

/// With `json`, a bundle's report as JSON on standard output (its sentences having
/// gone to standard error).
fn print_report(json: bool, report: &impl serde::Serialize) -> Result<()> {
    if json {
        print_json(report)?;
    }
    Ok(())
}

/// "s" unless there is exactly one.
fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Runs `waymark unshare`.
pub fn unshare(journal: &Journal, args: UnshareArgs) -> Result<()> {
    let id = journal.resolve_id(&args.id)?;
    let report = journal.withdraw_share(id, &args.from, &args.out)?;
    tell!(
        "withdrew {id} from {}: send them {} (bundle {}); their copy, and the comments on it there, are removed when they receive it or any later bundle from you",
        report.to,
        report.path.display(),
        report.sequence
    );
    tell!("what they have already read, or copied elsewhere, cannot be taken back");
    print_report(args.json, &report)
}

/// A comment id as typed.
fn comment_id(text: &str) -> Result<CommentId> {
    text.parse::<CommentId>().with_context(|| {
        format!("'{text}' is not a comment id; `waymark comments ENTRY` shows them in brackets")
    })
}

/// Runs `waymark edit-comment`.
pub fn edit_comment(journal: &Journal, args: EditCommentArgs) -> Result<()> {
    let comment = journal.edit_comment(comment_id(&args.id)?, &args.text)?;
    crate::output::report(
        args.json,
        &format!(
            "edited comment {} (revision {}); it goes with your next bundle",
            comment.id, comment.revision
        ),
        &serde_json::json!({
            "id": comment.id, "entry": comment.entry_id, "revision": comment.revision,
        }),
    )
}

/// Runs `waymark withdraw-comment`.
pub fn withdraw_comment(journal: &Journal, args: WithdrawCommentArgs) -> Result<()> {
    let comment = journal.withdraw_comment(comment_id(&args.id)?)?;
    crate::output::report(
        args.json,
        &format!(
            "withdrew comment {}: its words are erased here, and go from wherever it went with your next bundle",
            comment.id
        ),
        &serde_json::json!({
            "id": comment.id, "entry": comment.entry_id, "withdrawn_at": comment.withdrawn_at,
        }),
    )
}

/// Runs `waymark feedback`.
pub fn feedback(journal: &Journal, args: FeedbackArgs) -> Result<()> {
    let report = journal.feedback(&args.to, &args.out)?;
    tell!(
        "wrote {} comment{} for {} to {} (bundle {})",
        report.comments,
        plural(report.comments),
        report.to,
        report.path.display(),
        report.sequence
    );
    print_report(args.json, &report)
}

/// Runs `waymark receive`.
pub fn receive(journal: &Journal, args: ReceiveArgs) -> Result<()> {
    let r = journal.receive(&args.file)?;
    crate::output::settle(journal);
    if r.already_received {
        // Not an error: a watched folder, or a second try, sees the same file again.
        tell!(
            "already received, nothing new: {} bundle {} from {} was received before; nothing was changed",
            r.kind,
            r.sequence,
            r.from
        );
        return print_report(args.json, &r);
    }
    tell!(
        "received {} bundle {} from {}: {} reflections added, {} updated, {} unchanged; {} comments added, {} changed by their authors, {} already here",
        r.kind,
        r.sequence,
        r.from,
        r.entries_added,
        r.entries_updated,
        r.entries_unchanged,
        r.comments_added,
        r.comments_revised,
        r.comments_unchanged
    );
    if r.entries_withdrawn > 0 {
        tell!(
            "{} withdrew {} reflection{}: your copies, and the comments on them, were removed",
            r.from,
            r.entries_withdrawn,
            plural(r.entries_withdrawn)
        );
    }
    if r.comments_skipped > 0 {
        tell!(
            "{} comments were on reflections no longer in your journal (purged after sharing) and were left out",
            r.comments_skipped
        );
    }
    if r.entries_older > 0 {
        tell!(
            "{} reflections in it were older than the copies already here (it arrived late); the newer copies were kept",
            r.entries_older
        );
    }
    print_report(args.json, &r)
}

/// The entry typed and whose journal it is in: the coachee `coachee`'s when named,
/// else where [`Journal::locate_entry`] finds it (this journal first).
pub(crate) fn entry_of(
    journal: &Journal,
    text: &str,
    coachee: Option<&str>,
) -> Result<(EntryId, Option<String>)> {
    match coachee {
        Some(name) => {
            // A removed contact's shared entries are reached by name too.
            let coachee = journal.coachee_named(name)?;
            let id = journal.coachee_journal(&coachee.name)?.resolve_id(text)?;
            Ok((id, Some(coachee.name)))
        }
        None => {
            let location = journal.locate_entry(text)?;
            Ok((location.id, location.coachee.map(|c| c.name)))
        }
    }
}

/// Runs `waymark comment`.
pub fn comment(journal: &Journal, args: CommentArgs) -> Result<()> {
    let (id, coachee) = entry_of(journal, &args.id, args.journal.as_deref())?;
    let reply_to = args.reply_to.as_deref().map(comment_id).transpose()?;
    let comment = journal.add_comment_in(
        coachee.as_deref(),
        id,
        NewComment {
            text: args.text,
            anchor: args.on,
            reply_to,
        },
    )?;
    // The id is the result (a reply names it with --reply-to).
    if args.json {
        return print_json(&serde_json::json!({
            "id": comment.id, "entry": id, "journal": coachee,
        }));
    }
    say!("{}", comment.id)?;
    Ok(())
}

/// Runs `waymark comments`.
pub fn comments(journal: &Journal, args: CommentsArgs) -> Result<()> {
    let (id, coachee) = entry_of(journal, &args.id, args.journal.as_deref())?;
    let comments = journal.comments_in(coachee.as_deref(), id)?;
    if args.json {
        let list: Vec<serde_json::Value> = comments
            .iter()
            .map(|c| {
                serde_json::json!({
                    "id": c.id,
                    "author": c.author,
                    "mine": c.mine,
                    "text": c.text,
                    "at": c.created_at,
                    "on": c.anchor,
                    "reply_to": c.reply_to,
                    "revision": c.revision,
                    "edited_at": c.edited_at,
                    "withdrawn_at": c.withdrawn_at,
                })
            })
            .collect();
        return print_json(&list);
    }
    if comments.is_empty() {
        tell!("No comments on this reflection.");
    }
    for c in comments {
        let who = if c.mine {
            format!("{} (you)", c.author)
        } else {
            c.author.clone()
        };
        let on = c
            .anchor
            .as_deref()
            .map(|a| format!(" on {a}"))
            .unwrap_or_default();
        let reply = if c.reply_to.is_some() { " (reply)" } else { "" };
        let edited = c
            .edited_at
            .map(|at| format!(" (edited {})", local_time(&at)))
            .unwrap_or_default();
        say!(
            "{}  {who}{on}{reply}{edited}  [{}]",
            local_time(&c.created_at),
            c.id
        )?;
        if let Some(at) = c.withdrawn_at {
            say!("    (withdrawn by {} on {})", c.author, local_time(&at))?;
        }
        for line in c.text.lines() {
            say!("    {line}")?;
        }
    }
    Ok(())
}

/// Runs `waymark shared-log`.
pub fn shared_log(journal: &Journal, args: SharedLogArgs) -> Result<()> {
    let log = journal.share_log()?;
    if args.json {
        return print_json(&log);
    }
    if log.is_empty() {
        tell!("Nothing shared or received yet.");
    }
    for l in log {
        let fields = match &l.fields {
            Some(f) => format!(" (fields: {})", f.join(", ")),
            None => String::new(),
        };
        let withdrawn = match l.withdrawn.len() {
            0 => String::new(),
            n => format!(", {n} withdrawn"),
        };
        say!(
            "{}  {} {} {} {}: {} reflections{fields}, {} comments{withdrawn} (bundle {})",
            local_time(&l.at),
            l.direction,
            l.kind,
            if l.direction == Direction::Sent {
                "to"
            } else {
                "from"
            },
            l.contact,
            l.entries.len(),
            l.comments,
            l.sequence
        )?;
    }
    Ok(())
}
