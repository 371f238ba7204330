//! A coach's coachees: the read-only journal of what each leader shared, kept in the
//! coach's journal folder under `coachees/<fingerprint>/`, and the ways to reach it
//! (list, search one or all, find an entry wherever it is).

use super::ShareError;
use super::identity::Contact;
use crate::error::{JournalError, Result};
use crate::journal::Journal;
use crate::model::EntryId;
use crate::search::{SearchOptions, SearchResults};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::{Arc, PoisonError};
use ts_rs::TS;

/// Name of the folder, inside a journal's folder, that holds coachees' journals.
pub(crate) const COACHEES_DIR: &str = "coachees";

/// Where an entry was found: this journal, or a coachee's shared entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EntryLocation {
    /// The entry.
    pub id: EntryId,
    /// The coachee who shared it, or `None` for this journal's own entry.
    pub coachee: Option<Contact>,
}

/// A coachee as the coach's Coachees list shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CoacheeSummary {
    /// The contact who shared.
    pub contact: Contact,
    /// Entries they have shared (as last received).
    pub entries: usize,
    /// When their last bundle of entries was received here.
    #[ts(type = "string | null")]
    pub last_received: Option<DateTime<Utc>>,
    /// Comments this journal's owner wrote on their entries.
    pub my_comments: usize,
    /// Their entries with something not yet opened here: newly shared or updated, or
    /// with a reply that arrived since.
    pub unseen: usize,
}

/// One coachee's results for a search across coachees.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CoacheeResults {
    /// Whose entries these are.
    pub coachee: Contact,
    /// What the search found among them.
    pub results: SearchResults,
}

impl Journal {
    /// The folder holding what `contact` shared, if this journal has a folder.
    pub(crate) fn coachee_dir(&self, contact: &Contact) -> Result<PathBuf> {
        let dir = self.dir().ok_or(ShareError::NoFolder)?;
        Ok(dir.join(COACHEES_DIR).join(contact.folder_name()))
    }

    /// Whether `contact` has shared anything with this journal.
    pub(crate) fn has_coachee_journal(&self, contact: &Contact) -> bool {
        self.coachee_dir(contact)
            .is_ok_and(|d| d.join(crate::paths::DB_FILE).exists())
    }

    /// Opens the read-only journal of what the contact `name` shared, creating it if
    /// needed. It is a normal [`Journal`], so search and growth work on it unchanged;
    /// only bundles from that contact should change it.
    ///
    /// It stays open for this journal's life, and every call returns the same one.
    pub fn coachee_journal(&self, name: &str) -> Result<Arc<Journal>> {
        let contact = self.contact(name)?;
        self.open_coachee(&contact)
    }

    /// The journal of what `contact` shared, opened (and created) on first use and kept.
    pub(crate) fn open_coachee(&self, contact: &Contact) -> Result<Arc<Journal>> {
        let mut open = self
            .coachees_open
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(journal) = open.get(&contact.fingerprint) {
            return Ok(Arc::clone(journal));
        }
        // Inside an encrypted journal, what a coachee shared is encrypted with its key.
        let keying = match &self.key {
            Some(key) => crate::journal::Keying::Key(key.duplicate()),
            None => crate::journal::Keying::Plain,
        };
        let journal = Arc::new(crate::shelf::open(
            &self.coachee_dir(contact)?,
            keying,
            &mut |_| {},
        )?);
        open.insert(contact.fingerprint.clone(), Arc::clone(&journal));
        Ok(journal)
    }

    /// The journal of what `contact` shared if they ever shared anything; never creates one.
    pub(crate) fn existing_coachee(&self, contact: &Contact) -> Result<Option<Arc<Journal>>> {
        if self.has_coachee_journal(contact) {
            self.open_coachee(contact).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Contacts who have shared entries with this journal (a coach's coachees).
    pub fn coachees(&self) -> Result<Vec<Contact>> {
        Ok(self
            .contacts()?
            .into_iter()
            .filter(|c| self.has_coachee_journal(c))
            .collect())
    }

    /// Finds the entry a leader typed (a full id or a unique prefix of 8 or more
    /// characters): in this journal first, then among every coachee's shared entries.
    pub fn locate_entry(&self, text: &str) -> Result<EntryLocation> {
        match self.resolve_id(text) {
            Ok(id) => {
                return Ok(EntryLocation { id, coachee: None });
            }
            Err(JournalError::NotFound(_) | JournalError::NoSuchId(_)) => {}
            Err(other) => return Err(other),
        }
        let mut found: Vec<EntryLocation> = Vec::new();
        for contact in self.coachees()? {
            let sub = self.open_coachee(&contact)?;
            match sub.resolve_id(text) {
                Ok(id) => found.push(EntryLocation {
                    id,
                    coachee: Some(contact),
                }),
                Err(JournalError::NotFound(_) | JournalError::NoSuchId(_)) => {}
                Err(other) => return Err(other),
            }
        }
        if found.len() > 1 {
            // Two coachees' own ids can meet (a copied journal, a crafted bundle):
            // say who, so the caller names one (Journal::add_comment_in).
            let names: Vec<String> = found
                .iter()
                .filter_map(|l| l.coachee.as_ref().map(|c| c.name.clone()))
                .collect();
            return Err(ShareError::SharedByMany {
                id: text.trim().to_owned(),
                names: names.join(", "),
            }
            .into());
        }
        let found = found.pop();
        found.ok_or_else(|| match text.trim().parse::<EntryId>() {
            Ok(id) => JournalError::NotFound(id),
            Err(_) => JournalError::NoSuchId(text.trim().to_ascii_lowercase()),
        })
    }

    /// Every coachee with how much they shared and when, in name order.
    pub fn coachee_summaries(&self) -> Result<Vec<CoacheeSummary>> {
        let own = self.existing_keys()?.map(|k| k.info.fingerprint);
        let mut out = Vec::new();
        for contact in self.coachees()? {
            let sub = self.open_coachee(&contact)?;
            let my_comments = match &own {
                Some(fingerprint) => sub.store.read(|r| r.count_comments_by(fingerprint))?,
                None => 0,
            };
            let last = self
                .store
                .read(|r| r.last_entries_received_from(&contact.fingerprint))?;
            out.push(CoacheeSummary {
                entries: sub.count()?,
                last_received: last,
                my_comments,
                unseen: sub.store.read(|r| r.unseen())?.len(),
                contact,
            });
        }
        Ok(out)
    }

    /// Searches what coachees shared: the one called `only`, or every coachee. Each
    /// coachee's results come separately, in name order, even when nothing matched.
    pub fn search_coachees(
        &self,
        query: &str,
        options: &SearchOptions,
        only: Option<&str>,
    ) -> Result<Vec<CoacheeResults>> {
        let coachees = match only {
            Some(name) => vec![self.contact(name)?],
            None => self.coachees()?,
        };
        let mut out = Vec::with_capacity(coachees.len());
        for coachee in coachees {
            let results = self.open_coachee(&coachee)?.search(query, options)?;
            out.push(CoacheeResults { coachee, results });
        }
        Ok(out)
    }
}
