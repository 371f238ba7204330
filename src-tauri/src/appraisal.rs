//! The appraisal pack from the desktop: what a pack of a year would hold (for the
//! dialog and its review of identifying details), then the pack made as PDF or Word
//! through a save dialog, with progress. Thin adapters over `waymark-appraisal`.

use crate::commands::WorkProgress;
use crate::error::AppError;
use crate::identifiers::{FindingToReview, to_review};
use crate::state::{AppState, on_journal};
use crate::transfer::{ExportDone, dialog, file_name_safe, into_path};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use ts_rs::TS;
use waymark_appraisal::{PackChoice, PackFormat, Period, appraisal_year, pack_ids};
use waymark_journal::share::ShareFields;

/// What a pack of one appraisal year would hold, before it is made.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PackPreview {
    /// The year's name, such as "Appraisal year 2026/27".
    pub period: String,
    /// Its first day, ISO.
    pub from: String,
    /// Its last day, ISO.
    pub to: String,
    /// The reflections that would go in.
    pub reflections: usize,
    /// Every detail that may identify someone in what would go in.
    pub findings: Vec<FindingToReview>,
}

/// The appraisal years a leader can choose from: the one holding today first, then
/// the four before it (the journal's reflections rarely go further back for appraisal).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppraisalYear {
    /// The year it starts in (2026 for 2026/27): what the commands take.
    pub start: i32,
    /// Its name, such as "Appraisal year 2026/27".
    pub label: String,
}

/// The appraisal years to offer, the one holding `today` (the page's, so the two never
/// disagree about the date) first.
#[tauri::command]
pub fn appraisal_years(today: chrono::NaiveDate) -> Vec<AppraisalYear> {
    let now = waymark_appraisal::appraisal_year_holding(today);
    (0..5)
        .map(|back| {
            let start = now - back;
            AppraisalYear {
                start,
                label: appraisal_year(start).label,
            }
        })
        .collect()
}

/// What the pack of the appraisal year starting in `year`, of the reflections matching
/// `query` (empty: all) with `fields`, would hold.
#[tauri::command]
pub async fn appraisal_pack_preview(
    state: State<'_, AppState>,
    query: String,
    year: i32,
    fields: ShareFields,
) -> Result<PackPreview, AppError> {
    on_journal(&state, move |j| {
        let period = appraisal_year(year);
        let ids = pack_ids(j, &query, &period)?;
        let findings = j.export_findings_of(Some(&ids), &fields)?;
        Ok(PackPreview {
            from: period.from.to_string(),
            to: period.to.to_string(),
            period: period.label,
            reflections: ids.len(),
            findings: to_review(findings),
        })
    })
    .await
}

/// Asks where to save, then makes the pack of the appraisal year starting in `year`
/// (the reflections matching `query`, with `fields`) as `format`, reporting progress;
/// with `redact` every detail that may identify someone is replaced in the pack (the
/// journal keeps its text). `None` when the leader cancelled.
#[tauri::command]
#[allow(clippy::too_many_arguments)] // Each is one choice in the dialog.
pub async fn make_appraisal_pack(
    app: AppHandle,
    state: State<'_, AppState>,
    query: String,
    year: i32,
    fields: ShareFields,
    format: PackFormat,
    redact: bool,
    on_progress: Channel<WorkProgress>,
) -> Result<Option<ExportDone>, AppError> {
    let today = chrono::Local::now().date_naive();
    on_journal(&state, move |j| {
        let period: Period = appraisal_year(year);
        let (filter, extension) = match format {
            PackFormat::Pdf => ("PDF document", "pdf"),
            PackFormat::Docx => ("Word document", "docx"),
        };
        let name = format!(
            "{}.{extension}",
            file_name_safe(&format!(
                "appraisal-pack-{}",
                period.label.trim_start_matches("Appraisal year ")
            ))
        );
        let Some(chosen) = dialog(&app, "Save the appraisal pack")
            .add_filter(filter, &[extension])
            .set_file_name(name)
            .blocking_save_file()
        else {
            return Ok(None);
        };
        let path = into_path(chosen)?;
        let ids = pack_ids(j, &query, &period)?;
        let choice = PackChoice {
            ids: Some(&ids),
            period,
            fields,
            redact,
            leader: None,
            generated_on: today,
        };
        let request = waymark_appraisal::request(j, &choice)?;
        let entries = request.entries.len();
        waymark_appraisal::write(&request, format, &path, &mut |step| {
            // A progress message the window missed (it was closing) is no failure.
            let _ = on_progress.send(WorkProgress {
                done: step.done,
                total: step.total,
            });
        })?;
        Ok(Some(ExportDone {
            path: path.display().to_string(),
            entries,
        }))
    })
    .await
}
