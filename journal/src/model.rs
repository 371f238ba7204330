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
    /// The NMC revalidation written reflective account: its four questions, with the
    /// Code's themes chosen in [`EntryDraft::code`].
    Nmc,
    /// The AoMRC/COPMeD toolkit's "What? Why? How?".
    #[serde(rename = "what-why-how")]
    WhatWhyHow,
    /// The AoMRC/COPMeD toolkit's "What happened? What did you do? What have you
    /// learnt? What next?".
    #[serde(rename = "what-next")]
    WhatNext,
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

/// The NMC reflective accounts form, question by question, in the form's words.
const NMC: &[TemplateField] = &[
    TemplateField {
        key: "nature",
        label: "What was the nature of the CPD activity, practice-related feedback or event?",
        prompt: "The CPD activity, the feedback or the event or experience in your practice.",
    },
    TemplateField {
        key: "learning",
        label: "What did you learn from it?",
        prompt: "What you learned from the CPD activity, the feedback or the event.",
    },
    TemplateField {
        key: "change",
        label: "How did you change or improve your practice as a result?",
        prompt: "What you now do differently, or will.",
    },
    TemplateField {
        key: "relevance",
        label: "How is this relevant to the Code?",
        prompt: "How it relates to the themes of the Code you choose: prioritise people, practise effectively, preserve safety, promote professionalism and trust.",
    },
];

const WHAT_WHY_HOW: &[TemplateField] = &[
    TemplateField {
        key: "what",
        label: "What?",
        prompt: "What happened? What was my part in it?",
    },
    TemplateField {
        key: "why",
        label: "Why?",
        prompt: "Why does it matter? Why did it go as it did?",
    },
    TemplateField {
        key: "how",
        label: "How?",
        prompt: "How will it change what I do?",
    },
];

const WHAT_NEXT: &[TemplateField] = &[
    TemplateField {
        key: "happened",
        label: "What happened?",
        prompt: "The event, briefly: the learning matters more than the facts.",
    },
    TemplateField {
        key: "did",
        label: "What did you do?",
        prompt: "What I did, and why.",
    },
    TemplateField {
        key: "learnt",
        label: "What have you learnt?",
        prompt: "What it taught me about my practice and my leadership.",
    },
    TemplateField {
        key: "next",
        label: "What next?",
        prompt: "What I will do, and by when.",
    },
];

impl Template {
    /// Every template, default first.
    pub const ALL: [Template; 6] = [
        Template::Rolfe,
        Template::Gibbs,
        Template::Nmc,
        Template::WhatWhyHow,
        Template::WhatNext,
        Template::Free,
    ];

    /// The template's fields in the order they are written.
    pub fn fields(self) -> &'static [TemplateField] {
        match self {
            Template::Free => &[],
            Template::Rolfe => ROLFE,
            Template::Gibbs => GIBBS,
            Template::Nmc => NMC,
            Template::WhatWhyHow => WHAT_WHY_HOW,
            Template::WhatNext => WHAT_NEXT,
        }
    }

    /// The template's name as typed (`free`, `rolfe`, `gibbs`, `nmc`, `what-why-how`,
    /// `what-next`).
    pub fn as_str(self) -> &'static str {
        match self {
            Template::Free => "free",
            Template::Rolfe => "rolfe",
            Template::Gibbs => "gibbs",
            Template::Nmc => "nmc",
            Template::WhatWhyHow => "what-why-how",
            Template::WhatNext => "what-next",
        }
    }

    /// A short name for lists and headings ("Rolfe", "NMC reflective account").
    pub fn short_name(self) -> &'static str {
        match self {
            Template::Free => "Free writing",
            Template::Rolfe => "Rolfe",
            Template::Gibbs => "Gibbs",
            Template::Nmc => "NMC reflective account",
            Template::WhatWhyHow => "What? Why? How?",
            Template::WhatNext => "What happened? What next?",
        }
    }

    /// Whether the template asks which of the NMC Code's themes the reflection is relevant to.
    pub fn asks_code_themes(self) -> bool {
        self.code_field().is_some()
    }

    /// The box beside which the Code's themes are chosen, if the template asks for them.
    pub fn code_field(self) -> Option<&'static str> {
        (self == Template::Nmc).then_some("relevance")
    }

    /// The box that says what the leader will do next, from which actions for the
    /// development plan are made: Rolfe's "Now what?", Gibbs's "Action plan", the NMC
    /// account's "How did you change…", "How?" and "What next?". Free writing has none.
    pub fn action_field(self) -> Option<&'static str> {
        match self {
            Template::Free => None,
            Template::Rolfe => Some("now-what"),
            Template::Gibbs => Some("action-plan"),
            Template::Nmc => Some("change"),
            Template::WhatWhyHow => Some("how"),
            Template::WhatNext => Some("next"),
        }
    }

    /// A human title for pickers.
    pub fn title(self) -> &'static str {
        match self {
            Template::Free => "Free writing",
            Template::Rolfe => "Rolfe: What? So what? Now what?",
            Template::Gibbs => "Gibbs' reflective cycle",
            Template::Nmc => "NMC revalidation: written reflective account",
            Template::WhatWhyHow => "AoMRC: What? Why? How?",
            Template::WhatNext => {
                "AoMRC: What happened? What did you do? What have you learnt? What next?"
            }
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
            "nmc" => Ok(Template::Nmc),
            "what-why-how" => Ok(Template::WhatWhyHow),
            "what-next" => Ok(Template::WhatNext),
            other => Err(crate::JournalError::UnknownTemplate(other.to_owned())),
        }
    }
}

/// One of the four themes of the NMC Code (*Professional standards of practice and
/// behaviour for nurses, midwives and nursing associates*), which an NMC reflective
/// account says it is relevant to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum CodeTheme {
    /// Prioritise people.
    PrioritisePeople,
    /// Practise effectively.
    PractiseEffectively,
    /// Preserve safety.
    PreserveSafety,
    /// Promote professionalism and trust.
    PromoteProfessionalism,
}

impl CodeTheme {
    /// The four themes in the Code's order.
    pub const ALL: [CodeTheme; 4] = [
        CodeTheme::PrioritisePeople,
        CodeTheme::PractiseEffectively,
        CodeTheme::PreserveSafety,
        CodeTheme::PromoteProfessionalism,
    ];

    /// The id used in storage, search (`code:preserve-safety`) and the terminal.
    pub fn as_str(self) -> &'static str {
        match self {
            CodeTheme::PrioritisePeople => "prioritise-people",
            CodeTheme::PractiseEffectively => "practise-effectively",
            CodeTheme::PreserveSafety => "preserve-safety",
            CodeTheme::PromoteProfessionalism => "promote-professionalism",
        }
    }

    /// The theme's name as the Code writes it.
    pub fn name(self) -> &'static str {
        match self {
            CodeTheme::PrioritisePeople => "Prioritise people",
            CodeTheme::PractiseEffectively => "Practise effectively",
            CodeTheme::PreserveSafety => "Preserve safety",
            CodeTheme::PromoteProfessionalism => "Promote professionalism and trust",
        }
    }
}

impl fmt::Display for CodeTheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CodeTheme {
    type Err = crate::JournalError;
    /// Reads an id (`preserve-safety`), the theme's name in any case, or one word of
    /// it that only that theme has (`safety`, `trust`, `people`).
    ///
    /// ```
    /// use waymark_journal::CodeTheme;
    /// assert_eq!("safety".parse::<CodeTheme>().unwrap(), CodeTheme::PreserveSafety);
    /// assert_eq!("Promote professionalism and trust".parse::<CodeTheme>().unwrap(), CodeTheme::PromoteProfessionalism);
    /// assert!("p".parse::<CodeTheme>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted: Vec<String> = s
            .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let words = |t: CodeTheme| -> Vec<String> {
            t.name()
                .split_whitespace()
                .filter(|w| *w != "and")
                .map(str::to_lowercase)
                .collect()
        };
        let exact = CodeTheme::ALL.into_iter().find(|t| {
            let id: Vec<String> = t.as_str().split('-').map(str::to_owned).collect();
            let name: Vec<String> = t.name().split_whitespace().map(str::to_lowercase).collect();
            wanted == id || wanted == name
        });
        let by_word = || {
            let [word] = wanted.as_slice() else {
                return None;
            };
            let mut matching = CodeTheme::ALL
                .into_iter()
                .filter(|t| words(*t).contains(word));
            match (matching.next(), matching.next()) {
                (Some(t), None) => Some(t),
                _ => None,
            }
        };
        exact.or_else(by_word).ok_or_else(|| {
            crate::JournalError::UnknownCodeTheme(s.trim().chars().take(60).collect())
        })
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
    /// The NMC Code's themes the reflection is relevant to, in the order chosen; only
    /// for the [`Template::Nmc`] account.
    #[serde(default)]
    pub code: Vec<CodeTheme>,
}

impl EntryDraft {
    /// A template box's text as it is shown and exported: the box as written and, in
    /// the box that asks about the Code (an NMC account's `relevance`), the chosen
    /// themes on a line of their own before it. `None` when there is nothing to show.
    ///
    /// ```
    /// use waymark_journal::{CodeTheme, EntryDraft, Template};
    /// let mut d = EntryDraft {
    ///     title: "Handover".into(),
    ///     body: String::new(),
    ///     template: Template::Nmc,
    ///     fields: Default::default(),
    ///     date: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
    ///     tags: vec![],
    ///     labels: vec![],
    ///     starred: false,
    ///     code: vec![CodeTheme::PreserveSafety],
    /// };
    /// d.fields.insert("relevance".into(), "Safe handover.".into());
    /// assert_eq!(d.box_text("relevance").unwrap(), "**The Code:** Preserve safety\n\nSafe handover.");
    /// assert_eq!(d.box_text("nature"), None);
    /// ```
    pub fn box_text(&self, key: &str) -> Option<String> {
        let text = self
            .fields
            .get(key)
            .map(|t| t.trim_end())
            .filter(|t| !t.trim().is_empty());
        let themes =
            (self.template.code_field() == Some(key) && !self.code.is_empty()).then(|| {
                let names: Vec<&str> = self.code.iter().map(|t| t.name()).collect();
                format!("**The Code:** {}", names.join("; "))
            });
        match (themes, text) {
            (Some(themes), Some(text)) => Some(format!("{themes}\n\n{text}")),
            (Some(themes), None) => Some(themes),
            (None, text) => text.map(str::to_owned),
        }
    }
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
