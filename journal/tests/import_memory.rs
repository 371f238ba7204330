//! How much memory importing a large file takes, printed, in a process of its own (a
//! test binary's other tests, running beside it, would add their own memory).

use waymark_journal::Journal;

/// The most memory this process has held so far (Linux's VmHWM), in bytes.
#[cfg(target_os = "linux")]
fn peak_memory() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

#[cfg(target_os = "linux")]
#[test]
fn importing_a_large_file_takes_a_small_multiple_of_its_size_in_memory()
-> Result<(), Box<dyn std::error::Error>> {
    use std::io::Write;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("big.json");
    // 40,000 short reflections with labels and fields, written one at a time: many
    // small values, which is what made a tree of JSON values so big.
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path)?);
    write!(
        file,
        r#"{{"format":"waymark-journal","version":1,"entries":["#
    )?;
    for i in 0..40_000u32 {
        let id = uuid::Uuid::now_v7();
        write!(
            file,
            r#"{}{{"id":"{id}","title":"Reflection {i}","body":"I listened first.","template":"rolfe","fields":{{"what":"a","so-what":"b","now-what":"c"}},"date":"2026-03-04","tags":[],"labels":["a","b","c","d","e","f"],"starred":false,"created_at":"2026-03-04T10:00:00Z","updated_at":"2026-03-04T10:00:00Z","deleted_at":null,"revision":1}}"#,
            if i == 0 { "" } else { "," }
        )?;
    }
    write!(file, "]}}")?;
    file.flush()?;
    drop(file);
    let size = std::fs::metadata(&path)?.len();
    let journal = Journal::open(&dir.path().join("journal"))?;
    let before = peak_memory();
    let report = journal.import_json_file(&path)?;
    let after = peak_memory();
    assert_eq!(report.added, 40_000);
    let used = after.saturating_sub(before);
    println!(
        "import of a {:.1} MB file: peak memory grew by {:.1} MB ({:.1}× the file; 15× when the whole file became a tree of JSON values)",
        size as f64 / 1e6,
        used as f64 / 1e6,
        used as f64 / size as f64
    );
    // Measured here (a 2-core Debian machine): a tree of JSON values took 15.0×, reading
    // each entry on its own 11.2×; 13× tells them apart with room for another machine.
    assert!(
        used < 13 * size,
        "the import took {used} bytes for a {size}-byte file"
    );
    Ok(())
}
