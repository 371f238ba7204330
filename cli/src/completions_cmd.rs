//! `waymark completions SHELL` and `waymark man`: shell completions and the manual
//! page, generated from the same command definition the parser uses, so they never
//! fall behind it.

use anyhow::{Result, bail};
use clap::Args;
use clap_complete::Shell;
use std::io::Write;

/// Arguments of `waymark completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    shell: Shell,
}

/// Prints the completion script for a shell.
pub fn completions(args: CompletionsArgs) -> Result<()> {
    let mut command = crate::command();
    let name = command.get_name().to_owned();
    // Made whole first: clap_complete panics on a failed write, and a closed pipe
    // (`| head`) must end the command quietly instead.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, name, &mut script);
    write_out(&script)
}

/// Arguments of `waymark man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command's own page (waymark-add(1), say) instead of waymark(1).
    #[arg(value_name = "COMMAND")]
    command: Option<String>,
}

/// Prints a manual page as roff (`waymark man | man -l -`): waymark(1), or the page of
/// one command.
pub fn man(args: ManArgs) -> Result<()> {
    let mut command = crate::command();
    // Built, so each command's page shows the options every command takes.
    command.build();
    let page_of = match &args.command {
        None => command,
        Some(name) => match command.find_subcommand(name) {
            Some(sub) => {
                let full = format!("{}-{}", command.get_name(), sub.get_name());
                sub.clone().name(full)
            }
            None => bail!("'{name}' is not a waymark command; `waymark --help` lists them"),
        },
    };
    let mut page = Vec::new();
    clap_mangen::Man::new(page_of).render(&mut page)?;
    write_out(&page)
}

fn write_out(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}
