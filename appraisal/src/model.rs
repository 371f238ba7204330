//! What the caller hands over: the leader, the period and the chosen reflections.

use chrono::NaiveDate;
use waymark_journal::CodeTheme;
use waymark_journal::actions::ActionStatus;

/// Everything a pack is made from. The entries are already chosen, and already
/// reviewed by the leader for details that may identify someone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackRequest {
    /// The leader's name for the cover; empty leaves the name line out.
    pub leader: String,
    /// The period the pack covers.
    pub period: Period,
    /// The day the pack is made, given by the caller so the crate never reads the clock.
    pub generated_on: NaiveDate,
    /// The chosen reflections, in any order.
    pub entries: Vec<PackEntry>,
    /// The development plan: the actions planned from the chosen reflections.
    pub actions: Vec<PackAction>,
}

/// One action of the development plan as it goes into the pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackAction {
    /// What was to be done.
    pub text: String,
    /// The title of the reflection it grew out of.
    pub reflection: String,
    /// The day to do it by, if it has one.
    pub due: Option<NaiveDate>,
    /// Where it stands.
    pub status: ActionStatus,
    /// How it went, said when it was closed.
    pub note: Option<String>,
}

/// A span of days with the name it is known by, such as "Appraisal year 2026/27".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// The first day, included.
    pub from: NaiveDate,
    /// The last day, included.
    pub to: NaiveDate,
    /// The name shown on the cover.
    pub label: String,
}

/// One reflection as it goes into the pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackEntry {
    /// The reflection's title.
    pub title: String,
    /// The day the reflection is about.
    pub date: NaiveDate,
    /// The name of the template it was written with, such as "Rolfe".
    pub template_name: String,
    /// The NMC reflective account, laid out as the NMC form when present.
    pub nmc: Option<NmcAccount>,
    /// The boxes the leader chose to include, in writing order.
    pub boxes: Vec<PackBox>,
    /// The free notes (Markdown), when the leader chose to include them.
    pub notes: Option<String>,
    /// Framework item ids (themes, behaviours, qualities), in the order tagged.
    pub tags: Vec<String>,
}

/// One box of a template: its label and what was written in it (Markdown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackBox {
    /// The box's heading, such as "What?".
    pub label: String,
    /// What was written in it, as Markdown.
    pub text: String,
}

/// The four answers of an NMC reflective account, and the Code themes chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NmcAccount {
    /// The nature of the activity, feedback, event or experience (Markdown).
    pub nature: String,
    /// What was learnt (Markdown).
    pub learning: String,
    /// How practice changed or improved (Markdown).
    pub change: String,
    /// How it is relevant to the Code (Markdown).
    pub relevance: String,
    /// The Code themes chosen.
    pub code_themes: Vec<CodeTheme>,
}

/// How far a pack has got, for a progress bar: `done` of `total` steps.
///
/// There is one step per reflection laid out and one for writing the file; the
/// last report has `done == total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// Steps finished.
    pub done: usize,
    /// Steps in all.
    pub total: usize,
}

/// The NHS appraisal year that starts on 1 April of `start_year`.
///
/// ```
/// let year = waymark_appraisal::appraisal_year(2026);
/// assert_eq!(year.label, "Appraisal year 2026/27");
/// assert_eq!(year.from.to_string(), "2026-04-01");
/// assert_eq!(year.to.to_string(), "2027-03-31");
/// ```
pub fn appraisal_year(start_year: i32) -> Period {
    // 1 April and 31 March exist in every year chrono can hold, so the only way to
    // fail is a year outside its range; clamp to the range's ends rather than panic.
    let from = NaiveDate::from_ymd_opt(start_year, 4, 1).unwrap_or(NaiveDate::MIN);
    let to = NaiveDate::from_ymd_opt(start_year.saturating_add(1), 3, 31).unwrap_or(NaiveDate::MAX);
    Period {
        from,
        to,
        label: format!(
            "Appraisal year {start_year}/{:02}",
            (start_year.saturating_add(1)).rem_euclid(100)
        ),
    }
}

/// The days from `from` to `to` (both included), named by them: "1 May 2026 to 30 June
/// 2026".
pub fn between(from: NaiveDate, to: NaiveDate) -> Period {
    Period {
        from,
        to,
        label: format!("{} to {}", from.format("%-d %B %Y"), to.format("%-d %B %Y")),
    }
}

/// The first year of the NHS appraisal year holding `day` (which runs 1 April to 31
/// March): 2026 for any day from 1 April 2026 to 31 March 2027.
///
/// ```
/// use chrono::NaiveDate;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(waymark_appraisal::appraisal_year_holding(day(2027, 3, 31)), 2026);
/// assert_eq!(waymark_appraisal::appraisal_year_holding(day(2027, 4, 1)), 2027);
/// ```
pub fn appraisal_year_holding(day: NaiveDate) -> i32 {
    use chrono::Datelike;
    if day.month() >= 4 {
        day.year()
    } else {
        day.year() - 1
    }
}
