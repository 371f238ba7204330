//! `waymark`: the Waymark reflective-practice journal from the terminal.
//!
//! A thin shell: it parses arguments, calls the engine crates and prints.

mod framework_cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Waymark: an offline reflective-practice journal for leaders in health and care.
#[derive(Debug, Parser)]
#[command(name = "waymark", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show the Leadership for Personalised Care framework, or find items in it.
    Framework(framework_cmd::FrameworkArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Framework(args) => framework_cmd::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("waymark: {error:#}");
            ExitCode::FAILURE
        }
    }
}
