//! The engine's reading of the queries the desktop's query module is tested with,
//! written to `ui/src/bindings/fixtures/parsed-queries.json`. The UI's tests
//! (`ui/src/lib/query.test.ts`) read it, so they check the UI against what this engine
//! really parses, and a change to the language shows up there as a changed file
//! (`scripts/test.sh` refuses uncommitted changes under `ui/src/bindings`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use waymark_journal::query::{Clause, parse};

/// Every query the UI's tests start from or expect to write.
const QUERIES: &[&str] = &[
    "",
    "delegate trust",
    "delegate trust theme:delivering",
    "starred:yes",
    "board",
    "board after:2026-01-01",
    "board before:2026-03-31",
    "board tag:trust",
    "board template:gibbs",
    "theme:being delegate theme:delivering",
    "theme:relating-and-communicating delegate",
    "after:2025 board",
    "after:2026-02-01 board",
    r#""shared decision" starred:yes tag:hosting"#,
    r#""shared decision" tag:hosting"#,
    "tag:trust tag:hosting",
    "tag:hosting",
    "-theme:being tag:hosting-style",
    "-theme:being tag:hosting-style theme:delivering",
    "listening",
    "listening theme:being",
    "listening theme:being tag:trust",
    "listening theme:being tag:trust after:2026-01-01",
    "listening theme:being tag:trust after:2026-01-01 before:2026-02-01",
    "listening theme:being tag:trust after:2026-01-01 before:2026-02-01 template:rolfe",
    "listening theme:being tag:trust after:2026-01-01 before:2026-02-01 template:rolfe starred:yes",
    "trust theme:delivering tag:lead-enable-others after:2026-01-01 before:2026-03-31 template:rolfe starred:yes",
    "tag:hosting-style -theme:being on:2026-01 starred:no trust",
    r#"tag:"building trust" plan"#,
    "🙂 café theme:being",
    "🙂 café",
    "🙂 café theme:delivering",
];

#[test]
fn the_ui_is_tested_against_this_engines_reading_of_its_queries() {
    let mut parsed: BTreeMap<&str, Vec<Clause>> = BTreeMap::new();
    for query in QUERIES {
        match parse(query) {
            Ok(p) => parsed.insert(query, p.clauses),
            Err(e) => panic!("{query:?} should parse: {e}"),
        };
    }
    let json = serde_json::to_string_pretty(&parsed).expect("clauses serialise") + "\n";
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../ui/src/bindings/fixtures/parsed-queries.json");
    // Written only when it changed, as ts-rs does with the bindings beside it.
    if std::fs::read_to_string(&path).ok().as_deref() != Some(json.as_str()) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("fixtures folder");
        }
        std::fs::write(&path, json).expect("fixtures written");
    }
}
