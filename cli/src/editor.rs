//! Writing a reflection in the leader's own editor (`$VISUAL`, else `$EDITOR`), as
//! `git commit` and jrnl do.
//!
//! The file holds the title on its first line, then any free writing (the body), then
//! each of the template's boxes under its heading (`## What?`), with the box's prompt
//! beside it as an HTML comment that is dropped again when the file is read back:
//!
//! ```text
//! Hosting the neighbourhood forum
//!
//! ## What?
//! <!-- What happened? What was my part in it? -->
//! I let the room set the agenda.
//! ```
//!
//! Closing the editor without saving (the file unchanged), or emptying the file, saves
//! nothing. The file lives only while the editor has it: made readable by this user
//! alone, and deleted as soon as it is read back.

use anyhow::{Context, Result, bail};
use std::collections::BTreeMap;
use std::fs;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use waymark_journal::Template;

/// The closing note, dropped when the file is read back.
const NOTE: &str = "<!-- waymark: the first line is the title; free writing goes under it, each box under its heading. Save and close to keep it; close without saving, or empty the file, to change nothing. -->";

/// What the leader wrote in the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The first line.
    pub title: String,
    /// Text before the first box heading.
    pub body: String,
    /// Each box's text, by key (boxes left empty are absent).
    pub fields: BTreeMap<String, String>,
}

/// Whether `add` or `edit` should open the editor: asked for with `--editor`, or both
/// ends of the command are a terminal (a person is typing and reading).
pub fn wanted(asked: bool) -> bool {
    asked || (std::io::stdin().is_terminal() && std::io::stdout().is_terminal())
}

/// The heading line of a box.
fn heading(label: &str) -> String {
    format!("## {label}")
}

/// A box as a Markdown section, as carried into a body: its heading, then its text.
pub fn section(label: &str, text: &str) -> String {
    format!("{}\n{}\n", heading(label), text.trim_end())
}

/// The file the editor opens.
pub fn file_text(
    title: &str,
    template: Template,
    body: &str,
    fields: &BTreeMap<String, String>,
) -> String {
    let mut text = format!("{title}\n\n");
    if !body.trim().is_empty() {
        text.push_str(body.trim_end());
        text.push_str("\n\n");
    }
    for field in template.fields() {
        text.push_str(&heading(field.label));
        text.push('\n');
        text.push_str(&format!("<!-- {} -->\n", field.prompt));
        if let Some(value) = fields.get(field.key) {
            text.push_str(value.trim_end());
            text.push('\n');
        }
        text.push('\n');
    }
    text.push_str(NOTE);
    text.push('\n');
    text
}

/// Reads the file back; `None` when nothing is left in it.
pub fn parse(text: &str, template: Template) -> Option<Written> {
    let text = text.replace("\r\n", "\n");
    let mut lines = text
        .lines()
        .filter(|line| line.trim() != NOTE)
        .skip_while(|line| line.trim().is_empty());
    let first = lines.next()?;
    // A leader may write the title as a Markdown heading, as in other Markdown files.
    let title = first.trim().trim_start_matches('#').trim().to_owned();
    let mut body = Vec::new();
    let mut fields: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut current: Option<(&str, &str)> = None;
    for line in lines {
        let is_heading = template
            .fields()
            .iter()
            .find(|f| line.trim_end() == heading(f.label));
        if let Some(field) = is_heading {
            current = Some((field.key, field.prompt));
            fields.entry(field.key.to_owned()).or_default();
            continue;
        }
        match current {
            Some((key, prompt)) => {
                if line.trim() != format!("<!-- {prompt} -->") {
                    fields.entry(key.to_owned()).or_default().push(line);
                }
            }
            None => body.push(line),
        }
    }
    let joined = |lines: &[&str]| lines.join("\n").trim().to_owned();
    let fields: BTreeMap<String, String> = fields
        .into_iter()
        .map(|(key, lines)| (key, joined(&lines)))
        .filter(|(_, text)| !text.is_empty())
        .collect();
    let body = joined(&body);
    if title.is_empty() && body.is_empty() && fields.is_empty() {
        return None;
    }
    Some(Written {
        title,
        body,
        fields,
    })
}

/// The editor to run: `$VISUAL`, else `$EDITOR`, else the system's plain one.
fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| if cfg!(windows) { "notepad" } else { "vi" }.to_owned())
}

/// A new file only this user can read, in the system's temporary folder.
fn private_file(text: &str) -> Result<PathBuf> {
    let dir = std::env::temp_dir();
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    for attempt in 0..100u32 {
        let path = dir.join(format!(
            "waymark-{}-{stamp:x}-{attempt}.md",
            std::process::id()
        ));
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&path) {
            Ok(mut file) => {
                file.write_all(text.as_bytes())
                    .and_then(|()| file.sync_all())
                    .with_context(|| format!("could not write {}", path.display()))?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Err(e).with_context(|| {
                    format!("could not make a file for your editor in {}", dir.display())
                });
            }
        }
    }
    bail!("could not make a file for your editor in {}", dir.display())
}

/// Runs the editor on `path` and waits for it to close.
fn run_editor(path: &Path) -> Result<()> {
    let editor = editor_command();
    // Through the shell, as git does, so "code --wait" or "emacs -nw" work as set.
    let status = if cfg!(windows) {
        std::process::Command::new("cmd")
            .arg("/C")
            .arg(format!("{editor} \"{}\"", path.display()))
            .status()
    } else {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$@\""))
            .arg(&editor)
            .arg(path)
            .status()
    }
    .with_context(|| format!("could not start your editor ({editor})"))?;
    if !status.success() {
        bail!("your editor ({editor}) did not finish cleanly ({status}); nothing was saved");
    }
    Ok(())
}

/// Opens `initial` in the editor; the text as saved, or `None` if the file was left
/// unchanged or emptied. The file is deleted whatever happens.
pub fn edit(initial: &str) -> Result<Option<String>> {
    let path = private_file(initial)?;
    let outcome = run_editor(&path).and_then(|()| {
        let bytes =
            fs::read(&path).with_context(|| format!("could not read {}", path.display()))?;
        String::from_utf8(bytes).map_err(|e| {
            anyhow::anyhow!(
                "the file your editor saved is not UTF-8 text (bad byte at position {}); nothing was saved",
                e.utf8_error().valid_up_to()
            )
        })
    });
    // The reflection's words are not left behind in the temporary folder.
    let _ = fs::remove_file(&path);
    let text = outcome?;
    Ok((text != initial && !text.trim().is_empty()).then_some(text))
}

/// Opens the draft in the editor (its title, body and the template's boxes) and takes
/// back what was saved; `false`, with the draft untouched, when nothing was.
pub fn write_in_editor(draft: &mut waymark_journal::EntryDraft) -> Result<bool> {
    let initial = file_text(&draft.title, draft.template, &draft.body, &draft.fields);
    let Some(saved) = edit(&initial)? else {
        return Ok(false);
    };
    let Some(written) = parse(&saved, draft.template) else {
        return Ok(false);
    };
    draft.title = written.title;
    draft.body = written.body;
    draft.fields = written.fields;
    Ok(true)
}

/// Saves what was written in the editor with `save`. If the journal refuses it (a title
/// too long, say), the writing is kept as the entry's unsaved draft in the journal
/// (encrypted with it) instead of being lost with the temporary file, and the error
/// says where it is: the desktop app's editor offers it back.
pub fn save_or_keep<T>(
    journal: &waymark_journal::Journal,
    entry: Option<waymark_journal::EntryId>,
    draft: waymark_journal::EntryDraft,
    save: impl FnOnce(waymark_journal::EntryDraft) -> waymark_journal::Result<T>,
) -> Result<T> {
    match save(draft.clone()) {
        Ok(saved) => Ok(saved),
        Err(refused) => match journal.keep_draft(entry, &draft) {
            Ok(_) => bail!(
                "{refused}. What you wrote in your editor is kept as an unsaved draft in the journal; the desktop app's editor offers it back"
            ),
            Err(_) => Err(refused.into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_written_and_read_back_gives_the_same_reflection() {
        let mut fields = BTreeMap::new();
        fields.insert("what".to_owned(), "The forum.\n\nIt went well.".to_owned());
        fields.insert("now-what".to_owned(), "Ask first.".to_owned());
        let text = file_text("Hosting", Template::Rolfe, "Some notes.", &fields);
        let back = parse(&text, Template::Rolfe);
        assert_eq!(
            back,
            Some(Written {
                title: "Hosting".into(),
                body: "Some notes.".into(),
                fields,
            })
        );
    }

    #[test]
    fn an_emptied_file_is_nothing() {
        assert_eq!(parse("\n\n", Template::Free), None);
        assert_eq!(parse(&format!("{NOTE}\n"), Template::Free), None);
    }

    #[test]
    fn a_title_written_as_a_heading_is_the_title() {
        let back = parse("# Hosting\n\nThe body.", Template::Free);
        assert_eq!(
            back.map(|w| (w.title, w.body)),
            Some(("Hosting".into(), "The body.".into()))
        );
    }
}
