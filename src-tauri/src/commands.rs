//! Tauri commands: thin adapters from the UI to the engine crates.
//!
//! Every engine call runs through [`on_journal`], off the UI thread, so a slow disk or
//! a big search never freezes the window. Nothing here decides anything a shell could
//! disagree about: that lives in the `journal` crate.

use crate::entry_input::draft_from;
use crate::error::AppError;
use crate::state::{AppState, on_journal, on_journal_of};
use chrono::NaiveDate;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};
use ts_rs::TS;
use waymark_framework::{Framework, Match, ThemeId};
use waymark_journal::keys::{KdfCost, RecoveryKey, Secret};
use waymark_journal::{
    CodeTheme, Entry, EntryId, GrowthOptions, GrowthOverview, KeptDraft, ListFilter, MonthCount,
    Revision, SearchOptions, SearchResults, Template, TemplateField, render,
};
use zeroize::Zeroizing;

/// Most framework items the tag picker shows for typed text.
const MAX_TAG_MATCHES: usize = 12;
/// Most entries one page of the journal list may ask for.
const MAX_PAGE: usize = 500;

/// How far long work has got, sent to the UI while it runs.
#[derive(Debug, Clone, Copy, Serialize, TS)]
#[ts(export)]
pub struct WorkProgress {
    /// Done so far.
    pub done: usize,
    /// Total.
    pub total: usize,
}

/// Where the journal lives and whether it opened, for the window's first paint.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct JournalStatus {
    /// The folder of the journal the window shows, as the OS spells it.
    pub dir: Option<String>,
    /// Why the journal could not be opened; `None` when it is open.
    pub error: Option<String>,
    /// Entries not in the bin.
    pub entries: usize,
    /// True while the window shows the sample reflections, not the leader's own.
    pub sample: bool,
    /// This app's version.
    pub version: String,
    /// Why search cannot answer right now (a full disk, say), if it cannot; the journal
    /// itself is fine. Shown beside "saved" (see `Journal::search_problem`).
    pub search_problem: Option<String>,
    /// True while the leader's encrypted journal is locked: the window shows only the
    /// lock screen, and every other field says nothing of the journal.
    pub locked: bool,
    /// True when the leader's journal is encrypted (so it can be locked).
    pub encrypted: bool,
    /// True before the leader's first journal is made: the window asks whether to
    /// encrypt it.
    pub setup: bool,
    /// True when this computer remembers the encrypted journal (it opens at start
    /// without the passphrase).
    pub remembered: bool,
}

/// The journal just made, and its recovery key when it is encrypted: shown once, on the
/// set-up screen, and kept nowhere.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct JournalMade {
    /// The journal's status now.
    pub status: JournalStatus,
    /// The recovery key, in eight groups of four, for an encrypted journal.
    pub recovery_key: Option<String>,
}

/// A template with its boxes, for the editor's template choice.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TemplateInfo {
    /// The template.
    pub template: Template,
    /// Its name for pickers.
    pub title: String,
    /// Its short name for lists and headings ("NMC reflective account").
    pub name: String,
    /// Its labelled boxes, in writing order.
    pub fields: Vec<TemplateField>,
    /// The box beside which the NMC Code's themes are chosen, if it asks for them.
    pub code_field: Option<String>,
    /// The Code's themes it offers (none unless it asks for them), in the Code's order.
    pub code_themes: Vec<CodeThemeInfo>,
    /// The "what next" box actions for the development plan are made from, if any.
    pub action_field: Option<String>,
}

/// One of the NMC Code's themes, for the NMC account's choice.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CodeThemeInfo {
    /// Its id.
    pub id: CodeTheme,
    /// Its name as the Code writes it.
    pub name: String,
}

/// Where the journal is and whether it could be opened.
#[tauri::command]
pub async fn journal_status(state: State<'_, AppState>) -> Result<JournalStatus, AppError> {
    status(&state).await
}

pub(crate) async fn status(state: &AppState) -> Result<JournalStatus, AppError> {
    let sample = state.exploring();
    let version = env!("CARGO_PKG_VERSION").to_owned();
    let (locked, encrypted, setup) = (state.is_locked(), state.is_encrypted(), state.needs_setup());
    let remembered = encrypted && state.is_remembered();
    if locked || setup {
        // Not even where the journal is: a locked window tells nothing.
        return Ok(JournalStatus {
            dir: None,
            error: None,
            entries: 0,
            sample: false,
            version,
            search_problem: None,
            locked,
            encrypted,
            setup,
            remembered,
        });
    }
    let dir = state.active_dir().map(|d| d.display().to_string());
    if let Some(error) = state.open_error() {
        return Ok(JournalStatus {
            dir,
            error: Some(error),
            entries: 0,
            sample,
            version,
            search_problem: None,
            locked,
            encrypted,
            setup,
            remembered,
        });
    }
    let (entries, search_problem) =
        on_journal(state, |j| Ok((j.count()?, j.search_problem()))).await?;
    Ok(JournalStatus {
        dir,
        error: None,
        entries,
        sample,
        version,
        search_problem,
        locked,
        encrypted,
        setup,
        remembered,
    })
}

/// Makes the leader's first journal: encrypted with `passphrase`, or plain when it is
/// `None` (the leader chose so, having been told what that means).
#[tauri::command]
pub async fn create_journal(
    app: AppHandle,
    passphrase: Option<String>,
) -> Result<JournalMade, AppError> {
    let passphrase = passphrase.map(Zeroizing::new);
    let handle = app.clone();
    let recovery = tauri::async_runtime::spawn_blocking(move || {
        handle
            .state::<AppState>()
            .create_own(passphrase.as_ref().map(|p| p.as_str()))
    })
    .await??;
    Ok(JournalMade {
        status: status(&app.state::<AppState>()).await?,
        recovery_key: recovery.map(|r| r.to_words().to_string()),
    })
}

/// Unlocks the leader's encrypted journal with its passphrase; a wrong one is an error
/// that says so, and changes nothing.
#[tauri::command]
pub async fn unlock_journal(app: AppHandle, passphrase: String) -> Result<JournalStatus, AppError> {
    // Held wiped-on-drop from here on; the key stretching runs off the UI thread.
    let secret = Secret::Passphrase(Zeroizing::new(passphrase));
    let handle = app.clone();
    tauri::async_runtime::spawn_blocking(move || handle.state::<AppState>().unlock(&secret))
        .await??;
    status(&app.state::<AppState>()).await
}

/// Sets a new passphrase with the recovery key (the old one was forgotten) and opens
/// the journal; a wrong recovery key is an error that says so, and changes nothing.
#[tauri::command]
pub async fn recover_journal(
    app: AppHandle,
    recovery_key: String,
    new_passphrase: String,
) -> Result<JournalStatus, AppError> {
    let recovery = Zeroizing::new(recovery_key).parse::<RecoveryKey>()?;
    let new_passphrase = Zeroizing::new(new_passphrase);
    let handle = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        handle
            .state::<AppState>()
            .recover(recovery, &new_passphrase)
    })
    .await??;
    status(&app.state::<AppState>()).await
}

/// Changes the open encrypted journal's passphrase, once the current one is given.
#[tauri::command]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    current: String,
    new_passphrase: String,
) -> Result<(), AppError> {
    let current = Secret::Passphrase(Zeroizing::new(current));
    let new_passphrase = Zeroizing::new(new_passphrase);
    on_journal(&state, move |j| {
        j.check_secret(&current)?;
        Ok(j.change_passphrase(&new_passphrase, KdfCost::DEFAULT)?)
    })
    .await
}

/// Remembers the leader's open encrypted journal on this computer (the OS credential
/// store keeps a key that opens it at start), or forgets it.
#[tauri::command]
pub async fn set_remembered(app: AppHandle, remember: bool) -> Result<JournalStatus, AppError> {
    let handle = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        handle.state::<AppState>().set_remembered(remember)
    })
    .await??;
    status(&app.state::<AppState>()).await
}

/// Turns encryption on for the leader's plain journal; returns its recovery key, to be
/// shown once.
#[tauri::command]
pub async fn encrypt_journal(app: AppHandle, passphrase: String) -> Result<JournalMade, AppError> {
    let passphrase = Zeroizing::new(passphrase);
    let handle = app.clone();
    let recovery = tauri::async_runtime::spawn_blocking(move || {
        handle.state::<AppState>().encrypt_own(&passphrase)
    })
    .await??;
    Ok(JournalMade {
        status: status(&app.state::<AppState>()).await?,
        recovery_key: Some(recovery.to_words().to_string()),
    })
}

/// Asks for a folder and moves the leader's journal there (into a `Waymark` folder
/// inside it when it already holds other things); the window goes on with the journal
/// in its new place. `None` when the leader cancelled the dialog.
#[tauri::command]
pub async fn move_journal(app: AppHandle) -> Result<Option<JournalStatus>, AppError> {
    let picker = crate::transfer::dialog(&app, "Choose the folder to keep your journal in");
    let Some(chosen) =
        tauri::async_runtime::spawn_blocking(move || picker.blocking_pick_folder()).await?
    else {
        return Ok(None);
    };
    let chosen = crate::transfer::into_path(chosen)?;
    let handle = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        handle
            .state::<AppState>()
            .move_own(&journal_folder_in(&chosen))
    })
    .await??;
    Ok(Some(status(&app.state::<AppState>()).await?))
}

/// Where in the folder a leader chose the journal goes: the folder itself when it is
/// new or empty, else a `Waymark` folder inside it (so choosing "Documents" never mixes
/// the journal's files with theirs).
fn journal_folder_in(chosen: &std::path::Path) -> std::path::PathBuf {
    let empty = std::fs::read_dir(chosen).map_or(true, |mut entries| entries.next().is_none());
    if empty {
        chosen.to_path_buf()
    } else {
        chosen.join("Waymark")
    }
}

/// Locks the leader's encrypted journal now: closed, its key out of memory, the
/// window showing only the lock screen.
#[tauri::command]
pub async fn lock_journal(state: State<'_, AppState>) -> Result<JournalStatus, AppError> {
    state.lock()?;
    status(&state).await
}

/// Switches the window to the sample reflections (filled on first use, reporting
/// progress), in their own journal beside the leader's.
#[tauri::command]
pub async fn explore_sample(
    app: AppHandle,
    on_progress: Channel<WorkProgress>,
) -> Result<JournalStatus, AppError> {
    let today = chrono::Local::now().date_naive();
    let handle = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        handle.state::<AppState>().explore_sample(today, &mut |p| {
            // A progress message the window missed (it was closing) is no failure.
            let _ = on_progress.send(WorkProgress {
                done: p.done,
                total: p.total,
            });
        })
    })
    .await??;
    status(&app.state::<AppState>()).await
}

/// Switches the window back to the leader's own journal.
#[tauri::command]
pub async fn leave_sample(state: State<'_, AppState>) -> Result<JournalStatus, AppError> {
    state.leave_sample();
    status(&state).await
}

/// The whole framework, for the framework browser and the tag picker.
#[tauri::command]
pub fn get_framework() -> &'static Framework {
    waymark_framework::lpc()
}

/// Framework items matching typed text, best first, the item `--tag` and `tag:` would
/// choose at the top ("hosting" finds the hosting style).
#[tauri::command]
pub fn find_tags(text: String) -> Vec<Match> {
    waymark_framework::lpc().suggestions(&text, MAX_TAG_MATCHES)
}

/// Every template's boxes, each once: what a share may include.
#[tauri::command]
pub fn share_fields() -> Vec<TemplateField> {
    Template::all_fields().into_iter().copied().collect()
}

/// Every template, the default first, with its labelled boxes.
#[tauri::command]
pub fn templates() -> Vec<TemplateInfo> {
    Template::ALL
        .iter()
        .map(|t| TemplateInfo {
            template: *t,
            title: t.title().to_owned(),
            name: t.short_name().to_owned(),
            fields: t.fields().to_vec(),
            code_field: t.code_field().map(str::to_owned),
            action_field: t.action_field().map(str::to_owned),
            code_themes: if t.asks_code_themes() {
                CodeTheme::ALL
                    .iter()
                    .map(|c| CodeThemeInfo {
                        id: *c,
                        name: c.name().to_owned(),
                    })
                    .collect()
            } else {
                Vec::new()
            },
        })
        .collect()
}

/// One page of entries, newest reflection date first.
/// With `coachee`, from what that coachee shared.
#[tauri::command]
pub async fn list_entries(
    state: State<'_, AppState>,
    coachee: Option<String>,
    starred_only: bool,
    theme: Option<String>,
    offset: usize,
    limit: usize,
) -> Result<Vec<Entry>, AppError> {
    let filter = ListFilter {
        starred_only,
        theme: theme.filter(|t| !t.is_empty()).map(ThemeId),
        limit: Some(limit.min(MAX_PAGE)),
        offset,
    };
    on_journal_of(&state, coachee, move |j| Ok(j.list(&filter)?)).await
}

/// How many entries each month holds, newest first, under the journal list's filters.
/// With `coachee`, of what that coachee shared.
#[tauri::command]
pub async fn entry_months(
    state: State<'_, AppState>,
    coachee: Option<String>,
    starred_only: bool,
    theme: Option<String>,
) -> Result<Vec<MonthCount>, AppError> {
    let filter = ListFilter {
        starred_only,
        theme: theme.filter(|t| !t.is_empty()).map(ThemeId),
        ..ListFilter::default()
    };
    on_journal_of(&state, coachee, move |j| Ok(j.months(&filter)?)).await
}

/// One entry, whether or not it is in the bin.
/// With `coachee`, from what that coachee shared.
#[tauri::command]
pub async fn get_entry(
    state: State<'_, AppState>,
    coachee: Option<String>,
    id: EntryId,
) -> Result<Entry, AppError> {
    on_journal_of(&state, coachee, move |j| Ok(j.get(id)?)).await
}

/// Saves a new entry. Its date is read by [`draft_from`], so a bad one is answered with a sentence.
#[tauri::command]
pub async fn create_entry(
    state: State<'_, AppState>,
    draft: serde_json::Value,
) -> Result<Entry, AppError> {
    let draft = draft_from(draft)?;
    on_journal(&state, move |j| Ok(j.create(draft)?)).await
}

/// Saves a new version of an entry.
#[tauri::command]
pub async fn update_entry(
    state: State<'_, AppState>,
    id: EntryId,
    draft: serde_json::Value,
) -> Result<Entry, AppError> {
    let draft = draft_from(draft)?;
    on_journal(&state, move |j| Ok(j.update(id, draft)?)).await
}

/// Keeps the editor's unsaved writing for the entry `id` (or, with no id, the entry
/// being started), replacing what was kept before.
#[tauri::command]
pub async fn keep_draft(
    state: State<'_, AppState>,
    id: Option<EntryId>,
    draft: serde_json::Value,
) -> Result<KeptDraft, AppError> {
    let draft = draft_from(draft)?;
    on_journal(&state, move |j| Ok(j.keep_draft(id, &draft)?)).await
}

/// The unsaved writing kept for the entry `id` (or the entry being started), if any.
#[tauri::command]
pub async fn kept_draft(
    state: State<'_, AppState>,
    id: Option<EntryId>,
) -> Result<Option<KeptDraft>, AppError> {
    on_journal(&state, move |j| Ok(j.draft(id)?)).await
}

/// Forgets the unsaved writing kept for the entry `id` (or the entry being started).
#[tauri::command]
pub async fn drop_draft(state: State<'_, AppState>, id: Option<EntryId>) -> Result<(), AppError> {
    on_journal(&state, move |j| Ok(j.drop_draft(id)?)).await
}

/// Every version of an entry, newest first.
#[tauri::command]
pub async fn entry_history(
    state: State<'_, AppState>,
    id: EntryId,
) -> Result<Vec<Revision>, AppError> {
    on_journal(&state, move |j| Ok(j.history(id)?)).await
}

/// Brings back an earlier version as a new version.
#[tauri::command]
pub async fn restore_revision(
    state: State<'_, AppState>,
    id: EntryId,
    revision: u32,
) -> Result<Entry, AppError> {
    on_journal(&state, move |j| Ok(j.restore_revision(id, revision)?)).await
}

/// What changed from version `from` of an entry to version `to` (`from` absent: the
/// version before `to`), word by word in each box.
#[tauri::command]
pub async fn revision_changes(
    state: State<'_, AppState>,
    id: EntryId,
    from: Option<u32>,
    to: u32,
) -> Result<waymark_journal::changes::RevisionChanges, AppError> {
    on_journal(&state, move |j| Ok(j.revision_changes(id, from, to)?)).await
}

/// Moves an entry to the bin.
#[tauri::command]
pub async fn delete_entry(state: State<'_, AppState>, id: EntryId) -> Result<(), AppError> {
    on_journal(&state, move |j| Ok(j.delete(id)?)).await
}

/// Takes an entry out of the bin.
#[tauri::command]
pub async fn restore_entry(state: State<'_, AppState>, id: EntryId) -> Result<Entry, AppError> {
    on_journal(&state, move |j| Ok(j.restore(id)?)).await
}

/// Removes an entry in the bin for good.
#[tauri::command]
pub async fn purge_entry(state: State<'_, AppState>, id: EntryId) -> Result<(), AppError> {
    on_journal(&state, move |j| Ok(j.purge(id)?)).await
}

/// Entries in the bin, most recently deleted first.
#[tauri::command]
pub async fn list_bin(state: State<'_, AppState>) -> Result<Vec<Entry>, AppError> {
    on_journal(&state, |j| Ok(j.bin()?)).await
}

/// Searches with the engine's query language.
/// With `coachee`, from what that coachee shared.
#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    coachee: Option<String>,
    query: String,
    options: SearchOptions,
) -> Result<SearchResults, AppError> {
    on_journal_of(&state, coachee, move |j| {
        j.search(&query, &options)
            .map_err(|e| AppError::in_query(e, &query))
    })
    .await
}

/// Every entry id matching a search, newest reflection first (to share them all).
#[tauri::command]
pub async fn search_ids(
    state: State<'_, AppState>,
    query: String,
) -> Result<Vec<EntryId>, AppError> {
    on_journal(&state, move |j| {
        j.search_ids(&query)
            .map_err(|e| AppError::in_query(e, &query))
    })
    .await
}

/// Everything the Growth view shows (counts per item per period over the span asked
/// for, first and last reflections, what has gone quiet, the calendar and streaks) in
/// one engine call, counted up to `today` (the window's today, so the page and the
/// engine agree on it; the local calendar's when absent).
/// With `coachee`, from what that coachee shared.
#[tauri::command]
pub async fn growth_overview(
    state: State<'_, AppState>,
    coachee: Option<String>,
    options: GrowthOptions,
    today: Option<NaiveDate>,
) -> Result<GrowthOverview, AppError> {
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    on_journal_of(&state, coachee, move |j| {
        Ok(j.growth_overview(&options, today)?)
    })
    .await
}

/// Markdown as sanitised HTML, for the editor's preview.
#[tauri::command]
pub async fn render_markdown(text: String) -> Result<String, AppError> {
    // Rendering a long body is quick but not free; keep it off the UI thread too.
    Ok(tauri::async_runtime::spawn_blocking(move || render::markdown_to_html(&text)).await?)
}

/// An entry's template fields and body as sanitised HTML, for the entry view.
/// With `coachee`, from what that coachee shared.
#[tauri::command]
pub async fn render_entry(
    state: State<'_, AppState>,
    coachee: Option<String>,
    id: EntryId,
) -> Result<String, AppError> {
    on_journal_of(&state, coachee, move |j| {
        Ok(render::entry_to_html(&j.get(id)?))
    })
    .await
}

/// Rebuilds the search index from the database, reporting progress as it goes.
#[tauri::command]
pub async fn reindex(
    state: State<'_, AppState>,
    on_progress: Channel<WorkProgress>,
) -> Result<(), AppError> {
    on_journal(&state, move |j| {
        Ok(j.reindex(&mut |p| {
            // A progress message the window missed (it was closing) is no failure.
            let _ = on_progress.send(WorkProgress {
                done: p.done,
                total: p.total,
            });
        })?)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_hosting_or_sharing_power_puts_the_right_quality_first() {
        let hosting = find_tags("hosting".into());
        assert_eq!(
            hosting.first().map(|m| m.id.as_str()),
            Some("hosting-style")
        );
        let sharing = find_tags("sharing power".into());
        let first = sharing.first().map(|m| m.label.to_lowercase());
        assert!(
            first.as_deref().is_some_and(|l| l.contains("power")),
            "{first:?}"
        );
    }

    #[test]
    fn rolfe_is_offered_first_with_its_three_boxes() {
        let all = templates();
        assert_eq!(all[0].template, Template::Rolfe);
        let labels: Vec<&str> = all[0].fields.iter().map(|f| f.label).collect();
        assert_eq!(labels, ["What?", "So what?", "Now what?"]);
    }
}
