//! The typed model of a leadership framework: themes, behaviours, qualities and context.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;
use ts_rs::TS;

/// Id of a theme, such as `being` or `delivering`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(export)]
pub struct ThemeId(pub String);

/// Id of anything a reflection can be tagged with: a theme, a behaviour or a quality.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(export)]
pub struct TagId(pub String);

impl ThemeId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TagId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ThemeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for TagId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One of the framework's themes (Being; Relating and Communicating; …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Theme {
    /// Stable kebab-case id.
    pub id: ThemeId,
    /// The theme's name as the source writes it.
    pub name: String,
    /// One line saying what the theme is about.
    pub meaning: String,
    /// Everyday words that find this theme.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A systems leadership behaviour, the foundation of a theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Behaviour {
    /// Stable kebab-case id.
    pub id: TagId,
    /// The theme it belongs to.
    pub theme: ThemeId,
    /// The behaviour's name as the source writes it.
    pub name: String,
    /// A short label for tags and pickers.
    pub label: String,
    /// The source's description, word for word.
    pub description: String,
    /// A short reflective question on the behaviour, in our words, for starting an entry.
    pub prompt: String,
    /// A remark about how the source text was read, where one is needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub note: Option<String>,
    /// Everyday words that find this behaviour.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A quality specific to leadership for personalised care.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Quality {
    /// Stable kebab-case id.
    pub id: TagId,
    /// The theme it belongs to.
    pub theme: ThemeId,
    /// The behaviour it sits beside in the source's layout.
    pub behaviour: TagId,
    /// True when that pairing is read from the layout rather than stated by the source.
    pub behaviour_inferred: bool,
    /// A short label for tags and pickers.
    pub label: String,
    /// The source's statement, word for word.
    pub statement: String,
    /// A short reflective question on the quality, in our words, for starting an entry.
    pub prompt: String,
    /// Everyday words that find this quality.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A component of the Comprehensive Model of Personalised Care.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Component {
    /// Stable kebab-case id.
    pub id: String,
    /// The component's name.
    pub name: String,
}

/// A shift in care that the framework's introduction names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Shift {
    /// Stable kebab-case id.
    pub id: String,
    /// The shift's name as the source writes it.
    pub name: String,
    /// The source's words on what it means.
    pub description: String,
}

/// How many items of each kind a framework file declares it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Counts {
    /// Number of themes.
    pub themes: usize,
    /// Number of behaviours.
    pub behaviours: usize,
    /// Number of qualities.
    pub qualities: usize,
    /// Number of components.
    pub components: usize,
    /// Number of shifts.
    pub shifts: usize,
}

/// A whole framework, items in document order.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Framework {
    /// Version of the data format the file is written in.
    pub format_version: u32,
    /// Stable id of the framework.
    pub id: String,
    /// Its title.
    pub name: String,
    /// Who publishes it.
    pub publisher: String,
    /// Where the text comes from.
    pub source: String,
    /// One sentence on what it is for.
    pub summary: String,
    /// How many items of each kind the file declares.
    pub counts: Counts,
    /// Themes in document order.
    pub themes: Vec<Theme>,
    /// Behaviours in document order.
    pub behaviours: Vec<Behaviour>,
    /// Qualities in document order.
    pub qualities: Vec<Quality>,
    /// Components of personalised care.
    pub components: Vec<Component>,
    /// Shifts named in the introduction.
    pub shifts: Vec<Shift>,
    /// Normalised everyday names → item id, built on first lookup.
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) names: OnceLock<BTreeMap<String, String>>,
    /// Stemmed words of every item, in the order of `items()`, built on first use.
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) words: OnceLock<Vec<crate::lookup::ItemWords>>,
}

/// What kind of taggable item something is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ItemKind {
    /// A theme.
    Theme,
    /// A systems leadership behaviour.
    Behaviour,
    /// A personalised-care quality.
    Quality,
}

impl ItemKind {
    /// The kind as a lowercase word.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Theme => "theme",
            ItemKind::Behaviour => "behaviour",
            ItemKind::Quality => "quality",
        }
    }
}

impl fmt::Display for ItemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A borrowed reference to any taggable item of a framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item<'a> {
    /// A theme.
    Theme(&'a Theme),
    /// A behaviour.
    Behaviour(&'a Behaviour),
    /// A quality.
    Quality(&'a Quality),
}

impl<'a> Item<'a> {
    /// The item's id.
    pub fn id(&self) -> &'a str {
        match self {
            Item::Theme(t) => t.id.as_str(),
            Item::Behaviour(b) => b.id.as_str(),
            Item::Quality(q) => q.id.as_str(),
        }
    }

    /// The item's kind.
    pub fn kind(&self) -> ItemKind {
        match self {
            Item::Theme(_) => ItemKind::Theme,
            Item::Behaviour(_) => ItemKind::Behaviour,
            Item::Quality(_) => ItemKind::Quality,
        }
    }

    /// The short label shown on tags.
    pub fn label(&self) -> &'a str {
        match self {
            Item::Theme(t) => &t.name,
            Item::Behaviour(b) => &b.label,
            Item::Quality(q) => &q.label,
        }
    }

    /// The theme the item belongs to (a theme belongs to itself).
    pub fn theme(&self) -> &'a ThemeId {
        match self {
            Item::Theme(t) => &t.id,
            Item::Behaviour(b) => &b.theme,
            Item::Quality(q) => &q.theme,
        }
    }

    /// The full text: a theme's meaning, a behaviour's description, a quality's statement.
    pub fn text(&self) -> &'a str {
        match self {
            Item::Theme(t) => &t.meaning,
            Item::Behaviour(b) => &b.description,
            Item::Quality(q) => &q.statement,
        }
    }

    /// The item's everyday search words.
    pub fn aliases(&self) -> &'a [String] {
        match self {
            Item::Theme(t) => &t.aliases,
            Item::Behaviour(b) => &b.aliases,
            Item::Quality(q) => &q.aliases,
        }
    }

    /// Names the item is known by: its id, label, name and aliases.
    pub fn names(&self) -> Vec<&'a str> {
        let mut names = vec![self.id(), self.label()];
        match self {
            Item::Theme(t) => names.push(&t.name),
            Item::Behaviour(b) => names.push(&b.name),
            Item::Quality(_) => {}
        }
        names.extend(self.aliases().iter().map(String::as_str));
        names
    }
}
