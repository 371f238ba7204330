//! What `edit` does beyond replacing: adding and removing single tags and labels, and
//! what becomes of a template's boxes when the template changes.

use anyhow::{Result, bail};
use clap::Args;
use waymark_journal::framework::{TagId, lpc};
use waymark_journal::validate::canonical_tag;
use waymark_journal::{EntryDraft, Template};

/// `edit`'s options for changing part of a reflection.
#[derive(Debug, Args)]
pub struct Revisions {
    /// Add a framework tag, keeping the ones it has. Repeat for more.
    #[arg(long = "add-tag", value_name = "TAG")]
    add_tags: Vec<String>,
    /// Remove one framework tag (as --tag names it), keeping the others. Repeat for more.
    #[arg(long = "remove-tag", value_name = "TAG")]
    remove_tags: Vec<String>,
    /// Add a label, keeping the ones it has. Repeat for more.
    #[arg(long = "add-label", value_name = "LABEL")]
    add_labels: Vec<String>,
    /// Remove one label (any case), keeping the others. Repeat for more.
    #[arg(long = "remove-label", value_name = "LABEL")]
    remove_labels: Vec<String>,
    /// When --template changes the template: move the old template's boxes into the
    /// body, each under its heading ("## What?"), so nothing leaves the current version.
    #[arg(long, conflicts_with = "drop_boxes")]
    boxes_to_body: bool,
    /// When --template changes the template: leave out the old template's boxes (they
    /// stay in the reflection's history; `waymark revert` brings them back).
    #[arg(long)]
    drop_boxes: bool,
}

impl Revisions {
    /// Whether none of these options was given.
    pub fn is_empty(&self) -> bool {
        self.add_tags.is_empty()
            && self.remove_tags.is_empty()
            && self.add_labels.is_empty()
            && self.remove_labels.is_empty()
            && !self.boxes_to_body
            && !self.drop_boxes
    }

    /// Adds and removes the tags and labels asked for.
    pub fn apply(&self, draft: &mut EntryDraft) -> Result<()> {
        for text in &self.remove_tags {
            let tag = canonical_tag(text)?;
            let before = draft.tags.len();
            // Stored tags are canonical ids already; compared as such.
            draft
                .tags
                .retain(|t| canonical_tag(t.as_str()).map_or(true, |c| c != tag));
            if draft.tags.len() == before {
                bail!(
                    "'{text}' is not one of this reflection's tags ({}); nothing was changed",
                    listed(draft.tags.iter().map(tag_label))
                );
            }
        }
        draft
            .tags
            .extend(self.add_tags.iter().map(|t| TagId(t.clone())));
        for text in &self.remove_labels {
            let wanted = text.trim().to_lowercase();
            let before = draft.labels.len();
            draft.labels.retain(|l| l.trim().to_lowercase() != wanted);
            if draft.labels.len() == before {
                bail!(
                    "'{text}' is not one of this reflection's labels ({}); nothing was changed",
                    listed(draft.labels.iter().cloned())
                );
            }
        }
        draft.labels.extend(self.add_labels.iter().cloned());
        Ok(())
    }

    /// After the template changed from `old`: the old boxes the new template has no
    /// place for are moved into the body or dropped, as asked; without either option,
    /// refused with a sentence naming them.
    pub fn settle_boxes(&self, old: Template, draft: &mut EntryDraft) -> Result<()> {
        if old == draft.template {
            return Ok(());
        }
        // The boxes as the old template showed them: an NMC account's Code themes
        // travel with its relevance box.
        let as_it_was = EntryDraft {
            template: old,
            ..draft.clone()
        };
        let homeless: Vec<(&str, &str, String)> = old
            .fields()
            .iter()
            .filter(|f| draft.template.field(f.key).is_none())
            .filter_map(|f| as_it_was.box_text(f.key).map(|text| (f.key, f.label, text)))
            .collect();
        if homeless.is_empty() {
            if !draft.template.asks_code_themes() {
                draft.code.clear();
            }
            return Ok(());
        }
        if !self.boxes_to_body && !self.drop_boxes {
            let labels: Vec<&str> = homeless.iter().map(|(_, label, _)| *label).collect();
            bail!(
                "the {} template has no place for this reflection's {} {}; add --boxes-to-body to move {} into the body under {} heading{}, or --drop-boxes to leave {} out (the current version stays in its history); nothing was changed",
                draft.template.as_str(),
                if labels.len() == 1 { "box" } else { "boxes" },
                labels.join(", "),
                if labels.len() == 1 { "it" } else { "them" },
                if labels.len() == 1 { "its" } else { "their" },
                if labels.len() == 1 { "" } else { "s" },
                if labels.len() == 1 { "it" } else { "them" },
            );
        }
        if !draft.template.asks_code_themes() {
            draft.code.clear();
        }
        let mut carried = Vec::new();
        for (key, label, text) in homeless {
            draft.fields.remove(key);
            carried.push(crate::editor::section(label, &text));
        }
        if self.boxes_to_body {
            let mut body = draft.body.trim_end().to_owned();
            for section in carried {
                if !body.is_empty() {
                    body.push_str("\n\n");
                }
                body.push_str(section.trim_end());
            }
            draft.body = body;
        }
        Ok(())
    }
}

/// A framework tag's label, or its id if the framework does not know it.
fn tag_label(tag: &TagId) -> String {
    lpc()
        .item(tag.as_str())
        .map_or_else(|| tag.to_string(), |i| i.label().to_owned())
}

/// "a, b" or "it has none".
fn listed(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        "it has none".to_owned()
    } else {
        items.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(template: Template) -> EntryDraft {
        EntryDraft {
            code: Vec::new(),
            title: "Hosting".into(),
            body: String::new(),
            template,
            fields: Default::default(),
            date: chrono::NaiveDate::default(),
            tags: vec![TagId("hosting-style".into())],
            labels: vec!["Board".into()],
            starred: false,
        }
    }

    fn revisions() -> Revisions {
        Revisions {
            add_tags: vec![],
            remove_tags: vec![],
            add_labels: vec![],
            remove_labels: vec![],
            boxes_to_body: false,
            drop_boxes: false,
        }
    }

    #[test]
    fn boxes_without_a_place_move_into_the_body_under_their_headings() -> Result<()> {
        let mut d = draft(Template::Free);
        d.body = "Notes.".into();
        d.fields.insert("what".into(), "The forum.".into());
        let r = Revisions {
            boxes_to_body: true,
            ..revisions()
        };
        r.settle_boxes(Template::Rolfe, &mut d)?;
        assert_eq!(d.body, "Notes.\n\n## What?\nThe forum.");
        assert!(d.fields.is_empty());
        Ok(())
    }

    #[test]
    fn a_template_change_that_would_lose_boxes_is_refused_by_name() {
        let mut d = draft(Template::Gibbs);
        d.fields.insert("so-what".into(), "Learnt.".into());
        let err = revisions()
            .settle_boxes(Template::Rolfe, &mut d)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("So what?"), "{err}");
        assert!(err.contains("--drop-boxes"), "{err}");
    }

    #[test]
    fn a_label_is_removed_in_any_case_and_a_missing_one_is_refused() -> Result<()> {
        let mut d = draft(Template::Free);
        let r = Revisions {
            remove_labels: vec!["board".into()],
            ..revisions()
        };
        r.apply(&mut d)?;
        assert!(d.labels.is_empty());
        assert!(r.apply(&mut d).is_err());
        Ok(())
    }
}
