//! Short ids through the `waymark` binary: shown by `list` and `bin`, accepted by every
//! command that takes an id, with whole ids (hyphens or not) and older prefixes too.

mod common;

use common::Journal;

/// The first column of each line of `list`.
fn shown_ids(listing: &str) -> Vec<String> {
    listing
        .lines()
        .filter_map(|line| line.split_whitespace().next().map(str::to_owned))
        .collect()
}

#[test]
fn list_shows_short_ids_that_every_command_taking_an_id_accepts() {
    let j = Journal::new();
    let mut ids = Vec::new();
    for (title, day) in [
        ("First", "2026-03-01"),
        ("Second", "2026-03-02"),
        ("Third", "2026-03-03"),
    ] {
        ids.push(j.add(&["--title", title, "--date", day, "--body", "Notes."]));
    }
    let listed = j.ok(&["list"]);
    let shorts = shown_ids(&listed);
    assert_eq!(shorts.len(), 3, "{listed}");
    // Newest date first: Third, Second, First.
    for (short, id) in shorts.iter().zip(ids.iter().rev()) {
        assert!(short.len() >= 4, "{listed}");
        let digits = id.replace('-', "");
        assert!(
            digits[24..].starts_with(short.trim()),
            "{short} is not from {id}"
        );
    }
    let (third, first) = (&shorts[0], &shorts[2]);
    assert!(j.ok(&["show", third]).contains("Third"));
    assert!(j.ok(&["show", third]).contains(&format!("(short {third})")));
    j.ok(&["edit", third, "--title", "Third, renamed"]);
    assert!(j.ok(&["history", third]).contains("version 2"));
    assert!(j.ok(&["diff", third, "2"]).contains("renamed"));
    j.ok(&["revert", third, "1"]);
    let deleted = j.said(&["delete", first]);
    assert!(
        deleted.contains(&format!("waymark restore {first}")),
        "{deleted}"
    );
    assert_eq!(shown_ids(&j.ok(&["bin"])), std::slice::from_ref(first));
    j.ok(&["restore", first]);
    j.ok(&["delete", first]);
    j.ok(&["purge", first]);
    assert_eq!(j.entry_count(), 2);
    j.ok(&["comment", third, "A note to self."]);
    assert!(j.ok(&["comments", third]).contains("A note to self."));

    // A whole id without its hyphens, and the older prefixes of a whole id, still work.
    let second = &ids[1];
    assert!(j.ok(&["show", &second.replace('-', "")]).contains("Second"));
    assert!(j.ok(&["show", &second[..28]]).contains("Second"));
    assert!(
        j.ok(&["show", &second.replace('-', "")[..24]])
            .contains("Second")
    );
}

/// An export holding entries whose ids are chosen, so two short ids begin alike.
fn import_alike(j: &Journal) {
    let entry = |id: &str, title: &str, date: &str| {
        format!(
            r#"{{"id":"{id}","title":"{title}","body":"x","template":"free","fields":{{}},"date":"{date}","tags":[],"labels":[],"starred":false,"created_at":"2026-03-04T10:00:00Z","updated_at":"2026-03-04T10:00:00Z","revision":1,"deleted_at":null}}"#
        )
    };
    let file = format!(
        r#"{{"format":"waymark-journal","version":1,"exported_at":"2026-03-04T10:00:00Z","entries":[{},{},{}]}}"#,
        entry(
            "0192f0c1-7f3a-7cde-8a11-2b3c12345678",
            "Hosting the forum",
            "2026-03-04"
        ),
        entry(
            "0192f0c1-7f3a-7cdf-8a11-2b3c12346678",
            "Sharing power",
            "2026-03-05"
        ),
        entry(
            "0192f0c1-7f3a-7ce0-8a11-2b3cabcdef01",
            "A third",
            "2026-03-06"
        ),
    );
    j.cmd()
        .args(["import", "-"])
        .write_stdin(file)
        .assert()
        .success();
}

#[test]
fn an_ambiguous_short_id_lists_the_entries_it_could_be() {
    let j = Journal::new();
    import_alike(&j);
    let mut shorts = shown_ids(&j.ok(&["list"]));
    shorts.sort();
    assert_eq!(
        shorts,
        ["12345", "12346", "abcd "].map(|s| s.trim().to_owned())
    );

    let err = j.fails(&["show", "1234"], "");
    assert!(err.contains("'1234' matches 2 entries"), "{err}");
    assert!(
        err.contains("12345  2026-03-04  Hosting the forum"),
        "{err}"
    );
    assert!(err.contains("12346  2026-03-05  Sharing power"), "{err}");
    assert!(err.contains("type more characters"), "{err}");
    assert!(j.ok(&["show", "12346"]).contains("Sharing power"));
    assert!(j.ok(&["show", "ABCD"]).contains("A third"));
    assert!(j.fails(&["show", "123"], "").contains("is not an entry id"));
    assert!(
        j.fails(&["show", "ffff"], "")
            .contains("no entry's id starts with 'ffff'")
    );
}
