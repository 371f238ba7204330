//! The check for identifying details on the desktop's 500-entry sample journal.
//!
//! The generator writes people only by role ("a carer", "the practice manager"), so
//! everything the check finds here is a false alarm; this counts them (run with
//! `--nocapture` to see where they fall) and keeps them few.

use std::collections::BTreeMap;
use waymark_journal::{IdentifierKind, Journal, ListFilter};
use waymark_sample::{TEST_TODAY, add_demo};

/// The desktop's sample journal: `SAMPLE_ENTRIES` and `SAMPLE_SEED` in
/// `src-tauri/src/state.rs`, made here against the tests' fixed day.
const SAMPLE_ENTRIES: usize = 500;
const SAMPLE_SEED: u64 = 42;
/// The most false alarms tolerated on the whole sample journal.
const MOST_FINDINGS: usize = 10;

#[test]
fn the_sample_journal_raises_almost_no_false_alarms() {
    let journal = Journal::open_in_memory().unwrap();
    add_demo(
        &journal,
        SAMPLE_ENTRIES,
        SAMPLE_SEED,
        TEST_TODAY,
        &mut |_| {},
    )
    .unwrap();
    let mut entries = journal.list(&ListFilter::default()).unwrap();
    assert_eq!(entries.len(), SAMPLE_ENTRIES);
    // Oldest first, so "per 50 entries" reads as the journal grew.
    entries.sort_by_key(|e| (e.draft.date, e.id));
    let ids: Vec<_> = entries.iter().map(|e| e.id).collect();
    let findings = journal.check_entries(&ids).unwrap();

    let mut by_kind: BTreeMap<IdentifierKind, usize> = BTreeMap::new();
    for f in &findings {
        *by_kind.entry(f.kind).or_default() += 1;
    }
    let position: BTreeMap<_, _> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut per_fifty = vec![0usize; SAMPLE_ENTRIES.div_ceil(50)];
    for f in &findings {
        if let Some(slot) = position
            .get(&f.entry)
            .and_then(|i| per_fifty.get_mut(i / 50))
        {
            *slot += 1;
        }
    }

    println!();
    println!(
        "{} findings on {SAMPLE_ENTRIES} sample entries (seed {SAMPLE_SEED}, today {TEST_TODAY})",
        findings.len()
    );
    for kind in IdentifierKind::ALL {
        println!(
            "  {:<16} {}",
            kind.as_str(),
            by_kind.get(&kind).unwrap_or(&0)
        );
    }
    for (i, n) in per_fifty.iter().enumerate() {
        println!("  entries {:>3}-{:<3} {n}", i * 50 + 1, (i + 1) * 50);
    }
    for f in &findings {
        println!("  {} {} {:?}: {:?}", f.entry, f.field, f.kind, f.text);
    }
    assert!(
        findings.len() <= MOST_FINDINGS,
        "{} false alarms on the sample journal",
        findings.len()
    );
}
