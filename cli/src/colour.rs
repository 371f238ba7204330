//! Colour: on a terminal only, and never when `NO_COLOR` is set (<https://no-color.org>).
//!
//! Piped or redirected output stays plain text, so a script or a file never receives
//! escape codes. Through the pager colour still reaches the screen, because the pager
//! runs with `LESS=FRX` (`R` passes colours through) unless the user set `LESS`.
//!
//! Every escape the CLI writes is made here, around text that [`crate::output`] has
//! already made safe, so a journal's words can never carry escapes of their own.

use std::ffi::OsStr;
use std::io::IsTerminal;
use std::sync::OnceLock;

/// Whether output is coloured: a pure function of the facts, so the rules are tested
/// without a terminal. `no_color` is the value of `NO_COLOR` (`None` when unset); as
/// the convention says, an empty value does not turn colour off.
pub fn choose(stdout_is_terminal: bool, no_color: Option<&OsStr>) -> bool {
    stdout_is_terminal && no_color.is_none_or(OsStr::is_empty)
}

/// Whether this run colours its output (decided once, from standard output and `NO_COLOR`).
pub fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| {
        choose(
            std::io::stdout().is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
        )
    })
}

/// Bold yellow: a search match within its snippet, as `grep --color` marks one.
const MATCH: &str = "\x1b[1;33m";
/// Back to plain text.
const RESET: &str = "\x1b[0m";

/// A snippet's passages (see `SearchHit::snippet_passages`) as one line for a
/// terminal: each passage made safe and its runs of whitespace folded to one space,
/// the matches highlighted when `colour` is on. Without colour the words are exactly
/// the plain snippet's.
pub fn highlighted(passages: &[(String, bool)], colour: bool) -> String {
    let mut line = String::new();
    // Whitespace is folded across passages, so a match at the edge of one keeps
    // exactly one space between it and its neighbour, outside the highlight.
    let mut space = false;
    for (text, matched) in passages {
        let mut open = false;
        for c in crate::output::safe_text(text).chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if space && !line.is_empty() {
                line.push(' ');
            }
            space = false;
            if *matched && colour && !open {
                line.push_str(MATCH);
                open = true;
            }
            line.push(c);
        }
        if open {
            line.push_str(RESET);
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_on_a_terminal_and_never_with_no_color() {
        assert!(choose(true, None));
        assert!(!choose(false, None), "piped");
        assert!(!choose(true, Some(OsStr::new("1"))), "NO_COLOR=1");
        assert!(
            choose(true, Some(OsStr::new(""))),
            "an empty NO_COLOR is unset"
        );
    }

    #[test]
    fn matches_are_highlighted_and_the_words_kept() {
        let passages = vec![
            ("  We ".to_owned(), false),
            ("hosted".to_owned(), true),
            ("\n the\u{1b}[2J forum".to_owned(), false),
        ];
        assert_eq!(
            highlighted(&passages, true),
            "We \u{1b}[1;33mhosted\u{1b}[0m the[2J forum"
        );
        assert_eq!(highlighted(&passages, false), "We hosted the[2J forum");
    }
}
