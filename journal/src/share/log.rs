//! The sharing log: one line for every bundle sent or received.

use super::wire::BundleKind;
use crate::error::Result;
use crate::journal::Journal;
use crate::model::EntryId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use ts_rs::TS;

/// Whether a bundle left this journal or came to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Direction {
    /// Made here for a contact.
    Sent,
    /// Received here from a contact.
    Received,
}

impl Direction {
    /// The word stored in the sharing log: `sent` or `received`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Sent => "sent",
            Direction::Received => "received",
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Direction {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "sent" => Ok(Direction::Sent),
            "received" => Ok(Direction::Received),
            other => Err(format!("'{other}' is not a direction")),
        }
    }
}

/// One line of the sharing log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ShareLogEntry {
    /// When.
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    /// Sent or received.
    pub direction: Direction,
    /// What the bundle carried.
    pub kind: BundleKind,
    /// The contact's name at the time.
    pub contact: String,
    /// The contact's fingerprint.
    pub fingerprint: String,
    /// The bundle's sequence number.
    pub sequence: u64,
    /// The entries it carried.
    pub entries: Vec<EntryId>,
    /// The fields shared, or `None` for whole entries.
    pub fields: Option<Vec<String>>,
    /// How many comments it carried.
    pub comments: usize,
    /// The entries it withdrew from the receiver.
    pub withdrawn: Vec<EntryId>,
}

/// Who one entry was shared with, as the log and the withdrawals tell it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EntryShare {
    /// The contact's name.
    pub contact: String,
    /// The contact's fingerprint.
    pub fingerprint: String,
    /// When it was last sent to them.
    #[ts(type = "string")]
    pub last_sent: DateTime<Utc>,
    /// When it was withdrawn from them, if it was and has not been shared again.
    #[ts(type = "string | null")]
    pub withdrawn_at: Option<DateTime<Utc>>,
}

impl Journal {
    /// Every bundle sent or received, newest first.
    pub fn share_log(&self) -> Result<Vec<ShareLogEntry>> {
        self.store.read(|r| r.share_log())
    }

    /// The contacts (still in contacts) this journal's entry `id` was shared with, by name.
    pub fn entry_shares(&self, id: EntryId) -> Result<Vec<EntryShare>> {
        self.store.read(|r| r.shares_of(id))
    }
}
