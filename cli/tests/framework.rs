//! `waymark framework` run as a real binary.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn waymark() -> Command {
    Command::cargo_bin("waymark").expect("the waymark binary is built")
}

fn json_of(args: &[&str]) -> Value {
    let out = waymark()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("valid JSON")
}

#[test]
fn framework_json_holds_every_theme_behaviour_quality_component_and_shift() {
    let v = json_of(&["framework", "--json"]);
    let len = |k: &str| v[k].as_array().map(Vec::len);
    assert_eq!(len("themes"), Some(4));
    assert_eq!(len("behaviours"), Some(13));
    assert_eq!(len("qualities"), Some(26));
    assert_eq!(len("components"), Some(6));
    assert_eq!(len("shifts"), Some(4));
    let trust = v["behaviours"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "trust")
        .unwrap();
    assert_eq!(trust["theme"], "relating-and-communicating");
    assert!(
        trust["description"]
            .as_str()
            .unwrap()
            .starts_with("Builds trust")
    );
    let hosting = v["qualities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "hosting-style")
        .unwrap();
    assert_eq!(hosting["theme"], "leading-and-visioning");
    assert!(
        hosting["statement"]
            .as_str()
            .unwrap()
            .contains("‘hosting’ style")
    );
}

#[test]
fn framework_tree_shows_themes_behaviours_and_qualities() {
    waymark()
        .arg("framework")
        .assert()
        .success()
        .stdout(predicate::str::contains("RELATING AND COMMUNICATING"))
        .stdout(predicate::str::contains("Resilience, courage and bravery"))
        .stdout(predicate::str::contains(
            "willing to change direction and to share power",
        ));
}

#[test]
fn find_puts_the_everyday_name_first() {
    let v = json_of(&["framework", "find", "sharing", "power", "--json"]);
    assert_eq!(v[0]["id"], "sharing-power");
    assert_eq!(v[0]["kind"], "quality");
    assert_eq!(v[0]["label"], "Sharing power");
    let v = json_of(&["framework", "find", "hosting style", "--json"]);
    assert_eq!(v[0]["id"], "hosting-style");
}

#[test]
fn find_prints_ids_in_text_mode() {
    waymark()
        .args(["framework", "find", "courage"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "resilience-courage-and-bravery",
        ));
}

#[test]
fn find_with_no_match_fails_with_a_message_on_stderr() {
    waymark()
        .args(["framework", "find", "zzqx"])
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "nothing in the framework matches 'zzqx'",
        ));
}

#[test]
fn every_subcommand_has_help() {
    for args in [
        vec!["--help"],
        vec!["framework", "--help"],
        vec!["framework", "find", "--help"],
    ] {
        waymark()
            .args(&args)
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
}

#[test]
fn an_unknown_subcommand_fails() {
    waymark()
        .arg("frobnicate")
        .assert()
        .failure()
        .stderr(predicate::str::contains("unrecognized subcommand"));
}
