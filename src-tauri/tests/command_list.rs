//! The app's commands are named in four places: the handler list (`src/lib.rs`), the
//! build manifest (`build.rs`), the capability (`capabilities/default.json`) and the UI's
//! calls (`ui/src/lib/api.ts`). Adding a command is one edit to each plus this check,
//! which fails with the names that disagree.

use std::collections::BTreeSet;
use std::path::Path;

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {relative}: {e}"))
}

/// The text between `open` and the first `close` after it.
fn between<'a>(text: &'a str, open: &str, close: &str) -> &'a str {
    let start = text
        .find(open)
        .unwrap_or_else(|| panic!("no {open:?} found"))
        + open.len();
    let end = text[start..]
        .find(close)
        .unwrap_or_else(|| panic!("no {close:?} after {open:?}"));
    &text[start..start + end]
}

/// Every `"..."` string in a piece of text.
fn quoted(text: &str) -> BTreeSet<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn handlers() -> BTreeSet<String> {
    let lib = read("src/lib.rs");
    between(&lib, "generate_handler![", "]")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|path| path.rsplit("::").next().unwrap_or(path).to_owned())
        .collect()
}

fn manifest() -> BTreeSet<String> {
    quoted(between(&read("build.rs"), "let commands = &[", "];"))
}

fn capability() -> BTreeSet<String> {
    let json: serde_json::Value =
        serde_json::from_str(&read("capabilities/default.json")).expect("the capability is JSON");
    json["permissions"]
        .as_array()
        .expect("the capability lists permissions")
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|name| name.replace('-', "_"))
        .collect()
}

fn ui_calls() -> BTreeSet<String> {
    let api = read("../ui/src/lib/api.ts");
    api.split("invoke")
        .skip(1)
        .filter_map(|rest| {
            let open = rest.find("(\"")?;
            // Only `invoke<T>("name"` or `invoke("name"`: skip the imported name.
            rest[..open]
                .chars()
                .all(|c| c != '\n' && c != ';')
                .then(|| rest[open + 2..].split('"').next().map(str::to_owned))?
        })
        .collect()
}

fn differences(a: &BTreeSet<String>, b: &BTreeSet<String>) -> String {
    format!(
        "only in the first: {:?}; only in the second: {:?}",
        a.difference(b).collect::<Vec<_>>(),
        b.difference(a).collect::<Vec<_>>()
    )
}

#[test]
fn the_handler_list_the_manifest_and_the_capability_name_the_same_commands() {
    let handlers = handlers();
    assert!(handlers.len() > 40, "handlers read: {handlers:?}");
    let manifest = manifest();
    assert_eq!(
        handlers,
        manifest,
        "lib.rs vs build.rs: {}",
        differences(&handlers, &manifest)
    );
    let capability = capability();
    assert_eq!(
        handlers,
        capability,
        "lib.rs vs capabilities/default.json: {}",
        differences(&handlers, &capability)
    );
}

#[test]
fn the_ui_calls_every_command_and_no_other() {
    let handlers = handlers();
    let calls = ui_calls();
    assert_eq!(
        handlers,
        calls,
        "lib.rs vs ui/src/lib/api.ts: {}",
        differences(&handlers, &calls)
    );
}
