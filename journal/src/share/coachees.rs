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

/// How many entries an id matching in several journals lists.
const CANDIDATES_LISTED: usize = 10;

/// The folder name for what someone shared: their fingerprint without dashes, worked
/// out here so no path ever comes from a bundle.
pub(crate) fn folder_name(fingerprint: &str) -> String {
    fingerprint.replace('-', "").to_ascii_lowercase()
}

/// Where an entry was found: this journal, or a coachee's shared entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EntryLocation {
    /// The entry.
    pub id: EntryId,
    /// The coachee who shared it, or `None` for this journal's own entry.
    pub coachee: Option<Coachee>,
}

/// Someone whose shared entries this journal keeps: a contact, or someone removed
/// from contacts since, whose entries stay until the coach deletes them
/// ([`Journal::delete_shared_by`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Coachee {
    /// Their name: as a contact, or as their last bundle gave it once removed.
    pub name: String,
    /// Their fingerprint.
    pub fingerprint: String,
    /// Whether they are no longer a contact (their bundles are refused meanwhile).
    pub removed: bool,
}

impl Coachee {
    fn of(contact: &Contact) -> Coachee {
        Coachee {
            name: contact.name.clone(),
            fingerprint: contact.fingerprint.clone(),
            removed: false,
        }
    }
}

/// A coachee as the coach's Coachees list shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CoacheeSummary {
    /// Who shared: a contact, or someone removed from contacts since whose shared
    /// entries are still here (until [`Journal::delete_shared_by`]).
    pub coachee: Coachee,
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
    pub coachee: Coachee,
    /// What the search found among them.
    pub results: SearchResults,
}

impl Journal {
    /// The folder holding what the person with this fingerprint shared, if this
    /// journal has a folder.
    fn coachee_dir_of(&self, fingerprint: &str) -> Result<PathBuf> {
        let dir = self.dir().ok_or(ShareError::NoFolder)?;
        Ok(dir.join(COACHEES_DIR).join(folder_name(fingerprint)))
    }

    fn has_journal_of(&self, fingerprint: &str) -> bool {
        self.coachee_dir_of(fingerprint)
            .is_ok_and(|d| d.join(crate::paths::DB_FILE).exists())
    }

    /// Whether `contact` has shared anything with this journal.
    pub(crate) fn has_coachee_journal(&self, contact: &Contact) -> bool {
        self.has_journal_of(&contact.fingerprint)
    }

    /// Opens the read-only journal of what the contact `name` shared, creating it if
    /// needed; for someone removed from contacts, the one they left (see
    /// [`Journal::coachee_named`]). It is a normal [`Journal`], so search and growth
    /// work on it unchanged; only bundles from that contact should change it.
    ///
    /// It stays open for this journal's life, and every call returns the same one.
    pub fn coachee_journal(&self, name: &str) -> Result<Arc<Journal>> {
        match self.contact(name) {
            Ok(contact) => self.open_coachee(&contact),
            Err(not_a_contact) => match self.former_coachee(name)? {
                Some(former) => self.open_coachee_of(&former.fingerprint),
                None => Err(not_a_contact),
            },
        }
    }

    /// The journal of what `contact` shared, opened (and created) on first use and kept.
    pub(crate) fn open_coachee(&self, contact: &Contact) -> Result<Arc<Journal>> {
        self.open_coachee_of(&contact.fingerprint)
    }

    /// The journal of what the person with this fingerprint shared, opened (and
    /// created) on first use and kept.
    pub(crate) fn open_coachee_of(&self, fingerprint: &str) -> Result<Arc<Journal>> {
        let mut open = self
            .coachees_open
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(journal) = open.get(fingerprint) {
            return Ok(Arc::clone(journal));
        }
        // Inside an encrypted journal, what a coachee shared is encrypted with its key.
        let keying = match &self.key {
            Some(key) => crate::journal::Keying::Key(key.duplicate()),
            None => crate::journal::Keying::Plain,
        };
        let journal = Arc::new(crate::shelf::open(
            &self.coachee_dir_of(fingerprint)?,
            keying,
            &mut |_| {},
        )?);
        open.insert(fingerprint.to_owned(), Arc::clone(&journal));
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

    /// People removed from contacts whose shared entries are still here, by name.
    pub fn former_coachees(&self) -> Result<Vec<Coachee>> {
        let current: Vec<String> = self
            .contacts()?
            .into_iter()
            .map(|c| c.fingerprint)
            .collect();
        let mut former: Vec<Coachee> = self
            .store
            .read(|r| r.entry_senders())?
            .into_iter()
            .filter(|(fingerprint, _)| {
                !current.contains(fingerprint) && self.has_journal_of(fingerprint)
            })
            .map(|(fingerprint, name)| Coachee {
                name,
                fingerprint,
                removed: true,
            })
            .collect();
        former.sort_by_key(|c| c.name.to_lowercase());
        Ok(former)
    }

    /// Everyone whose shared entries are here: coachees who are contacts, then former ones.
    pub fn all_coachees(&self) -> Result<Vec<Coachee>> {
        let mut all: Vec<Coachee> = self.coachees()?.iter().map(Coachee::of).collect();
        all.extend(self.former_coachees()?);
        Ok(all)
    }

    /// The removed contact called `name` (ignoring case) whose shared entries are here.
    fn former_coachee(&self, name: &str) -> Result<Option<Coachee>> {
        let name = name.trim();
        Ok(self
            .former_coachees()?
            .into_iter()
            .find(|c| c.name.to_lowercase() == name.to_lowercase()))
    }

    /// The coachee called `name`: a contact who shared entries with this journal, or a
    /// removed contact whose shared entries are still here.
    pub fn coachee_named(&self, name: &str) -> Result<Coachee> {
        match self.contact(name) {
            Ok(contact) if self.has_coachee_journal(&contact) => Ok(Coachee::of(&contact)),
            Ok(contact) => Err(ShareError::NotACoachee { name: contact.name }.into()),
            Err(not_a_contact) => self.former_coachee(name)?.ok_or(not_a_contact),
        }
    }

    /// Deletes everything the coachee called `name` shared with this journal (and the
    /// comments written on it here), for good, and removes them from contacts if they
    /// still are one. Returns who they were and how many entries went.
    pub fn delete_shared_by(&self, name: &str) -> Result<(Coachee, usize)> {
        let coachee = self.coachee_named(name)?;
        if !coachee.removed {
            self.remove_contact(&coachee.name)?;
        }
        let journal = self.open_coachee_of(&coachee.fingerprint)?;
        let entries = journal.count()?;
        let dir = self.coachee_dir_of(&coachee.fingerprint)?;
        // Closed first: its lock and files must be let go before the folder can go.
        drop(journal);
        self.coachees_open
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&coachee.fingerprint);
        std::fs::remove_dir_all(&dir).map_err(|e| JournalError::io(&dir, e))?;
        Ok((coachee, entries))
    }

    /// Finds the entry a leader typed (see [`Journal::resolve_id`] for the forms), in
    /// this journal and among everything coachees shared, removed contacts' included.
    ///
    /// A whole id is this journal's own entry if it has one. Anything shorter that
    /// matches entries in more than one journal is [`JournalError::AmbiguousId`],
    /// listing each with whose it is.
    pub fn locate_entry(&self, text: &str) -> Result<EntryLocation> {
        let whole = text.trim().parse::<EntryId>().is_ok();
        let mut found: Vec<EntryLocation> = Vec::new();
        let mut candidates = Vec::new();
        let mut more = 0;
        let journals = std::iter::once(Ok((None, None))).chain(
            self.all_coachees()?.into_iter().map(|coachee| {
                self.open_coachee_of(&coachee.fingerprint)
                    .map(|journal| (Some(coachee), Some(journal)))
            }),
        );
        for opened in journals {
            let (coachee, sub) = opened?;
            let journal: &Journal = sub.as_deref().unwrap_or(self);
            match journal.resolve_id(text) {
                Ok(id) if whole && coachee.is_none() => {
                    return Ok(EntryLocation { id, coachee: None });
                }
                Ok(id) => {
                    let name = coachee.as_ref().map(|c| c.name.clone());
                    candidates.extend(journal.candidates(
                        &journal.short_ids()?,
                        &[id],
                        name.as_deref(),
                    ));
                    found.push(EntryLocation { id, coachee });
                }
                Err(JournalError::NotFound(_) | JournalError::NoSuchId(_)) => {}
                Err(JournalError::AmbiguousId {
                    candidates: theirs,
                    more: beyond,
                    ..
                }) => {
                    let name = coachee.as_ref().map(|c| c.name.clone());
                    candidates.extend(theirs.into_iter().map(|mut c| {
                        c.journal.clone_from(&name);
                        c
                    }));
                    more += beyond;
                    // Counted as two, so one match elsewhere cannot win over it.
                    found.push(EntryLocation {
                        id: EntryId::default(),
                        coachee: None,
                    });
                    found.push(EntryLocation {
                        id: EntryId::default(),
                        coachee: None,
                    });
                }
                Err(other) => return Err(other),
            }
        }
        if found.len() > 1 {
            if whole {
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
            return Err(JournalError::AmbiguousId {
                typed: text.trim().to_ascii_lowercase(),
                more: more + candidates.len().saturating_sub(CANDIDATES_LISTED),
                candidates: candidates.into_iter().take(CANDIDATES_LISTED).collect(),
            });
        }
        found
            .pop()
            .ok_or_else(|| match text.trim().parse::<EntryId>() {
                Ok(id) => JournalError::NotFound(id),
                Err(_) => JournalError::NoSuchId(text.trim().to_ascii_lowercase()),
            })
    }

    /// Every coachee with how much they shared and when: contacts in name order, then
    /// people removed from contacts whose shared entries are still here.
    pub fn coachee_summaries(&self) -> Result<Vec<CoacheeSummary>> {
        let own = self.existing_keys()?.map(|k| k.info.fingerprint);
        let mut out = Vec::new();
        for coachee in self.all_coachees()? {
            let sub = self.open_coachee_of(&coachee.fingerprint)?;
            let my_comments = match &own {
                Some(fingerprint) => sub.store.read(|r| r.count_comments_by(fingerprint))?,
                None => 0,
            };
            let last = self
                .store
                .read(|r| r.last_entries_received_from(&coachee.fingerprint))?;
            out.push(CoacheeSummary {
                entries: sub.count()?,
                last_received: last,
                my_comments,
                unseen: sub.store.read(|r| r.unseen())?.len(),
                coachee,
            });
        }
        Ok(out)
    }

    /// Searches what coachees shared: the one called `only`, or every coachee (removed
    /// contacts whose entries are still here last). Each coachee's results come
    /// separately, in name order, even when nothing matched.
    pub fn search_coachees(
        &self,
        query: &str,
        options: &SearchOptions,
        only: Option<&str>,
    ) -> Result<Vec<CoacheeResults>> {
        let coachees = match only {
            Some(name) => match self.contact(name) {
                Ok(contact) => vec![Coachee::of(&contact)],
                Err(not_a_contact) => vec![self.former_coachee(name)?.ok_or(not_a_contact)?],
            },
            None => self.all_coachees()?,
        };
        let mut out = Vec::with_capacity(coachees.len());
        for coachee in coachees {
            let results = self
                .open_coachee_of(&coachee.fingerprint)?
                .search(query, options)?;
            out.push(CoacheeResults { coachee, results });
        }
        Ok(out)
    }
}
