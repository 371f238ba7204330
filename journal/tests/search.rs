//! Search through the public API: the query language, ranking, snippets, facets,
//! and the index following saves, the bin and purges.

use chrono::NaiveDate;
use std::collections::BTreeMap;
use waymark_journal::framework::TagId;
use waymark_journal::query::QueryError;
use waymark_journal::{
    EntryDraft, EntryId, Journal, JournalError, SearchOptions, SearchResults, SortOrder, Template,
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn draft(title: &str, body: &str, on: NaiveDate, tags: &[&str], labels: &[&str]) -> EntryDraft {
    EntryDraft {
        code: Vec::new(),
        title: title.into(),
        body: body.into(),
        template: Template::Free,
        fields: BTreeMap::new(),
        date: on,
        tags: tags.iter().map(|t| TagId((*t).into())).collect(),
        labels: labels.iter().map(|l| (*l).to_owned()).collect(),
        starred: false,
    }
}

/// Five entries, each there to prove something.
struct Fixture {
    journal: Journal,
    /// Rolfe; "delegated" in what, "Delegate the budget" in now-what; sharing-power; starred.
    rota: EntryId,
    /// Free; hosting, "shared decision making".
    forum: EntryId,
    /// Free; authenticity; "budget meeting".
    budget: EntryId,
    /// Free; "delegation" and "delegate" in the title only.
    note: EntryId,
    /// Free; the misspelling "delgate" typed in the body.
    typo: EntryId,
}

fn fixture() -> Result<Fixture, JournalError> {
    let journal = Journal::open_in_memory()?;
    let mut rota = draft(
        "Rota handover",
        "",
        date(2026, 1, 10),
        &["sharing-power"],
        &["Team"],
    );
    rota.template = Template::Rolfe;
    rota.fields = BTreeMap::from([
        (
            "what".to_owned(),
            "I delegated the weekly rota to Sam.".to_owned(),
        ),
        ("so-what".to_owned(), "Letting go was hard.".to_owned()),
        (
            "now-what".to_owned(),
            "Delegate the budget review next month.".to_owned(),
        ),
    ]);
    rota.starred = true;
    let rota = journal.create(rota)?.id;
    let forum = journal
        .create(draft(
            "Neighbourhood forum",
            "We hosted the forum and the room set the agenda. Shared decision making felt real.",
            date(2026, 2, 14),
            &["hosting-style"],
            &["Community"],
        ))?
        .id;
    let budget = journal
        .create(draft(
            "Budget pressure",
            "The budget meeting ran late. I kept my values in view.",
            date(2026, 3, 1),
            &["authenticity"],
            &["Board"],
        ))?
        .id;
    let note = journal
        .create(draft(
            "Delegation: when to delegate",
            "Short thoughts for later.",
            date(2025, 12, 1),
            &[],
            &[],
        ))?
        .id;
    let typo = journal
        .create(draft(
            "Quick capture",
            "Must delgate more, said my coach.",
            date(2025, 11, 20),
            &[],
            &[],
        ))?
        .id;
    Ok(Fixture {
        journal,
        rota,
        forum,
        budget,
        note,
        typo,
    })
}

fn find(journal: &Journal, query: &str) -> SearchResults {
    match journal.search(query, &SearchOptions::default()) {
        Ok(results) => results,
        Err(e) => panic!("{query:?} failed: {e}"),
    }
}

fn ids(results: &SearchResults) -> Vec<EntryId> {
    results.hits.iter().map(|h| h.id).collect()
}

fn sorted(mut ids: Vec<EntryId>) -> Vec<EntryId> {
    ids.sort();
    ids
}

#[test]
fn stemming_finds_other_forms() -> TestResult {
    let f = fixture()?;
    let r = find(&f.journal, "delegating");
    assert!(
        ids(&r).contains(&f.rota),
        "delegating finds delegated: {r:?}"
    );
    assert!(
        ids(&r).contains(&f.note),
        "delegating finds delegate in a title"
    );
    assert!(!ids(&r).contains(&f.forum));
    let hit = r
        .hits
        .iter()
        .find(|h| h.id == f.rota)
        .ok_or("no rota hit")?;
    assert!(
        hit.snippet_html.contains("<mark>delegated</mark>"),
        "{hit:?}"
    );
    assert_eq!(hit.title, "Rota handover");
    assert_eq!(hit.date, date(2026, 1, 10));
    assert_eq!(hit.template, Template::Rolfe);
    assert!(hit.starred);
    assert_eq!(hit.labels, vec!["Team".to_owned()]);
    assert_eq!(hit.tags, vec![TagId("sharing-power".into())]);
    Ok(())
}

#[test]
fn all_words_must_match() -> TestResult {
    let f = fixture()?;
    assert_eq!(ids(&find(&f.journal, "budget review")), vec![f.rota]);
    assert_eq!(find(&f.journal, "budget forum").total, 0);
    Ok(())
}

#[test]
fn phrases_keep_word_order() -> TestResult {
    let f = fixture()?;
    assert_eq!(
        ids(&find(&f.journal, r#""shared decision""#)),
        vec![f.forum]
    );
    assert_eq!(
        ids(&find(&f.journal, r#""shared decisions""#)),
        vec![f.forum],
        "stemmed"
    );
    assert_eq!(find(&f.journal, r#""decision shared""#).total, 0);
    Ok(())
}

#[test]
fn exclusions_leave_entries_out() -> TestResult {
    let f = fixture()?;
    assert_eq!(
        sorted(ids(&find(&f.journal, "budget"))),
        sorted(vec![f.rota, f.budget])
    );
    assert_eq!(ids(&find(&f.journal, "budget -meeting")), vec![f.rota]);
    assert_eq!(
        ids(&find(&f.journal, r#"budget -"ran late""#)),
        vec![f.rota]
    );
    assert_eq!(
        ids(&find(&f.journal, "budget -tag:authenticity")),
        vec![f.rota]
    );
    Ok(())
}

#[test]
fn tags_by_alias_label_and_theme() -> TestResult {
    let f = fixture()?;
    assert_eq!(ids(&find(&f.journal, "tag:hosting")), vec![f.forum]);
    assert_eq!(
        ids(&find(&f.journal, r#"tag:"sharing power""#)),
        vec![f.rota]
    );
    assert_eq!(ids(&find(&f.journal, "tag:sharing-power")), vec![f.rota]);
    // A theme matches everything under it: sharing-power and authenticity sit in Being.
    assert_eq!(
        sorted(ids(&find(&f.journal, "tag:being"))),
        sorted(vec![f.rota, f.budget])
    );
    // A behaviour matches its qualities: sharing-power is paired with mindset.
    assert_eq!(ids(&find(&f.journal, "tag:mindset")), vec![f.rota]);
    assert_eq!(
        sorted(ids(&find(&f.journal, "theme:being"))),
        sorted(vec![f.rota, f.budget])
    );
    assert_eq!(ids(&find(&f.journal, "theme:leading")), vec![f.forum]);
    assert_eq!(ids(&find(&f.journal, "label:board")), vec![f.budget]);
    assert_eq!(ids(&find(&f.journal, "label:TEAM")), vec![f.rota]);
    Ok(())
}

#[test]
fn template_fields_can_be_targeted() -> TestResult {
    let f = fixture()?;
    assert_eq!(
        ids(&find(&f.journal, "field:now-what delegate")),
        vec![f.rota]
    );
    assert_eq!(
        ids(&find(&f.journal, "field:now-what budget")),
        vec![f.rota]
    );
    assert_eq!(
        find(&f.journal, "field:what budget").total,
        0,
        "budget is only in now-what"
    );
    assert_eq!(ids(&find(&f.journal, "now-what:budget")), vec![f.rota]);
    assert_eq!(find(&f.journal, "so-what:budget").total, 0);
    assert_eq!(
        ids(&find(&f.journal, "field:title pressure")),
        vec![f.budget]
    );
    assert_eq!(ids(&find(&f.journal, "template:rolfe")), vec![f.rota]);
    assert_eq!(find(&f.journal, "template:free").total, 4);
    Ok(())
}

#[test]
fn dates_are_inclusive() -> TestResult {
    let f = fixture()?;
    assert_eq!(
        sorted(ids(&find(&f.journal, "after:2026-02-14"))),
        sorted(vec![f.forum, f.budget])
    );
    assert_eq!(
        sorted(ids(&find(&f.journal, "before:2026-01-10"))),
        sorted(vec![f.rota, f.note, f.typo])
    );
    assert_eq!(ids(&find(&f.journal, "on:2026-02-14")), vec![f.forum]);
    assert_eq!(
        sorted(ids(&find(&f.journal, "on:2025"))),
        sorted(vec![f.note, f.typo])
    );
    // A month as the bound of `before:` includes the whole month.
    assert_eq!(
        ids(&find(&f.journal, "after:2026-01-01 before:2026-02")),
        vec![f.forum, f.rota]
    );
    assert_eq!(
        ids(&find(&f.journal, "after:2026-01-01 before:2026-01-31")),
        vec![f.rota]
    );
    assert_eq!(
        find(&f.journal, "after:2026-04-01 before:2026-01-01").total,
        0
    );
    Ok(())
}

#[test]
fn starred() -> TestResult {
    let f = fixture()?;
    assert_eq!(ids(&find(&f.journal, "starred:yes")), vec![f.rota]);
    assert_eq!(find(&f.journal, "starred:no").total, 4);
    Ok(())
}

#[test]
fn misspellings_match_but_rank_below_exact() -> TestResult {
    let f = fixture()?;
    let r = find(&f.journal, "delgate");
    let found = ids(&r);
    assert_eq!(
        found.first(),
        Some(&f.typo),
        "the exact spelling first: {r:?}"
    );
    assert!(found.contains(&f.rota), "delgate finds delegate: {r:?}");
    assert!(
        found.contains(&f.note),
        "delgate finds delegate in a title: {r:?}"
    );
    assert!(r.hits[0].score > r.hits[1].score);
    let rota = r
        .hits
        .iter()
        .find(|h| h.id == f.rota)
        .ok_or("no rota hit")?;
    assert!(
        rota.snippet_html.contains("<mark>Delegate</mark>"),
        "{rota:?}"
    );
    // Two letters off is too far for a word of under eight letters.
    assert_eq!(find(&f.journal, "dlgte").total, 0);
    Ok(())
}

#[test]
fn last_word_matches_as_a_prefix() -> TestResult {
    let f = fixture()?;
    let r = find(&f.journal, "deleg");
    assert_eq!(sorted(ids(&r)), sorted(vec![f.rota, f.note]), "{r:?}");
    assert!(
        r.hits
            .iter()
            .any(|h| h.snippet_html.contains("<mark>delegated</mark>")),
        "{r:?}"
    );
    assert_eq!(ids(&find(&f.journal, "forum neighbourh")), vec![f.forum]);
    // Only the last word: an unfinished word before it must be whole.
    assert_eq!(find(&f.journal, "neighbourh forum").total, 0);
    Ok(())
}

#[test]
fn bad_syntax_is_a_clear_error() -> TestResult {
    let f = fixture()?;
    let options = SearchOptions::default();
    type Expect = fn(&QueryError) -> bool;
    let cases: &[(&str, Expect)] = &[
        (r#"budget "shared"#, |e| {
            matches!(e, QueryError::UnclosedQuote { position: 7 })
        }),
        ("tag:stakholders", |e| {
            matches!(
                e,
                QueryError::UnknownTag {
                    suggestion: Some(_),
                    ..
                }
            )
        }),
        ("theme:nowhere", |e| {
            matches!(e, QueryError::UnknownTheme { .. })
        }),
        ("foo:bar", |e| matches!(e, QueryError::UnknownKey { .. })),
        ("after:2026-02-30", |e| {
            matches!(e, QueryError::BadDate { .. })
        }),
        ("template:kolb", |e| {
            matches!(e, QueryError::UnknownTemplate { .. })
        }),
        ("label:", |e| matches!(e, QueryError::EmptyValue { .. })),
        ("-budget", |e| matches!(e, QueryError::OnlyExclusions)),
        ("starred:perhaps", |e| {
            matches!(e, QueryError::BadValue { .. })
        }),
        ("field:afterwards x", |e| {
            matches!(e, QueryError::UnknownField { .. })
        }),
    ];
    for (query, expected) in cases {
        match f.journal.search(query, &options) {
            Err(JournalError::Query(e)) => {
                assert!(expected(&e), "{query:?} gave {e:?}");
                assert!(!e.to_string().is_empty());
            }
            other => panic!("{query:?} gave {other:?}"),
        }
    }
    let Err(e) = f.journal.search("tag:stakholders", &options) else {
        return Err("tag:stakholders was accepted".into());
    };
    assert!(
        e.to_string()
            .contains("did you mean tag:compelling-narrative"),
        "{e}"
    );
    Ok(())
}

#[test]
fn facets_count_the_whole_result_set() -> TestResult {
    let f = fixture()?;
    let options = SearchOptions {
        limit: 1,
        ..SearchOptions::default()
    };
    let r = f.journal.search("", &options)?;
    assert_eq!(r.total, 5);
    assert_eq!(r.hits.len(), 1);
    let themes: Vec<(&str, usize)> = r
        .facets
        .themes
        .iter()
        .map(|t| (t.id.as_str(), t.count))
        .collect();
    assert_eq!(themes, vec![("being", 2), ("leading-and-visioning", 1)]);
    assert_eq!(r.facets.themes[0].label, "Being");
    // Only direct behaviour tags: sharing-power's inferred behaviour (mindset) is not counted.
    let behaviours: Vec<(&str, usize)> = r
        .facets
        .behaviours
        .iter()
        .map(|b| (b.id.as_str(), b.count))
        .collect();
    assert_eq!(behaviours, vec![("authenticity", 1)]);

    let r = find(&f.journal, "budget");
    let themes: Vec<(&str, usize)> = r
        .facets
        .themes
        .iter()
        .map(|t| (t.id.as_str(), t.count))
        .collect();
    assert_eq!(themes, vec![("being", 2)]);
    let count_only = f.journal.search(
        "budget",
        &SearchOptions {
            limit: 0,
            ..SearchOptions::default()
        },
    )?;
    assert_eq!((count_only.total, count_only.hits.len()), (2, 0));
    Ok(())
}

#[test]
fn empty_query_and_date_sort_are_newest_first() -> TestResult {
    let f = fixture()?;
    let newest_first = vec![f.budget, f.forum, f.rota, f.note, f.typo];
    assert_eq!(ids(&find(&f.journal, "")), newest_first);
    assert_eq!(ids(&find(&f.journal, "   ")), newest_first);
    // Filters alone are dated, not ranked.
    assert_eq!(ids(&find(&f.journal, "tag:being")), vec![f.budget, f.rota]);
    let by_date = SearchOptions {
        sort: SortOrder::Date,
        ..SearchOptions::default()
    };
    let r = f.journal.search("budget", &by_date)?;
    assert_eq!(ids(&r), vec![f.budget, f.rota]);
    // Paging.
    let page = f.journal.search(
        "",
        &SearchOptions {
            limit: 2,
            offset: 2,
            sort: SortOrder::Date,
        },
    )?;
    assert_eq!(ids(&page), vec![f.rota, f.note]);
    assert_eq!(page.total, 5);
    Ok(())
}

#[test]
fn title_only_match_shows_the_start_of_the_body() -> TestResult {
    let f = fixture()?;
    let r = find(&f.journal, "pressure");
    assert_eq!(ids(&r), vec![f.budget]);
    assert_eq!(
        r.hits[0].snippet_text,
        "The budget meeting ran late. I kept my values in view."
    );
    assert!(!r.hits[0].snippet_html.contains("<mark>"));
    Ok(())
}

#[test]
fn edits_are_searchable_at_once() -> TestResult {
    let f = fixture()?;
    let mut changed = f.journal.get(f.forum)?.draft;
    changed.body = "A quieter session about transport.".into();
    f.journal.update(f.forum, changed)?;
    assert_eq!(find(&f.journal, "forum agenda").total, 0);
    assert_eq!(ids(&find(&f.journal, "transport")), vec![f.forum]);
    Ok(())
}

#[test]
fn the_bin_hides_restore_brings_back_purge_removes() -> TestResult {
    let f = fixture()?;
    f.journal.delete(f.forum)?;
    assert_eq!(find(&f.journal, "forum").total, 0);
    assert_eq!(find(&f.journal, "").total, 4);
    f.journal.restore(f.forum)?;
    assert_eq!(ids(&find(&f.journal, "forum")), vec![f.forum]);
    f.journal.delete(f.forum)?;
    f.journal.purge(f.forum)?;
    assert_eq!(find(&f.journal, "forum").total, 0);
    f.journal.reindex(&mut |_| {})?;
    assert_eq!(find(&f.journal, "forum").total, 0);
    assert_eq!(find(&f.journal, "").total, 4);
    Ok(())
}

#[test]
fn search_agrees_after_reopening_from_disk() -> TestResult {
    let dir = tempfile::tempdir()?;
    let id = {
        let journal = Journal::open(dir.path())?;
        let id = journal
            .create(draft(
                "Hosting",
                "The forum met.",
                date(2026, 1, 1),
                &["hosting-style"],
                &[],
            ))?
            .id;
        // No flush: dropping the journal commits pending index work.
        id
    };
    let journal = Journal::open(dir.path())?;
    assert_eq!(ids(&find(&journal, "forum")), vec![id]);
    Ok(())
}

#[test]
fn saves_are_searchable_within_a_second_without_a_search_commit() -> TestResult {
    // Two journals cannot share a folder, so watch the background commit through a
    // copy of the index folder taken a second after the save.
    let dir = tempfile::tempdir()?;
    let journal = Journal::open(dir.path())?;
    let id = journal
        .create(draft(
            "Quiet save",
            "Nobody searched.",
            date(2026, 1, 1),
            &[],
            &[],
        ))?
        .id;
    std::thread::sleep(std::time::Duration::from_millis(1000));
    let copy = tempfile::tempdir()?;
    std::fs::copy(
        dir.path().join("journal.sqlite3"),
        copy.path().join("journal.sqlite3"),
    )?;
    // The copy of the database may lack WAL contents; the index copy is what matters.
    let index_copy = copy.path().join("index");
    std::fs::create_dir_all(&index_copy)?;
    for file in std::fs::read_dir(dir.path().join("index"))? {
        let file = file?;
        let name = file.file_name();
        if name.to_string_lossy().ends_with(".lock") {
            continue;
        }
        std::fs::copy(file.path(), index_copy.join(name))?;
    }
    let meta = std::fs::read_to_string(index_copy.join("meta.json"))?;
    assert!(
        meta.contains("\\\"seq\\\":1"),
        "committed with watermark 1: {meta}"
    );
    drop(journal);
    let _ = id;
    Ok(())
}
