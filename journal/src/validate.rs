//! Checks an entry before it is saved, and puts it in its one canonical form.
//!
//! Every way into the journal (typing, the terminal, an import) goes through
//! [`EntryDraft::normalise`], so what is stored is always valid and tags are always
//! the framework's ids, never the words someone typed.

use crate::model::EntryDraft;
use chrono::NaiveDate;
use std::collections::HashSet;
use waymark_framework::{Candidate, Item, TagId, ThemeId, Unresolved, lpc};

pub use crate::error::ValidationError;
pub use crate::limits::{MAX_DATE, MAX_LABEL_CHARS, MAX_TEXT_BYTES, MAX_TITLE_CHARS, MIN_DATE};
pub use crate::natural_date::parse_day;

/// Parses a `YYYY-MM-DD` date a leader typed, within the accepted range.
///
/// ```
/// use waymark_journal::validate::parse_date;
/// assert_eq!(parse_date(" 2026-03-04 ").unwrap().to_string(), "2026-03-04");
/// assert!(parse_date("2026-02-30").is_err());
/// assert!(parse_date("1066-10-14").is_err());
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, ValidationError> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        ValidationError::BadDate {
            text: text.chars().take(40).collect(),
        }
    })?;
    check_date(date)?;
    Ok(date)
}

pub(crate) fn check_date(date: NaiveDate) -> Result<(), ValidationError> {
    if date < MIN_DATE || date > MAX_DATE {
        return Err(ValidationError::DateOutOfRange { date });
    }
    Ok(())
}

pub(crate) fn check_text(what: &str, text: &str) -> Result<(), ValidationError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(ValidationError::TooLarge {
            what: what.to_owned(),
            bytes: text.len(),
            max: MAX_TEXT_BYTES,
        });
    }
    if text.contains('\0') {
        return Err(ValidationError::NulByte {
            what: what.to_owned(),
        });
    }
    Ok(())
}

/// The theme a leader's words name (its id, name or any words [`canonical_tag`] takes
/// for it), or why not: a behaviour or quality named instead suggests its theme.
pub fn canonical_theme(text: &str) -> Result<ThemeId, ValidationError> {
    match lpc().resolve_phrase(text).ok() {
        Some(Item::Theme(theme)) => Ok(theme.id.clone()),
        found => Err(ValidationError::UnknownTheme {
            theme: text.trim().chars().take(80).collect(),
            suggestion: found
                .or_else(|| lpc().suggest(text))
                .map(|item| item.theme().as_str().to_owned()),
            themes: lpc()
                .themes
                .iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// The framework id a leader's words for a tag mean (see
/// [`waymark_framework::Framework::resolve_phrase`]: ids, names, a statement's opening
/// words, word forms, clear best matches), or why not.
pub fn canonical_tag(text: &str) -> Result<TagId, ValidationError> {
    let tag: String = text.trim().chars().take(80).collect();
    match lpc().resolve_phrase(text) {
        Ok(item) => Ok(TagId(item.id().to_owned())),
        Err(Unresolved::Ambiguous { candidates, .. }) => Err(ValidationError::AmbiguousTag {
            tag,
            candidates: either_of(&candidates, ""),
        }),
        Err(Unresolved::Unknown { suggestion, .. }) => Err(ValidationError::UnknownTag {
            tag,
            suggestion: suggestion.map(|c| format!("'{}' ({})", c.id, c.label)),
        }),
        Err(Unresolved::Empty) => Err(ValidationError::UnknownTag {
            tag,
            suggestion: None,
        }),
    }
}

/// "'Label' (id) or 'Label' (id)", each id written after `id_prefix` (`tag:` in a query).
pub(crate) fn either_of(candidates: &[Candidate], id_prefix: &str) -> String {
    candidates
        .iter()
        .map(|c| format!("'{}' ({id_prefix}{})", c.label, c.id))
        .collect::<Vec<_>>()
        .join(" or ")
}

impl EntryDraft {
    /// Checks the draft without changing it.
    ///
    /// ```
    /// use waymark_journal::{EntryDraft, Template};
    /// let mut draft = EntryDraft {
    ///     title: "Forum".into(),
    ///     body: String::new(),
    ///     template: Template::Free,
    ///     fields: Default::default(),
    ///     date: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
    ///     tags: vec![waymark_journal::framework::TagId("stakholders".into())],
    ///     labels: vec![],
    ///     starred: false,
    ///     code: vec![],
    /// };
    /// let err = draft.validate().unwrap_err().to_string();
    /// assert!(err.contains("did you mean 'compelling-narrative'"), "{err}");
    /// ```
    pub fn validate(&self) -> Result<(), ValidationError> {
        self.check().map(|_| ())
    }

    /// Checks the draft and returns it in canonical form: title on one line with
    /// single spaces, tags as
    /// framework ids, tags and labels without repeats (first spelling kept, in order),
    /// labels trimmed, empty template fields dropped and Code themes without repeats.
    pub fn normalise(mut self) -> Result<EntryDraft, ValidationError> {
        let (tags, labels) = self.check()?;
        // A title is one line wherever it is shown (lists, file names, headings).
        self.title = self.title.split_whitespace().collect::<Vec<_>>().join(" ");
        self.tags = tags;
        self.labels = labels;
        self.fields.retain(|_, text| !text.trim().is_empty());
        // A theme chosen twice is chosen once, where it was first chosen.
        let mut seen = HashSet::new();
        self.code.retain(|theme| seen.insert(*theme));
        Ok(self)
    }

    /// Every check, returning the canonical tags and labels it had to work out anyway.
    fn check(&self) -> Result<(Vec<TagId>, Vec<String>), ValidationError> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err(ValidationError::EmptyTitle);
        }
        let chars = title.chars().count();
        if chars > MAX_TITLE_CHARS {
            return Err(ValidationError::TitleTooLong {
                chars,
                max: MAX_TITLE_CHARS,
            });
        }
        check_text("title", title)?;
        check_text("body", &self.body)?;
        for (key, text) in &self.fields {
            let Some(field) = self.template.field(key) else {
                let keys: Vec<&str> = self.template.fields().iter().map(|f| f.key).collect();
                return Err(ValidationError::FieldNotInTemplate {
                    field: key.chars().take(60).collect(),
                    template: self.template,
                    allowed: if keys.is_empty() {
                        "none (free writing uses the body only)".to_owned()
                    } else {
                        keys.join(", ")
                    },
                });
            };
            check_text(&format!("'{}' field", field.label), text)?;
        }
        if !self.code.is_empty() && !self.template.asks_code_themes() {
            return Err(ValidationError::CodeThemesNotInTemplate {
                template: self.template,
            });
        }
        check_date(self.date)?;

        let mut tags = Vec::with_capacity(self.tags.len());
        for tag in &self.tags {
            check_text("tag", tag.as_str())?;
            let id = canonical_tag(tag.as_str())?;
            if !tags.contains(&id) {
                tags.push(id);
            }
        }

        let mut labels: Vec<String> = Vec::with_capacity(self.labels.len());
        let mut seen = HashSet::new();
        for label in &self.labels {
            let label = label.trim();
            if label.is_empty() {
                return Err(ValidationError::EmptyLabel);
            }
            check_text("label", label)?;
            let chars = label.chars().count();
            if chars > MAX_LABEL_CHARS {
                return Err(ValidationError::LabelTooLong {
                    label: label.chars().take(MAX_LABEL_CHARS).collect::<String>() + "…",
                    chars,
                    max: MAX_LABEL_CHARS,
                });
            }
            // "Team" and "team" are one label to a reader; keep the first spelling.
            if seen.insert(label.to_lowercase()) {
                labels.push(label.to_owned());
            }
        }
        Ok((tags, labels))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Template;
    use std::collections::BTreeMap;

    fn draft() -> EntryDraft {
        EntryDraft {
            code: Vec::new(),
            title: "  Hosting the forum  ".into(),
            body: "Notes".into(),
            template: Template::Rolfe,
            fields: BTreeMap::new(),
            date: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
            tags: vec![],
            labels: vec![],
            starred: false,
        }
    }

    #[test]
    fn tags_become_framework_ids_without_repeats_in_order() {
        let mut d = draft();
        d.tags = vec![
            TagId("sharing power".into()),
            TagId("Hosting style".into()),
            TagId("sharing-power".into()),
        ];
        let d = d.normalise().unwrap();
        assert_eq!(d.title, "Hosting the forum");
        let mut two_lines = draft();
        two_lines.title = "Board\n paper".into();
        assert_eq!(two_lines.normalise().unwrap().title, "Board paper");
        assert_eq!(
            d.tags,
            vec![TagId("sharing-power".into()), TagId("hosting-style".into())]
        );
    }

    #[test]
    fn an_unknown_tag_suggests_the_nearest_item() {
        let mut d = draft();
        // A clear misspelling of a name is taken as that name.
        d.tags = vec![TagId("coruage".into())];
        assert_eq!(
            d.clone().normalise().unwrap().tags,
            vec![TagId("resilience-courage-and-bravery".into())]
        );
        d.tags = vec![TagId("stakholders".into())];
        let err = d.validate().unwrap_err();
        assert!(matches!(err, ValidationError::UnknownTag { .. }));
        let msg = err.to_string();
        assert!(msg.contains("'stakholders'"), "{msg}");
        assert!(msg.contains("did you mean 'compelling-narrative'"), "{msg}");
        d.tags = vec![TagId("deliver".into())];
        let msg = d.validate().unwrap_err().to_string();
        assert!(
            msg.contains("'deliver' could mean 'Delivering' (delivering) or 'Delivery' (delivery)"),
            "{msg}"
        );
        d.tags = vec![TagId("zzqx".into())];
        assert!(
            !d.validate()
                .unwrap_err()
                .to_string()
                .contains("did you mean")
        );
    }

    #[test]
    fn labels_are_trimmed_and_deduplicated_ignoring_case() {
        let mut d = draft();
        d.labels = vec![" Team ".into(), "team".into(), "board".into()];
        assert_eq!(d.normalise().unwrap().labels, vec!["Team", "board"]);
        let mut d = draft();
        d.labels = vec!["  ".into()];
        assert_eq!(d.validate(), Err(ValidationError::EmptyLabel));
        let mut d = draft();
        d.labels = vec!["x".repeat(61)];
        assert!(matches!(
            d.validate(),
            Err(ValidationError::LabelTooLong { chars: 61, .. })
        ));
    }

    #[test]
    fn empty_template_fields_are_dropped_and_foreign_fields_refused() {
        let mut d = draft();
        d.fields.insert("what".into(), "It went well".into());
        d.fields.insert("so-what".into(), "  \n".into());
        let n = d.clone().normalise().unwrap();
        assert_eq!(n.fields.keys().collect::<Vec<_>>(), ["what"]);
        d.fields.insert("feelings".into(), "x".into());
        let msg = d.validate().unwrap_err().to_string();
        assert!(
            msg.contains("no field 'feelings'") && msg.contains("now-what"),
            "{msg}"
        );
    }

    #[test]
    fn sizes_nul_bytes_titles_and_dates_are_checked() {
        let mut d = draft();
        d.body = "x".repeat(10 * 1024 * 1024);
        let msg = d.validate().unwrap_err().to_string();
        assert_eq!(
            msg,
            "the body is 10.0 MB long; the most one entry can hold is 1.0 MB"
        );
        let mut d = draft();
        d.body = "a\0b".into();
        assert!(matches!(d.validate(), Err(ValidationError::NulByte { .. })));
        let mut d = draft();
        d.title = " ".into();
        assert_eq!(d.validate(), Err(ValidationError::EmptyTitle));
        let mut d = draft();
        d.title = "é".repeat(301);
        assert!(matches!(
            d.validate(),
            Err(ValidationError::TitleTooLong { chars: 301, .. })
        ));
        let mut d = draft();
        d.date = NaiveDate::from_ymd_opt(1899, 12, 31).unwrap();
        assert!(matches!(
            d.validate(),
            Err(ValidationError::DateOutOfRange { .. })
        ));
        assert!(matches!(
            parse_date("04/03/2026"),
            Err(ValidationError::BadDate { .. })
        ));
    }
}
