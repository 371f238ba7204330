//! Details that may identify someone: the editor's marks as the leader types, the
//! review step before an export, the watch list and the findings marked as fine in
//! Settings, and taking details out of an entry in the journal itself.
//!
//! Thin adapters over the engine's `identifiers` module. Spans count characters
//! (Unicode scalar values); the page converts them for its text boxes.

use crate::error::AppError;
use crate::state::{AppState, on_journal};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;
use waymark_journal::identifiers::{Redacted, RedactionPlan};
use waymark_journal::{EntryDraft, EntryId, Finding, IdentifierKind, Span};

/// A detail that may identify someone, with why it was flagged, for a review step.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FindingToReview {
    /// What was found, and where.
    #[serde(flatten)]
    #[ts(flatten)]
    pub finding: Finding,
    /// Why, in a sentence a leader understands.
    pub reason: String,
}

impl From<Finding> for FindingToReview {
    fn from(finding: Finding) -> FindingToReview {
        FindingToReview {
            reason: finding.kind.reason().to_owned(),
            finding,
        }
    }
}

/// Findings as the review step shows them.
pub(crate) fn to_review(findings: Vec<Finding>) -> Vec<FindingToReview> {
    findings.into_iter().map(FindingToReview::from).collect()
}

/// A detail found in a box of the draft being written, with why, for the editor's mark.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MarkedSpan {
    /// What was found, and where in the box's text (in characters).
    #[serde(flatten)]
    #[ts(flatten)]
    pub span: Span,
    /// Why, in a sentence a leader understands (shown on hover and at the cursor).
    pub reason: String,
}

/// The details found in one box of the draft being written.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DraftFindings {
    /// "title", "body", a template box's key, or "labels" (the labels joined by ", ").
    pub field: String,
    /// What was found there, in order, never overlapping.
    pub spans: Vec<MarkedSpan>,
}

/// A finding marked as fine, for the list in Settings.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DismissedFinding {
    /// What it looked like.
    pub kind: IdentifierKind,
    /// The text marked as fine, as first marked.
    pub text: String,
}

/// The details that may identify someone in the draft being written: the editor marks
/// them as the leader types. Reads only the watch list and the findings marked as fine.
#[tauri::command]
pub async fn check_draft(
    state: State<'_, AppState>,
    draft: EntryDraft,
) -> Result<Vec<DraftFindings>, AppError> {
    on_journal(&state, move |j| {
        Ok(j.check_draft(&draft)?
            .into_iter()
            .map(|found| DraftFindings {
                field: found.field,
                spans: found
                    .spans
                    .into_iter()
                    .map(|span| MarkedSpan {
                        reason: span.kind.reason().to_owned(),
                        span,
                    })
                    .collect(),
            })
            .collect())
    })
    .await
}

/// Every detail that may identify someone in what an export of the whole journal would
/// hold: the review step before the file is written.
#[tauri::command]
pub async fn export_findings(state: State<'_, AppState>) -> Result<Vec<FindingToReview>, AppError> {
    on_journal(&state, move |j| Ok(to_review(j.export_findings(None)?))).await
}

/// Marks a finding as fine, remembered for its text: the check no longer reports it.
#[tauri::command]
pub async fn mark_finding_fine(
    state: State<'_, AppState>,
    kind: IdentifierKind,
    text: String,
) -> Result<(), AppError> {
    on_journal(&state, move |j| Ok(j.dismiss_finding(kind, &text)?)).await
}

/// Reports a finding marked as fine again.
#[tauri::command]
pub async fn unmark_finding_fine(
    state: State<'_, AppState>,
    kind: IdentifierKind,
    text: String,
) -> Result<(), AppError> {
    on_journal(&state, move |j| Ok(j.undismiss_finding(kind, &text)?)).await
}

/// The findings marked as fine, oldest first.
#[tauri::command]
pub async fn dismissed_findings(
    state: State<'_, AppState>,
) -> Result<Vec<DismissedFinding>, AppError> {
    on_journal(&state, move |j| {
        Ok(j.dismissed()?
            .into_iter()
            .map(|(kind, text)| DismissedFinding { kind, text })
            .collect())
    })
    .await
}

/// The names the check watches for, in the order given.
#[tauri::command]
pub async fn watch_list(state: State<'_, AppState>) -> Result<Vec<String>, AppError> {
    on_journal(&state, move |j| Ok(j.watch_list()?)).await
}

/// Replaces the watch list; returns it as kept (trimmed, blanks and repeats dropped).
#[tauri::command]
pub async fn set_watch_list(
    state: State<'_, AppState>,
    names: Vec<String>,
) -> Result<Vec<String>, AppError> {
    on_journal(&state, move |j| {
        j.set_watch_list(&names)?;
        Ok(j.watch_list()?)
    })
    .await
}

/// What taking the details out of this entry in the journal would change, for the
/// question asked first.
#[tauri::command]
pub async fn redaction_plan(
    state: State<'_, AppState>,
    id: EntryId,
) -> Result<RedactionPlan, AppError> {
    on_journal(&state, move |j| Ok(j.redaction_plan(id)?)).await
}

/// Takes the details out of this entry in the journal itself, and with `every_version`
/// out of its earlier versions too.
#[tauri::command]
pub async fn redact_entry(
    state: State<'_, AppState>,
    id: EntryId,
    every_version: bool,
) -> Result<Redacted, AppError> {
    on_journal(&state, move |j| Ok(j.redact_entry(id, every_version)?)).await
}
