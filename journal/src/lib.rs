//! The Waymark journal engine: SQLite holds the truth, a tantivy index is derived
//! from it, and both shells (terminal and desktop) call only this crate.
//!
//! ```
//! use waymark_journal::{Journal, EntryDraft, Template};
//! let journal = Journal::open_in_memory().unwrap();
//! let draft = EntryDraft {
//!     title: "Hosting the neighbourhood forum".into(),
//!     body: "I let the room set the agenda.".into(),
//!     template: Template::Free,
//!     fields: Default::default(),
//!     date: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
//!     tags: vec![waymark_journal::framework::TagId("hosting-style".into())],
//!     labels: vec![],
//!     starred: false,
//!     code: vec![],
//! };
//! let entry = journal.create(draft).unwrap();
//! assert_eq!(journal.get(entry.id).unwrap().draft.title, "Hosting the neighbourhood forum");
//! ```

pub use waymark_framework as framework;

mod error;
mod limits;
mod model;

pub mod about;
pub mod actions;
pub mod backup;
pub mod changes;
mod db;
mod drafts;
mod encryption;
mod folder;
pub mod identifiers;
mod journal;
pub mod keys;
mod lock;
mod natural_date;
mod out_file;
pub mod paths;
pub mod relocate;
pub mod render;
mod search;
/// The search query language (parsing, syntax tree, canonical printing).
pub use search::syntax as query;
pub mod share;
pub mod shelf;
pub mod short_id;
pub mod stats;
mod store;
pub mod transfer;
pub mod validate;

pub use drafts::KeptDraft;
pub use error::{IdCandidate, JournalError, Result};
pub use identifiers::{FieldSpans, Finding, IdentifierKind, Span};
pub use journal::{Journal, ListFilter, MonthCount, Progress};
pub use model::{CodeTheme, Entry, EntryDraft, EntryId, Revision, Template, TemplateField};
pub use out_file::write_bytes as write_file_safely;
pub use search::{
    Facet, FacetCounts, MAX_LIMIT as SEARCH_MAX_LIMIT, SearchHit, SearchOptions, SearchResults,
    SortOrder,
};
pub use shelf::Shelf;
pub use stats::{
    DayCount, GrowthOptions, GrowthOverview, GrowthPoint, GrowthSpan, ItemActivity, Period,
    PeriodTotals, StatsError, Streaks,
};
