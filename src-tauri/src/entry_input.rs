//! Entries as the window sends them. The date arrives as text and is read here, by the
//! engine's own date parser, before the rest of the draft: an empty or impossible date
//! is answered with a sentence a leader can act on, never with the IPC layer's
//! "invalid args `draft` for command `create_entry`: premature end of input".

use chrono::NaiveDate;
use serde_json::Value;
use thiserror::Error;
use waymark_journal::EntryDraft;
use waymark_journal::validate::{MAX_DATE, MIN_DATE, ValidationError, parse_date};

/// How many characters of an unreadable date are repeated back.
const SHOWN_CHARS: usize = 40;

/// Why a draft from the window could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DraftError {
    /// No date, or an empty one.
    #[error(
        "The entry needs the date it is about: write it in the date box as DD/MM/YYYY, like 17/11/2026"
    )]
    NoDate,
    /// Text that is not a real day.
    #[error(
        "The date “{0}” isn't a real day: write it in the date box as DD/MM/YYYY, like 17/11/2026"
    )]
    NotADay(String),
    /// A real day outside the range the journal keeps.
    #[error(
        "{} is outside the dates Waymark keeps ({} to {})",
        british(.0),
        british(&MIN_DATE),
        british(&MAX_DATE)
    )]
    OutOfRange(NaiveDate),
    /// Anything else about the draft the engine cannot take (only a fault in the window).
    #[error("The writing could not be read: {0}")]
    Unreadable(String),
}

fn british(date: &NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// The draft the window sent, its date read first by [`parse_date`].
pub fn draft_from(mut value: Value) -> Result<EntryDraft, DraftError> {
    let Some(fields) = value.as_object_mut() else {
        return Err(DraftError::Unreadable(format!(
            "expected an entry, not {value}"
        )));
    };
    let text = match fields.get("date") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    };
    if text.trim().is_empty() {
        return Err(DraftError::NoDate);
    }
    let date = parse_date(&text).map_err(|e| match e {
        ValidationError::DateOutOfRange { date } => DraftError::OutOfRange(date),
        _ => DraftError::NotADay(text.chars().take(SHOWN_CHARS).collect()),
    })?;
    fields.insert("date".into(), Value::String(date.to_string()));
    serde_json::from_value(value).map_err(|e| DraftError::Unreadable(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day)
            .unwrap_or_else(|| panic!("not a day: {year}-{month}-{day}"))
    }

    fn with_date(date: Option<Value>) -> Value {
        let mut draft = json!({ "title": "Board meeting", "template": "free", "body": "x" });
        if let (Some(date), Some(fields)) = (date, draft.as_object_mut()) {
            fields.insert("date".into(), date);
        }
        draft
    }

    #[test]
    fn a_real_day_is_read_with_the_rest_of_the_draft() {
        let draft =
            draft_from(with_date(Some(json!(" 2026-11-17 ")))).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(draft.date, day(2026, 11, 17));
        assert_eq!(draft.title, "Board meeting");
        assert_eq!(draft.body, "x");
    }

    #[test]
    fn every_bad_date_is_answered_with_a_sentence() {
        let cases: Vec<(Option<Value>, DraftError)> = vec![
            (None, DraftError::NoDate),
            (Some(Value::Null), DraftError::NoDate),
            (Some(json!("")), DraftError::NoDate),
            (Some(json!("   ")), DraftError::NoDate),
            (
                Some(json!("2026-02-31")),
                DraftError::NotADay("2026-02-31".into()),
            ),
            (
                Some(json!("2026-13-01")),
                DraftError::NotADay("2026-13-01".into()),
            ),
            (
                Some(json!("2026-00-10")),
                DraftError::NotADay("2026-00-10".into()),
            ),
            (
                Some(json!("31/02/2026")),
                DraftError::NotADay("31/02/2026".into()),
            ),
            (
                Some(json!("17/11/2026")),
                DraftError::NotADay("17/11/2026".into()),
            ),
            (
                Some(json!("yesterday")),
                DraftError::NotADay("yesterday".into()),
            ),
            (
                Some(json!(20261117)),
                DraftError::NotADay("20261117".into()),
            ),
            (Some(json!(true)), DraftError::NotADay("true".into())),
            (
                Some(json!(["2026-11-17"])),
                DraftError::NotADay("[\"2026-11-17\"]".into()),
            ),
            (
                Some(json!("x".repeat(500))),
                DraftError::NotADay("x".repeat(40)),
            ),
            (
                Some(json!("2999-12-31")),
                DraftError::OutOfRange(day(2999, 12, 31)),
            ),
            (
                Some(json!("1899-12-31")),
                DraftError::OutOfRange(day(1899, 12, 31)),
            ),
        ];
        for (date, wanted) in cases {
            let got = draft_from(with_date(date.clone()));
            assert_eq!(got.as_ref().err(), Some(&wanted), "{date:?}");
            let message = wanted.to_string();
            assert!(!message.contains("invalid args"), "{message}");
        }
        assert_eq!(
            DraftError::NotADay("2026-02-31".into()).to_string(),
            "The date “2026-02-31” isn't a real day: write it in the date box as DD/MM/YYYY, like 17/11/2026"
        );
        assert_eq!(
            DraftError::OutOfRange(day(2999, 12, 31)).to_string(),
            "31/12/2999 is outside the dates Waymark keeps (01/01/1900 to 31/12/2200)"
        );
    }

    #[test]
    fn a_draft_that_is_not_an_entry_is_still_a_sentence() {
        assert!(matches!(
            draft_from(json!("2026-11-17")),
            Err(DraftError::Unreadable(_))
        ));
        let no_title = json!({ "date": "2026-11-17" });
        let Err(DraftError::Unreadable(why)) = draft_from(no_title) else {
            panic!("a draft without a title should be refused");
        };
        assert!(why.contains("title"), "{why}");
    }
}
