//! The appraisal pack: a leader's chosen reflections laid out for an appraisal, as a
//! PDF (typeset by typst, fonts built in) and as a Word `.docx`, entirely offline.
//!
//! Both files hold the same things in the same order: a cover, a summary against the
//! *Leadership for Personalised Care* framework, and the reflections grouped under
//! their first behaviour, NMC reflective accounts laid out as the NMC form, and the
//! development plan planned from them.
//!
//! ```no_run
//! use chrono::NaiveDate;
//! use waymark_appraisal::{PackRequest, appraisal_year};
//!
//! let req = PackRequest {
//!     leader: "Sam Patel".into(),
//!     period: appraisal_year(2026),
//!     generated_on: NaiveDate::from_ymd_opt(2027, 3, 20).unwrap(),
//!     entries: Vec::new(),
//!     actions: Vec::new(),
//! };
//! let pdf = waymark_appraisal::pdf(&req, &mut |step| eprintln!("{}/{}", step.done, step.total))?;
//! std::fs::write("pack.pdf", pdf)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod docx;
mod error;
mod from_journal;
mod markdown;
mod model;
mod pdf;
mod plan;
mod summary;

pub use error::PackError;
pub use from_journal::{PackChoice, pack_ids, request};
pub use model::{
    NmcAccount, PackAction, PackBox, PackEntry, PackRequest, Period, Step, appraisal_year,
    appraisal_year_holding, between,
};
pub use plan::nmc_questions;
pub use summary::{BehaviourRef, BehaviourSummary, Growth, Summary, Tally, ThemeSummary, summary};

/// Makes the pack as an A4 PDF, reporting progress per reflection and once at the end.
pub fn pdf(req: &PackRequest, progress: &mut dyn FnMut(Step)) -> Result<Vec<u8>, PackError> {
    check(req)?;
    pdf::pdf(req, progress)
}

/// Makes the pack as a Word `.docx`, reporting progress per reflection and once at the end.
pub fn docx(req: &PackRequest, progress: &mut dyn FnMut(Step)) -> Result<Vec<u8>, PackError> {
    check(req)?;
    docx::docx(req, progress)
}

/// The two files a pack can be made as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PackFormat {
    /// An A4 PDF, for reading and for the appraisal system's upload.
    Pdf,
    /// A Word `.docx`, for a leader who wants to edit it before the appraisal.
    Docx,
}

impl PackFormat {
    /// The file name's extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            PackFormat::Pdf => "pdf",
            PackFormat::Docx => "docx",
        }
    }

    /// Makes the pack in this format, reporting progress as [`pdf`] and [`docx`] do.
    pub fn make(
        self,
        req: &PackRequest,
        progress: &mut dyn FnMut(Step),
    ) -> Result<Vec<u8>, PackError> {
        match self {
            PackFormat::Pdf => pdf(req, progress),
            PackFormat::Docx => docx(req, progress),
        }
    }
}

/// Makes the pack as `format` and writes it to `path` safely (through a partial
/// file; only a plain file is ever replaced); returns the bytes written.
pub fn write(
    req: &PackRequest,
    format: PackFormat,
    path: &std::path::Path,
    progress: &mut dyn FnMut(Step),
) -> Result<usize, PackError> {
    let bytes = format.make(req, progress)?;
    waymark_journal::write_file_safely(path, &bytes)?;
    Ok(bytes.len())
}

fn check(req: &PackRequest) -> Result<(), PackError> {
    if req.period.to < req.period.from {
        return Err(PackError::PeriodBackwards {
            from: req.period.from,
            to: req.period.to,
        });
    }
    Ok(())
}
