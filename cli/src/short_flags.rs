//! The short flags of the common options, the same letter on every command that has
//! the option: `-n` for `--limit`, `-d` for `--date`, `-t` for `--tag`, `-j` for `--json`.
//!
//! Given here, to the whole command tree at once, rather than option by option: a
//! command that gains one of these options later gets its short flag too, and no two
//! commands can come to spell the same option differently.

use clap::Command;

/// The long options that have a short flag, with their letter.
pub const SHORT_FLAGS: [(&str, char); 4] =
    [("limit", 'n'), ("date", 'd'), ("tag", 't'), ("json", 'j')];

/// `command` and all its subcommands with [`SHORT_FLAGS`] added wherever the long
/// option exists, has no short flag yet and the letter is free on that command.
pub fn add(command: Command) -> Command {
    let taken: Vec<char> = command
        .get_arguments()
        .filter_map(|a| a.get_short())
        .collect();
    command
        .mut_args(|arg| {
            let short = SHORT_FLAGS
                .iter()
                .find(|(long, _)| arg.get_long() == Some(*long))
                .map(|(_, short)| *short);
            match short {
                Some(short) if arg.get_short().is_none() && !taken.contains(&short) => {
                    arg.short(short)
                }
                _ => arg,
            }
        })
        .mut_subcommands(add)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn find<'a>(command: &'a Command, path: &[&str]) -> &'a Command {
        path.iter().fold(command, |c, name| {
            c.find_subcommand(name)
                .unwrap_or_else(|| panic!("no subcommand {name}"))
        })
    }

    fn short_of(command: &Command, long: &str) -> Option<char> {
        command
            .get_arguments()
            .find(|a| a.get_long() == Some(long))
            .and_then(|a| a.get_short())
    }

    #[test]
    fn every_common_option_has_its_letter_and_none_clash() {
        let mut command = add(crate::Cli::command());
        // clap's own check: no two arguments of one command share a short flag.
        command.build();
        command.clone().debug_assert();
        for (path, long, short) in [
            (&["list"][..], "limit", 'n'),
            (&["list"], "json", 'j'),
            (&["search"], "limit", 'n'),
            (&["search"], "json", 'j'),
            (&["add"], "date", 'd'),
            (&["add"], "tag", 't'),
            (&["edit"], "date", 'd'),
            (&["edit"], "tag", 't'),
            (&["show"], "json", 'j'),
            (&["info"], "json", 'j'),
            (&["framework", "find"], "limit", 'n'),
        ] {
            assert_eq!(
                short_of(find(&command, path), long),
                Some(short),
                "{path:?} --{long}"
            );
        }
        // Everywhere the option exists, in the whole tree.
        fn walk(command: &Command) {
            for (long, short) in SHORT_FLAGS {
                if command.get_arguments().any(|a| a.get_long() == Some(long)) {
                    assert_eq!(
                        short_of(command, long),
                        Some(short),
                        "{} --{long}",
                        command.get_name()
                    );
                }
            }
            command.get_subcommands().for_each(walk);
        }
        walk(&command);
    }
}
