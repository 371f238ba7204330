//! The journal's data: entries, templates, revisions. Plain types shared by
//! the store, the index, exports and both shells.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use ts_rs::TS;
use uuid::Uuid;
use waymark_framework::TagId;

/// Id of an entry: a UUIDv7, so ids sort by creation time and never clash across machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(export, type = "string")]
pub struct EntryId(pub Uuid);

impl EntryId {
    /// A fresh, time-ordered id.
    pub fn new() -> EntryId {
        EntryId(Uuid::now_v7())
    }
}

impl Default for EntryId {
    fn default() -> Self {
        EntryId::new()
    }
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for EntryId {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s.trim()).map(EntryId)
    }
}

/// The structure a reflection follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Template {
    /// Free writing: only the body.
    Free,
    /// Rolfe et al.: What? So what? Now what?
    #[default]
    Rolfe,
    /// Gibbs' reflective cycle in six stages.
    Gibbs,
}

/// One labelled box of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TemplateField {
    /// Stable key, used in storage, search (`field:now-what`) and the CLI (`--field now-what=…`).
    pub key: &'static str,
    /// The heading shown above the box.
    pub label: &'static str,
    /// A short prompt shown inside the empty box.
    pub prompt: &'static str,
}

const ROLFE: &[TemplateField] = &[
    TemplateField {
        key: "what",
        label: "What?",
        prompt: "What happened? What was my part in it?",
    },
    TemplateField {
        key: "so-what",
        label: "So what?",
        prompt: "What does it tell me about my leadership? What did I learn?",
    },
    TemplateField {
        key: "now-what",
        label: "Now what?",
        prompt: "What will I do differently next time?",
    },
];

const GIBBS: &[TemplateField] = &[
    TemplateField {
        key: "description",
        label: "Description",
        prompt: "What happened?",
    },
    TemplateField {
        key: "feelings",
        label: "Feelings",
        prompt: "What was I thinking and feeling?",
    },
    TemplateField {
        key: "evaluation",
        label: "Evaluation",
        prompt: "What was good and bad about the experience?",
    },
    TemplateField {
        key: "analysis",
        label: "Analysis",
        prompt: "What sense can I make of the situation?",
    },
    TemplateField {
        key: "conclusion",
        label: "Conclusion",
        prompt: "What else could I have done?",
    },
    TemplateField {
        key: "action-plan",
        label: "Action plan",
        prompt: "If it arose again, what would I do?",
    },
];

impl Template {
    /// Every template, default first.
    pub const ALL: [Template; 3] = [Template::Rolfe, Template::Gibbs, Template::Free];

    /// The template's fields in the order they are written.
    pub fn fields(self) -> &'static [TemplateField] {
        match self {
            Template::Free => &[],
            Template::Rolfe => ROLFE,
            Template::Gibbs => GIBBS,
        }
    }

    /// The template's name as typed (`free`, `rolfe`, `gibbs`).
    pub fn as_str(self) -> &'static str {
        match self {
            Template::Free => "free",
            Template::Rolfe => "rolfe",
            Template::Gibbs => "gibbs",
        }
    }

    /// A human title for pickers.
    pub fn title(self) -> &'static str {
        match self {
            Template::Free => "Free writing",
            Template::Rolfe => "Rolfe: What? So what? Now what?",
            Template::Gibbs => "Gibbs' reflective cycle",
        }
    }

    /// Every template's fields, each key once, in template order: the boxes a share
    /// can choose from and the fields `field:` can search.
    pub fn all_fields() -> Vec<&'static TemplateField> {
        let mut fields: Vec<&'static TemplateField> = Vec::new();
        for template in Template::ALL {
            for field in template.fields() {
                if !fields.iter().any(|f| f.key == field.key) {
                    fields.push(field);
                }
            }
        }
        fields
    }

    /// Every template field key, each once, in template order.
    ///
    /// ```
    /// use waymark_journal::Template;
    /// assert_eq!(&Template::field_keys()[..3], ["what", "so-what", "now-what"]);
    /// ```
    pub fn field_keys() -> Vec<&'static str> {
        Template::all_fields().into_iter().map(|f| f.key).collect()
    }

    /// The field with this key, if the template has it.
    pub fn field(self, key: &str) -> Option<&'static TemplateField> {
        self.fields().iter().find(|f| f.key == key)
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Template {
    type Err = crate::JournalError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "free" => Ok(Template::Free),
            "rolfe" => Ok(Template::Rolfe),
            "gibbs" => Ok(Template::Gibbs),
            other => Err(crate::JournalError::UnknownTemplate(other.to_owned())),
        }
    }
}

/// What a leader writes: everything about an entry that they choose.
///
/// Checked by [`EntryDraft::validate`] before any save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EntryDraft {
    /// A short title.
    pub title: String,
    /// Markdown body (for free writing, or notes beside a template).
    #[serde(default)]
    pub body: String,
    /// The template followed.
    #[serde(default)]
    pub template: Template,
    /// Template field key → Markdown text. Only keys of `template`.
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    /// The local calendar date the reflection is about.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Framework tags (theme, behaviour or quality ids).
    #[serde(default)]
    pub tags: Vec<TagId>,
    /// Free labels of the leader's own.
    #[serde(default)]
    pub labels: Vec<String>,
    /// Marked as important.
    #[serde(default)]
    pub starred: bool,
}

/// A saved entry as the journal holds it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Entry {
    /// Its id.
    pub id: EntryId,
    /// What the leader wrote.
    #[serde(flatten)]
    pub draft: EntryDraft,
    /// When it was first saved (UTC).
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    /// When it was last saved (UTC).
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
    /// How many times it has been saved; 1 for a new entry.
    pub revision: u32,
    /// When it was moved to the bin, if it is there.
    #[ts(type = "string | null")]
    pub deleted_at: Option<DateTime<Utc>>,
}

/// An earlier version of an entry, kept when it was edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Revision {
    /// The entry it belongs to.
    pub entry_id: EntryId,
    /// Its revision number (1 is the first save).
    pub revision: u32,
    /// When this version was saved (UTC).
    #[ts(type = "string")]
    pub saved_at: DateTime<Utc>,
    /// The entry as it was.
    pub draft: EntryDraft,
}
