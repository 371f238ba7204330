//! The summary's figures, checked on the shared fixture.
#![allow(missing_docs, clippy::unwrap_used)]

mod common;
use common::*;

#[test]
fn counts_first_and_latest_growth_and_gaps() {
    let s = waymark_appraisal::summary(&request());
    assert_eq!(s.reflections, 5);
    assert_eq!(s.outside_period, 0);
    let being = s.themes.iter().find(|t| t.id == "being").unwrap();
    // "sharing-power" (a quality of Mindset) and "being" on one entry count it once; Ward huddle is the second.
    assert_eq!(being.tally.count, 2);
    assert_eq!(being.tally.first, Some(day(2026, 5, 12)));
    assert_eq!(being.tally.latest, Some(day(2027, 1, 9)));
    let mindset = being.behaviours.iter().find(|b| b.id == "mindset").unwrap();
    assert_eq!(mindset.tally.count, 2);
    // One in each half: not grown. Trust (November) is only in the second half: grown.
    assert!(!s.grown.iter().any(|g| g.id == "mindset"));
    assert!(
        s.grown
            .iter()
            .any(|g| g.id == "trust" && g.first_half == 0 && g.second_half == 1)
    );
    assert!(s.not_yet.iter().any(|b| b.id == "delivery"));
    assert!(!s.not_yet.iter().any(|b| b.id == "trust"));
    // Framework order.
    let order: Vec<&str> = s.themes.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        order,
        [
            "being",
            "relating-and-communicating",
            "leading-and-visioning",
            "delivering"
        ]
    );
}
