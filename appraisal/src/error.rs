//! What can go wrong while making a pack, in words a leader can act on.

use chrono::NaiveDate;

/// Why an appraisal pack could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// The period ends before it starts.
    #[error(
        "the appraisal period ends ({to}) before it starts ({from}); choose an end date on or after the start"
    )]
    PeriodBackwards {
        /// The first day of the period.
        from: NaiveDate,
        /// The last day of the period.
        to: NaiveDate,
    },
    /// None of the chosen reflections is dated within the period.
    #[error(
        "none of the chosen reflections is dated in {period}; choose another year, or a search that finds reflections in it"
    )]
    NothingInPeriod {
        /// The period's name, such as "Appraisal year 2026/27".
        period: String,
    },
    /// The journal could not be read, or the boxes chosen are unknown.
    #[error(transparent)]
    Journal(#[from] waymark_journal::JournalError),
    /// The PDF typesetter refused the pack; a defect in Waymark, not in what was written.
    #[error("the PDF could not be typeset (please report this): {0}")]
    Typeset(String),
    /// The typeset pack could not be written out as PDF.
    #[error("the PDF could not be written (please report this): {0}")]
    Pdf(String),
    /// The Word file could not be put together.
    #[error("the Word file could not be written (please report this): {0}")]
    Docx(String),
}
