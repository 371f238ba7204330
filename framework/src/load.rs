//! Parsing a framework file and checking that it holds together.

use crate::error::FrameworkError;
use crate::lookup::normalise;
use crate::model::{Framework, Item};
use std::collections::{BTreeMap, HashSet};

/// The data format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

impl Framework {
    /// Parses a framework from TOML text and validates it.
    ///
    /// ```
    /// let text = include_str!("../data/leadership-for-personalised-care.toml");
    /// let framework = waymark_framework::Framework::from_toml(text).unwrap();
    /// assert_eq!(framework.themes.len(), 4);
    /// ```
    pub fn from_toml(text: &str) -> Result<Framework, FrameworkError> {
        let framework: Framework =
            toml::from_str(text).map_err(|e| FrameworkError::Parse(e.to_string()))?;
        framework.validate()?;
        Ok(framework)
    }

    /// Checks ids, references, counts and that every everyday name leads to one item.
    pub fn validate(&self) -> Result<(), FrameworkError> {
        if self.format_version != FORMAT_VERSION {
            return Err(FrameworkError::UnsupportedFormat {
                found: self.format_version,
                supported: FORMAT_VERSION,
            });
        }
        self.check_ids()?;
        self.check_references()?;
        self.check_texts()?;
        self.check_counts()?;
        self.build_name_index().map(|_| ())
    }

    fn check_ids(&self) -> Result<(), FrameworkError> {
        let ids = self
            .themes
            .iter()
            .map(|t| t.id.as_str())
            .chain(self.behaviours.iter().map(|b| b.id.as_str()))
            .chain(self.qualities.iter().map(|q| q.id.as_str()))
            .chain(self.components.iter().map(|c| c.id.as_str()))
            .chain(self.shifts.iter().map(|s| s.id.as_str()));
        let mut seen = HashSet::new();
        for id in ids {
            if !is_kebab_case(id) {
                return Err(FrameworkError::BadId(id.to_owned()));
            }
            if !seen.insert(id) {
                return Err(FrameworkError::DuplicateId(id.to_owned()));
            }
        }
        Ok(())
    }

    fn check_references(&self) -> Result<(), FrameworkError> {
        let theme_exists = |id: &str| self.themes.iter().any(|t| t.id.as_str() == id);
        for b in &self.behaviours {
            if !theme_exists(b.theme.as_str()) {
                return Err(FrameworkError::DanglingReference {
                    item: b.id.to_string(),
                    kind: "theme",
                    target: b.theme.to_string(),
                });
            }
        }
        for q in &self.qualities {
            if !theme_exists(q.theme.as_str()) {
                return Err(FrameworkError::DanglingReference {
                    item: q.id.to_string(),
                    kind: "theme",
                    target: q.theme.to_string(),
                });
            }
            let behaviour = self
                .behaviours
                .iter()
                .find(|b| b.id == q.behaviour)
                .ok_or_else(|| FrameworkError::DanglingReference {
                    item: q.id.to_string(),
                    kind: "behaviour",
                    target: q.behaviour.to_string(),
                })?;
            if behaviour.theme != q.theme {
                return Err(FrameworkError::ThemeMismatch {
                    quality: q.id.to_string(),
                    theme: q.theme.to_string(),
                    behaviour: q.behaviour.to_string(),
                });
            }
        }
        Ok(())
    }

    fn check_texts(&self) -> Result<(), FrameworkError> {
        let empty = |item: &str, field: &'static str, text: &str| {
            if text.trim().is_empty() {
                Err(FrameworkError::EmptyText {
                    item: item.to_owned(),
                    field,
                })
            } else {
                Ok(())
            }
        };
        for t in &self.themes {
            empty(t.id.as_str(), "name", &t.name)?;
            empty(t.id.as_str(), "meaning", &t.meaning)?;
        }
        for b in &self.behaviours {
            empty(b.id.as_str(), "name", &b.name)?;
            empty(b.id.as_str(), "label", &b.label)?;
            empty(b.id.as_str(), "description", &b.description)?;
            empty(b.id.as_str(), "prompt", &b.prompt)?;
        }
        for q in &self.qualities {
            empty(q.id.as_str(), "label", &q.label)?;
            empty(q.id.as_str(), "statement", &q.statement)?;
            empty(q.id.as_str(), "prompt", &q.prompt)?;
        }
        Ok(())
    }

    fn check_counts(&self) -> Result<(), FrameworkError> {
        let c = &self.counts;
        let pairs = [
            ("themes", c.themes, self.themes.len()),
            ("behaviours", c.behaviours, self.behaviours.len()),
            ("qualities", c.qualities, self.qualities.len()),
            ("components", c.components, self.components.len()),
            ("shifts", c.shifts, self.shifts.len()),
        ];
        for (kind, expected, found) in pairs {
            if expected != found {
                return Err(FrameworkError::CountMismatch {
                    kind,
                    expected,
                    found,
                });
            }
        }
        Ok(())
    }

    /// Maps every normalised id, label, name and alias to the one item it names.
    pub(crate) fn build_name_index(&self) -> Result<BTreeMap<String, String>, FrameworkError> {
        let mut index: BTreeMap<String, String> = BTreeMap::new();
        for item in self.items() {
            for name in item.names() {
                let key = normalise(name);
                if key.is_empty() {
                    continue;
                }
                match index.get(&key) {
                    Some(owner) if owner != item.id() => {
                        return Err(FrameworkError::AmbiguousAlias {
                            words: key,
                            first: owner.clone(),
                            second: item.id().to_owned(),
                        });
                    }
                    Some(_) => {}
                    None => {
                        index.insert(key, item.id().to_owned());
                    }
                }
            }
        }
        Ok(index)
    }

    /// Every taggable item: themes, then behaviours, then qualities, each in document order.
    pub fn items(&self) -> impl Iterator<Item = Item<'_>> {
        self.themes
            .iter()
            .map(Item::Theme)
            .chain(self.behaviours.iter().map(Item::Behaviour))
            .chain(self.qualities.iter().map(Item::Quality))
    }
}

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = include_str!("../data/leadership-for-personalised-care.toml");

    fn edited(from: &str, to: &str) -> Result<Framework, FrameworkError> {
        assert!(SOURCE.contains(from), "test edit target missing: {from}");
        Framework::from_toml(&SOURCE.replacen(from, to, 1))
    }

    #[test]
    fn a_duplicate_id_is_refused() {
        let err = edited("id = \"mindset\"", "id = \"authenticity\"").unwrap_err();
        assert_eq!(err, FrameworkError::DuplicateId("authenticity".into()));
    }

    #[test]
    fn a_reference_to_a_missing_behaviour_is_refused() {
        let err = edited("behaviour = \"trust\"", "behaviour = \"trusst\"").unwrap_err();
        assert!(matches!(
            err,
            FrameworkError::DanglingReference {
                kind: "behaviour",
                ..
            }
        ));
    }

    #[test]
    fn a_wrong_count_is_refused() {
        let err = edited("behaviours = 13", "behaviours = 14").unwrap_err();
        assert_eq!(
            err,
            FrameworkError::CountMismatch {
                kind: "behaviours",
                expected: 14,
                found: 13
            }
        );
    }

    #[test]
    fn an_alias_shared_by_two_items_is_refused() {
        let err = edited(
            "aliases = [\"hosting\",",
            "aliases = [\"courage\", \"hosting\",",
        )
        .unwrap_err();
        assert!(
            matches!(err, FrameworkError::AmbiguousAlias { .. }),
            "{err}"
        );
    }

    #[test]
    fn an_empty_prompt_is_refused() {
        let err = edited(
            "prompt = \"When did I last convene people and let the group find its own way, rather than directing it?\"",
            "prompt = \" \"",
        )
        .unwrap_err();
        assert_eq!(
            err,
            FrameworkError::EmptyText {
                item: "hosting-style".into(),
                field: "prompt"
            }
        );
    }

    #[test]
    fn a_missing_prompt_is_refused() {
        let err = edited(
            "prompt = \"What practical step did I take this week",
            "note = \"What practical step did I take this week",
        )
        .unwrap_err();
        assert!(matches!(err, FrameworkError::Parse(_)), "{err}");
    }

    #[test]
    fn a_non_kebab_id_is_refused() {
        let err = edited("id = \"delivery\"", "id = \"Delivery\"").unwrap_err();
        assert_eq!(err, FrameworkError::BadId("Delivery".into()));
    }

    #[test]
    fn an_unknown_format_version_is_refused() {
        let err = edited("format_version = 1", "format_version = 9").unwrap_err();
        assert!(matches!(
            err,
            FrameworkError::UnsupportedFormat { found: 9, .. }
        ));
    }

    #[test]
    fn malformed_toml_is_refused_with_a_parse_error() {
        assert!(matches!(
            Framework::from_toml("themes = ["),
            Err(FrameworkError::Parse(_))
        ));
    }
}
