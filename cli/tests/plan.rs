//! The development plan through the binary: `waymark action add` plans from a
//! reflection (its "what next" box or the whole), `waymark actions` lists open ones
//! soonest first (`--due`, `--all`, `--json`), `done`/`drop` close them with a note,
//! `reopen`, `edit` and `remove` change them; mistakes get a sentence.

mod common;

use common::Journal;

#[test]
fn a_plan_is_made_listed_and_closed_from_the_terminal() {
    let j = Journal::new();
    let forum = j.add(&[
        "--title",
        "Hosting the forum",
        "--template",
        "rolfe",
        "--field",
        "now-what=Open with a question.",
    ]);
    let said = j.said(&[
        "action",
        "add",
        &forum,
        "Open every meeting with a question",
        "--from-box",
        "--due",
        "2199-09-01",
        "--tag",
        "hosting style",
    ]);
    assert!(said.contains("planned action 1"), "{said}");
    j.ok(&[
        "action",
        "add",
        &forum,
        "Ask Sam to chair",
        "--due",
        "2020-01-15",
    ]);
    j.ok(&["action", "add", &forum, "Read about hosting"]);

    let listed = j.ok(&["actions"]);
    let at = |text: &str| {
        listed
            .find(text)
            .unwrap_or_else(|| panic!("{text} in {listed}"))
    };
    assert!(
        at("Ask Sam to chair") < at("Open every meeting")
            && at("Open every meeting") < at("Read about hosting")
    );
    assert!(listed.contains("overdue since 2020-01-15"), "{listed}");
    assert!(
        listed.contains("by 2199-09-01") && listed.contains("Hosting style"),
        "{listed}"
    );
    let due = j.json(&["actions", "--due", "--json"]);
    assert_eq!(due.as_array().map(Vec::len), Some(1), "{due}");
    assert_eq!(due[0]["number"], 2);
    assert_eq!(due[0]["overdue"], true);
    assert_eq!(due[0]["entry_title"], "Hosting the forum");

    let done = j.json(&[
        "action",
        "done",
        "2",
        "--note",
        "Sam chaired it well.",
        "--json",
    ]);
    assert_eq!(done["status"], "done", "{done}");
    assert_eq!(done["note"], "Sam chaired it well.");
    assert!(
        !j.ok(&["actions"]).contains("Ask Sam"),
        "open ones only by default"
    );
    let all = j.ok(&["actions", "--all"]);
    assert!(
        all.contains("[done]") && all.contains("note: Sam chaired it well."),
        "{all}"
    );
    j.ok(&["action", "drop", "3", "--note", "Not needed now."]);
    j.ok(&["action", "reopen", "3"]);
    let edited = j.json(&["action", "edit", "1", "--no-due", "--json"]);
    assert_eq!(edited["due"], serde_json::Value::Null, "{edited}");
    assert!(
        j.said(&["action", "edit", "1", "--no-due"])
            .contains("nothing changed")
    );
    j.ok(&["action", "remove", "3"]);
    let left = j.json(&["actions", "--all", "--json", "--entry", &forum]);
    let numbers: Vec<u64> = left
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["number"].as_u64()).collect())
        .unwrap_or_default();
    assert_eq!(numbers, [1, 2], "{left}");
    // Done per quarter, under the themes its items lead to (Hosting style: Relating
    // and Communicating); the quarter is today's, so only the count is checked.
    let quarters = j.json(&["actions", "--by-quarter", "--json"]);
    assert_eq!(quarters.as_array().map(Vec::len), Some(1), "{quarters}");
    assert_eq!(quarters[0]["done"], 1, "{quarters}");
    j.ok(&["action", "done", "1"]);
    let quarters = j.json(&["actions", "--by-quarter", "--json"]);
    assert_eq!(quarters[0]["done"], 2, "{quarters}");
    assert_eq!(
        quarters[0]["themes"].as_array().map(Vec::len),
        Some(1),
        "{quarters}"
    );
    assert_eq!(
        quarters[0]["themes"][0]["count"], 1,
        "only action 1 has an item: {quarters}"
    );
    assert!(j.ok(&["actions", "--by-quarter"]).contains("2 done: "));

    // The reflection itself is not a new version because of its plan.
    let history = j.json(&["history", &forum, "--json"]);
    assert_eq!(history.as_array().map(Vec::len), Some(1), "{history}");
}

#[test]
fn mistakes_in_the_plan_are_explained() {
    let j = Journal::new();
    let free = j.add(&["--title", "Notes", "--body", "Thinking aloud."]);
    let said = j.fails(&["action", "add", &free, "Plan", "--from-box"], "");
    assert!(said.contains("has no \"what next\" box"), "{said}");
    let said = j.fails(&["action", "done", "7"], "");
    assert!(said.contains("there is no action 7"), "{said}");
    let said = j.fails(&["action", "add", &free, "  "], "");
    assert!(said.contains("needs a few words"), "{said}");
    let said = j.fails(&["action", "add", &free, "Plan", "--tag", "colour"], "");
    assert!(said.contains("colour"), "{said}");
    let said = j.said(&["actions"]);
    assert!(said.contains("No open actions"), "{said}");
}
