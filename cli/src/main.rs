//! `waymark`: the Waymark reflective-practice journal from the terminal.
//!
//! A thin shell: it parses arguments, calls the engine crates and prints.

#[macro_use]
mod output;
mod admin_cmd;
mod check_cmd;
mod colour;
mod completions_cmd;
mod editor;
mod entry_cmd;
mod framework_cmd;
mod growth_cmd;
mod info_cmd;
mod key_cmd;
mod pager;
mod plan_cmd;
mod revise;
mod search_cmd;
mod share_cmd;
mod short_flags;
mod template_cmd;
mod transfer_cmd;

use anyhow::{Context, Result};
use clap::parser::ValueSource;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use waymark_journal::{Journal, Shelf, paths};

/// Waymark: an offline reflective-practice journal for leaders in health and care.
#[derive(Debug, Parser)]
#[command(name = "waymark", version, long_about = None, after_help = OUTPUT_CONTRACT)]
struct Cli {
    #[command(flatten)]
    journal: JournalArgs,
    /// Print long output straight to the terminal, not through a pager ($PAGER, else less).
    #[arg(long, global = true)]
    no_pager: bool,
    #[command(subcommand)]
    command: Command,
}

/// What every command promises a script, shown under `waymark --help`.
const OUTPUT_CONTRACT: &str = "Output:
  Results go to standard output; messages for a person (confirmations, \"No reflections
  yet\", warnings, errors) go to standard error. --json prints the result as JSON on
  standard output on every command that reports something: for a change, one object
  saying what it did (ids, counts, paths). Colour only on a terminal, never with NO_COLOR.

Exit status:
  0 done; 1 nothing matched (search, framework find); 2 an error (nothing was changed).";

/// Which journal to use.
#[derive(Debug, Args)]
pub struct JournalArgs {
    /// The journal folder [default: Waymark in your OS data folder].
    #[arg(long, global = true, env = paths::DATA_DIR_ENV, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// How the folder was chosen (set from where clap found `data_dir`).
    #[arg(skip)]
    chosen: info_cmd::Chosen,
    /// Whether the command may start a new journal when the folder holds none; the
    /// others say there is none, so a mistyped `--data-dir` is noticed.
    #[arg(skip)]
    may_start: bool,
}

impl JournalArgs {
    /// Where the chosen journal is: `--data-dir`, or the usual place.
    pub fn shelf(&self) -> Result<Shelf> {
        match &self.data_dir {
            // A journal moved from there is followed to where it went.
            Some(dir) => Ok(Shelf::at(waymark_journal::relocate::follow_signpost(dir))),
            None => Shelf::usual()
                .context("this computer has no data folder for you; give one with --data-dir"),
        }
    }

    /// Opens the chosen journal, showing a progress bar if its search index must be rebuilt.
    ///
    /// An encrypted journal is unlocked first (see [`key_cmd::open`]).
    pub fn open(&self) -> Result<Journal> {
        let mut bar = output::ProgressBar::new("Rebuilding the search index");
        let journal = key_cmd::open(self, &mut |p| bar.update(p))?;
        bar.finish();
        Ok(journal)
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Make a new journal, encrypted with a passphrase (prints its recovery key once).
    Init(key_cmd::InitArgs),
    /// Turn encryption on for a plain journal (prints its recovery key once).
    Encrypt(output::JsonArg),
    /// Make a checked backup of the journal in a folder of its own.
    Backup(key_cmd::BackupArgs),
    /// Restore a backup into a new folder, or in place of the journal with --replace
    /// (`restore` takes a reflection out of the bin).
    RestoreBackup(key_cmd::RestoreArgs),
    /// Move the journal to another folder; the old one keeps a note saying where it went,
    /// so Waymark and this command still find it.
    Move(key_cmd::MoveArgs),
    /// Change an encrypted journal's passphrase.
    Passphrase(key_cmd::PassphraseArgs),
    /// Set a new passphrase with the recovery key, when the passphrase is forgotten.
    Recover(output::JsonArg),
    /// Keep a key that opens the journal in this computer's credential store, so it
    /// opens without the passphrase.
    Remember(output::JsonArg),
    /// Drop the key this computer's credential store keeps for the journal.
    Forget(output::JsonArg),
    /// Show the Leadership for Personalised Care framework, or find items in it.
    #[command(after_help = output::MATCH_STATUS)]
    Framework(framework_cmd::FrameworkArgs),
    /// List the templates a reflection can follow (Rolfe, Gibbs, the NMC account, the
    /// AoMRC toolkit's), or show one's boxes.
    Template(template_cmd::TemplateArgs),
    /// Write a new reflection; the body comes from --body or standard input.
    Add(entry_cmd::AddArgs),
    /// Show one reflection.
    Show(entry_cmd::ShowArgs),
    /// List reflections, newest first.
    List(entry_cmd::ListArgs),
    /// Change a reflection; the previous version is kept in its history.
    Edit(entry_cmd::EditArgs),
    /// Show every version of a reflection.
    History(entry_cmd::HistoryArgs),
    /// Show what changed between two versions of a reflection, word by word.
    Diff(entry_cmd::DiffArgs),
    /// Bring back an earlier version of a reflection (saved as a new version).
    Revert(entry_cmd::RevertArgs),
    /// Move a reflection to the bin.
    Delete(entry_cmd::IdArg),
    /// Take a reflection out of the bin.
    Restore(entry_cmd::IdArg),
    /// List the reflections in the bin.
    Bin(entry_cmd::BinArgs),
    /// Remove a reflection in the bin for good, with its history.
    Purge(entry_cmd::IdArg),
    /// The development plan: open actions, soonest due first (--due, --all).
    Actions(plan_cmd::ActionsArgs),
    /// Plan an action from a reflection, or mark one done, dropped, open again…
    Action(plan_cmd::ActionArgs),
    /// Search reflections (words, "phrases", -exclude, tag:, theme:, after:, …).
    #[command(after_help = output::MATCH_STATUS)]
    Search(search_cmd::SearchArgs),
    /// Count reflections per theme, behaviour and quality over time.
    Growth(growth_cmd::GrowthArgs),
    /// Framework items not reflected on for a while.
    Neglected(growth_cmd::NeglectedArgs),
    /// Find details that may identify someone (NHS numbers, postcodes, names…).
    Check(check_cmd::CheckArgs),
    /// The names the check watches for (colleagues, patients).
    Watch(check_cmd::WatchArgs),
    /// Take the details that may identify someone out of a reflection in the journal
    /// itself (and, if you say so, out of its earlier versions).
    Redact(check_cmd::RedactArgs),
    /// Export reflections (their current versions) to Waymark JSON or Markdown files;
    /// `backup` keeps the whole journal.
    Export(transfer_cmd::ExportArgs),
    /// Import a Waymark JSON export; never overwrites newer local edits.
    Import(transfer_cmd::ImportArgs),
    /// Show your name, share code and fingerprint (made on first use).
    Identity(share_cmd::IdentityArgs),
    /// Add, list or remove the people you share with.
    Contacts(share_cmd::ContactsArgs),
    /// Write an encrypted, signed bundle of reflections for a contact.
    Share(share_cmd::ShareArgs),
    /// Write a bundle of your comments for a leader who shared with you.
    Feedback(share_cmd::FeedbackArgs),
    /// Receive a bundle from a contact (reflections or feedback).
    Receive(share_cmd::ReceiveArgs),
    /// Comment on a reflection (yours, or one a coachee shared with you).
    Comment(share_cmd::CommentArgs),
    /// Show the comments on a reflection.
    Comments(share_cmd::CommentsArgs),
    /// Change the text of a comment you wrote; it goes with your next bundle.
    EditComment(share_cmd::EditCommentArgs),
    /// Take back a comment you wrote: its words are erased here and, with your next
    /// bundle, wherever it went.
    WithdrawComment(share_cmd::WithdrawCommentArgs),
    /// Take a shared reflection back from a contact: writes a bundle that removes
    /// their copy.
    Unshare(share_cmd::UnshareArgs),
    /// Show what was shared with whom, and what was received.
    SharedLog(share_cmd::SharedLogArgs),
    /// Rebuild the search index from the journal.
    Reindex(output::JsonArg),
    /// Fill the journal with realistic sample reflections.
    Demo(admin_cmd::DemoArgs),
    /// Measure search, save and reindex speed against SQLite FTS5.
    Bench(admin_cmd::BenchArgs),
    /// Which journal is in use (and why), whether it is encrypted, what it holds, its
    /// last backup and the versions.
    Info(info_cmd::InfoArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions_cmd::CompletionsArgs),
    /// Print the manual page as roff (`waymark man | man -l -`).
    Man(completions_cmd::ManArgs),
}

impl Command {
    /// Whether this command may start a new journal in a folder that holds none: the
    /// ones that put something in it. Every other command says there is no journal.
    fn starts_a_journal(&self) -> bool {
        matches!(
            self,
            Command::Add(_)
                | Command::Import(_)
                | Command::Demo(_)
                | Command::Identity(_)
                | Command::Contacts(_)
                | Command::Receive(_)
        )
    }

    /// Whether this command's output can be long enough for a pager.
    fn pages(&self) -> bool {
        matches!(
            self,
            Command::List(_)
                | Command::Search(_)
                | Command::Show(_)
                | Command::History(_)
                | Command::Diff(_)
                | Command::Bin(_)
                | Command::Growth(_)
                | Command::Neglected(_)
                | Command::Framework(_)
                | Command::Template(_)
                | Command::Check(_)
                | Command::Comments(_)
                | Command::SharedLog(_)
                | Command::Actions(_)
        )
    }
}

/// The whole command line as clap knows it, short flags included: what is parsed, and
/// what the completions and the manual page are made from.
pub fn command() -> clap::Command {
    short_flags::add(Cli::command())
}

/// Parses the command line, noting how the journal folder was chosen.
fn parse() -> Cli {
    let matches = command().get_matches();
    let mut cli =
        Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.format(&mut command()).exit());
    cli.journal.chosen = match matches.value_source("data_dir") {
        Some(ValueSource::CommandLine) => info_cmd::Chosen::DataDir,
        Some(ValueSource::EnvVariable) => info_cmd::Chosen::Env,
        _ => info_cmd::Chosen::Usual,
    };
    cli.journal.may_start = cli.command.starts_a_journal();
    cli
}

fn run(cli: Cli) -> Result<()> {
    let journal = &cli.journal;
    match cli.command {
        Command::Init(args) => key_cmd::init(journal, args),
        Command::Passphrase(args) => key_cmd::passphrase_cmd(journal, args),
        Command::Recover(out) => key_cmd::recover(journal, out),
        Command::Remember(out) => key_cmd::remember(journal, out),
        Command::Forget(out) => key_cmd::forget(journal, out),
        Command::Encrypt(out) => key_cmd::encrypt(journal, out),
        Command::Backup(args) => key_cmd::backup(journal, args),
        Command::RestoreBackup(args) => key_cmd::restore(journal, args),
        Command::Move(args) => key_cmd::move_to(journal, args),
        Command::Framework(args) => framework_cmd::run(args),
        Command::Template(args) => template_cmd::run(args),
        Command::Add(args) => entry_cmd::add(&journal.open()?, args),
        Command::Show(args) => entry_cmd::show(&journal.open()?, args),
        Command::List(args) => entry_cmd::list(&journal.open()?, args),
        Command::Edit(args) => entry_cmd::edit(&journal.open()?, args),
        Command::History(args) => entry_cmd::history(&journal.open()?, args),
        Command::Diff(args) => entry_cmd::diff(&journal.open()?, args),
        Command::Revert(args) => entry_cmd::revert(&journal.open()?, args),
        Command::Delete(args) => entry_cmd::delete(&journal.open()?, args),
        Command::Restore(args) => entry_cmd::restore(&journal.open()?, args),
        Command::Bin(args) => entry_cmd::bin(&journal.open()?, args),
        Command::Purge(args) => entry_cmd::purge(&journal.open()?, args),
        Command::Actions(args) => plan_cmd::list(&journal.open()?, args),
        Command::Action(args) => plan_cmd::run(&journal.open()?, args),
        Command::Search(args) => search_cmd::run(&journal.open()?, args),
        Command::Growth(args) => growth_cmd::growth(&journal.open()?, args),
        Command::Neglected(args) => growth_cmd::neglected(&journal.open()?, args),
        Command::Check(args) => check_cmd::check(&journal.open()?, args),
        Command::Watch(args) => check_cmd::watch(&journal.open()?, args),
        Command::Redact(args) => check_cmd::redact(&journal.open()?, args),
        Command::Export(args) => transfer_cmd::export(&journal.open()?, args),
        Command::Import(args) => transfer_cmd::import(&journal.open()?, args),
        Command::Identity(args) => share_cmd::identity(&journal.open()?, args),
        Command::Contacts(args) => share_cmd::contacts(&journal.open()?, args),
        Command::Share(args) => share_cmd::share(&journal.open()?, args),
        Command::Feedback(args) => share_cmd::feedback(&journal.open()?, args),
        Command::Receive(args) => share_cmd::receive(&journal.open()?, args),
        Command::Comment(args) => share_cmd::comment(&journal.open()?, args),
        Command::Comments(args) => share_cmd::comments(&journal.open()?, args),
        Command::EditComment(args) => share_cmd::edit_comment(&journal.open()?, args),
        Command::WithdrawComment(args) => share_cmd::withdraw_comment(&journal.open()?, args),
        Command::Unshare(args) => share_cmd::unshare(&journal.open()?, args),
        Command::SharedLog(args) => share_cmd::shared_log(&journal.open()?, args),
        Command::Reindex(out) => admin_cmd::reindex(&journal.open()?, out),
        Command::Demo(args) => admin_cmd::demo(&journal.open()?, args),
        Command::Bench(args) => admin_cmd::bench(args, journal),
        Command::Info(args) => info_cmd::run(journal, args),
        Command::Completions(args) => completions_cmd::completions(args),
        Command::Man(args) => completions_cmd::man(args),
    }
}

fn main() -> ExitCode {
    let cli = parse();
    if cli.command.pages() {
        pager::use_for_output(cli.no_pager);
    }
    let result = run(cli);
    // The pager is closed (and waited for) before an error is printed, so the message
    // comes after it rather than under it.
    pager::finish();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `waymark list | head`: the reader had what it wanted and closed the pipe, so
        // the command ends quietly with success, as well-behaved tools do.
        Err(error) if output::is_closed_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => match error.downcast_ref::<output::NothingMatched>() {
            // Not an error: the search ran, as `grep` finding nothing is not.
            Some(output::NothingMatched(message)) => {
                if let Some(message) = message {
                    tell!("{message}");
                }
                ExitCode::from(output::EXIT_NOTHING_MATCHED)
            }
            None => {
                // Messages quote what was typed or received (names, tags): safe for a terminal too.
                tell!("waymark: {error:#}");
                ExitCode::from(output::EXIT_ERROR)
            }
        },
    }
}
