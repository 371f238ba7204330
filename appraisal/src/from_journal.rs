//! From a journal to a pack: the chosen reflections read as an export reads them (the
//! boxes chosen, details that may identify someone removed when asked), kept to the
//! period, with the leader's name from the journal's sharing identity.

use crate::error::PackError;
use crate::model::{NmcAccount, PackAction, PackBox, PackEntry, PackRequest, Period};
use chrono::NaiveDate;
use waymark_journal::actions::ActionFilter;
use waymark_journal::share::ShareFields;
use waymark_journal::{Entry, EntryId, Journal, Template};

/// What the leader chose for a pack made from their journal.
#[derive(Debug, Clone)]
pub struct PackChoice<'a> {
    /// The reflections to consider (a search's results), or `None` for every one not
    /// in the bin; only those dated within `period` go in.
    pub ids: Option<&'a [EntryId]>,
    /// The period the pack covers.
    pub period: Period,
    /// Which boxes go in: the whole reflection, or only some boxes ("the learning, not
    /// the facts"), as a share chooses them.
    pub fields: ShareFields,
    /// Whether details that may identify someone are removed from the pack's copy.
    pub redact: bool,
    /// The name on the cover; `None` takes the journal's sharing name.
    pub leader: Option<String>,
    /// The day the pack is made.
    pub generated_on: NaiveDate,
}

/// The reflections a pack for `period` would hold: those matching `query` (every
/// word of it, as the search box reads it; empty for all) dated within the period,
/// newest first. What the review before the pack checks.
pub fn pack_ids(
    journal: &Journal,
    query: &str,
    period: &Period,
) -> Result<Vec<EntryId>, PackError> {
    if period.to < period.from {
        return Err(PackError::PeriodBackwards {
            from: period.from,
            to: period.to,
        });
    }
    // The search language has no OR, so the dates narrow whatever the query says.
    let within = format!("{query} after:{} before:{}", period.from, period.to);
    Ok(journal.search_ids(within.trim())?)
}

/// The pack a journal makes for `choice`: its reflections in the period, each as an
/// export would hold it. Refuses a period holding none of the chosen reflections.
pub fn request(journal: &Journal, choice: &PackChoice<'_>) -> Result<PackRequest, PackError> {
    if choice.period.to < choice.period.from {
        return Err(PackError::PeriodBackwards {
            from: choice.period.from,
            to: choice.period.to,
        });
    }
    let whole = choice.fields == ShareFields::Whole;
    let exported: Vec<Entry> = journal
        .export_entries(choice.ids, &choice.fields, choice.redact)?
        .into_iter()
        .filter(|e| (choice.period.from..=choice.period.to).contains(&e.draft.date))
        .collect();
    let mut actions = Vec::new();
    let checker = if choice.redact { Some(journal) } else { None };
    for entry in &exported {
        let filter = ActionFilter {
            entry: Some(entry.id),
            ..ActionFilter::default()
        };
        for action in journal.actions(&filter)? {
            // An action's words leave with the pack as the reflection's do.
            let (text, note) = match checker {
                Some(j) => (
                    j.redact_text(&action.draft.text)?,
                    action
                        .note
                        .as_deref()
                        .map(|n| j.redact_text(n))
                        .transpose()?,
                ),
                None => (action.draft.text, action.note),
            };
            actions.push(PackAction {
                text,
                reflection: entry.draft.title.clone(),
                due: action.draft.due,
                status: action.status,
                note,
            });
        }
    }
    let entries: Vec<PackEntry> = exported.iter().map(|e| pack_entry(e, whole)).collect();
    if entries.is_empty() {
        return Err(PackError::NothingInPeriod {
            period: choice.period.label.clone(),
        });
    }
    let leader = match &choice.leader {
        Some(name) => name.trim().to_owned(),
        None => journal.identity()?.name,
    };
    Ok(PackRequest {
        leader,
        period: choice.period.clone(),
        generated_on: choice.generated_on,
        entries,
        actions,
    })
}

/// One entry as the pack lays it out. A whole NMC account is laid out as the NMC
/// form; cut down to some boxes it is laid out as those boxes, so the form never
/// shows questions left empty by the choice.
fn pack_entry(entry: &Entry, whole: bool) -> PackEntry {
    let draft = &entry.draft;
    let text = |key: &str| draft.fields.get(key).cloned().unwrap_or_default();
    let nmc = (whole && draft.template == Template::Nmc).then(|| NmcAccount {
        nature: text("nature"),
        learning: text("learning"),
        change: text("change"),
        relevance: text("relevance"),
        code_themes: draft.code.clone(),
    });
    let boxes = if nmc.is_some() {
        Vec::new()
    } else {
        draft
            .template
            .fields()
            .iter()
            .filter_map(|field| {
                // What the box holds as the entry shows it (the relevance box with the
                // Code's themes named); boxes left empty are left out.
                draft.box_text(field.key).map(|text| PackBox {
                    label: field.label.to_owned(),
                    text,
                })
            })
            .collect()
    };
    PackEntry {
        title: draft.title.clone(),
        date: draft.date,
        template_name: draft.template.short_name().to_owned(),
        nmc,
        boxes,
        notes: Some(draft.body.clone()).filter(|b| !b.trim().is_empty()),
        tags: draft.tags.iter().map(|t| t.as_str().to_owned()).collect(),
    }
}
