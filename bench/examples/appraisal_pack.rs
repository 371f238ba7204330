//! Times making the appraisal pack, as PDF and as Word, from 200 reflections of
//! realistic length (several of them NMC accounts), generated the same every run.
//!
//! `cargo run --release -p waymark-bench --example appraisal_pack -- [entries] [runs] [out-dir]`
//! (defaults: 200 entries, 5 runs each; with an out-dir the last pack of each kind is kept there).

use chrono::{Days, NaiveDate};
use std::time::Instant;
use waymark_appraisal::{NmcAccount, PackBox, PackEntry, PackRequest, appraisal_year};
use waymark_journal::CodeTheme;

const WORDS: &[&str] = &[
    "the",
    "team",
    "family",
    "plan",
    "listened",
    "changed",
    "ward",
    "meeting",
    "care",
    "we",
    "agreed",
    "together",
    "patient",
    "asked",
    "what",
    "mattered",
    "most",
    "and",
    "I",
    "noticed",
    "how",
    "often",
    "decisions",
    "were",
    "made",
    "before",
    "anyone",
    "spoke",
    "to",
    "them",
    "next",
    "time",
    "will",
    "share",
    "power",
    "earlier",
    "network",
    "partners",
    "trust",
    "safety",
];
const TAGS: &[&str] = &[
    "authenticity",
    "mindset",
    "sharing-power",
    "trust",
    "hosting-style",
    "building-networks",
    "delivery",
    "doing-things-differently",
    "system-influence",
    "being",
    "lead-enable-others",
];
const TEMPLATES: &[&str] = &["Rolfe", "Gibbs", "What? So what? Now what?", "Free writing"];

/// A small deterministic generator, so every run lays out the same pack.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
    fn text(&mut self, words: usize) -> String {
        let mut out = String::new();
        for i in 0..words {
            let w = WORDS[self.next(WORDS.len())];
            match (i % 60, self.next(12)) {
                (0, _) if i > 0 => out.push_str("\n\n"),
                (_, 0) => out.push_str(&format!(" **{w}**")),
                (_, 1) => out.push_str(&format!(" *{w}*")),
                _ => {
                    out.push(' ');
                    out.push_str(w);
                }
            }
        }
        out.push_str(".\n\n- one thing to keep\n- one thing to change\n");
        out
    }
}

fn request(entries: usize) -> PackRequest {
    let mut rng = Lcg(42);
    let period = appraisal_year(2026);
    let start = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap_or(NaiveDate::MIN);
    let entries = (0..entries)
        .map(|i| {
            let date = start
                .checked_add_days(Days::new(rng.next(365) as u64))
                .unwrap_or(start);
            let tags = (0..1 + rng.next(3))
                .map(|_| TAGS[rng.next(TAGS.len())].to_owned())
                .collect();
            let nmc = (i % 8 == 0).then(|| NmcAccount {
                nature: rng.text(60),
                learning: rng.text(60),
                change: rng.text(50),
                relevance: rng.text(40),
                code_themes: vec![CodeTheme::PreserveSafety, CodeTheme::PrioritisePeople],
            });
            let boxes = if nmc.is_some() {
                Vec::new()
            } else {
                ["What?", "So what?", "Now what?"]
                    .iter()
                    .map(|l| PackBox {
                        label: (*l).into(),
                        text: {
                            let words = 50 + rng.next(80);
                            rng.text(words)
                        },
                    })
                    .collect()
            };
            PackEntry {
                title: format!(
                    "Reflection {i}: {}",
                    rng.text(4).lines().next().unwrap_or("").trim()
                ),
                date,
                template_name: if nmc.is_some() {
                    "NMC reflective account".into()
                } else {
                    TEMPLATES[rng.next(TEMPLATES.len())].into()
                },
                nmc,
                boxes,
                notes: (i % 3 == 0).then(|| rng.text(40)),
                tags,
            }
        })
        .collect();
    PackRequest {
        leader: "Sam Patel".into(),
        period,
        generated_on: NaiveDate::from_ymd_opt(2027, 3, 20).unwrap_or(NaiveDate::MIN),
        actions: Vec::new(),
        entries,
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or(0.0)
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib / 1024.0)
}

type Maker = fn(
    &PackRequest,
    &mut dyn FnMut(waymark_appraisal::Step),
) -> Result<Vec<u8>, waymark_appraisal::PackError>;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let entries: usize = args.next().map_or(Ok(200), |a| a.parse())?;
    let runs: usize = args.next().map_or(Ok(5), |a| a.parse())?;
    let out_dir = args.next();
    let req = request(entries);
    let words: usize = req
        .entries
        .iter()
        .map(|e| {
            e.boxes
                .iter()
                .map(|b| b.text.split_whitespace().count())
                .sum::<usize>()
                + e.notes
                    .as_deref()
                    .map_or(0, |n| n.split_whitespace().count())
                + e.nmc.as_ref().map_or(0, |n| {
                    [&n.nature, &n.learning, &n.change, &n.relevance]
                        .iter()
                        .map(|t| t.split_whitespace().count())
                        .sum()
                })
        })
        .sum();
    eprintln!(
        "{entries} reflections, {} words each on average; {runs} runs of each.",
        words / entries.max(1)
    );

    println!(
        "{:<6} {:>10} {:>10} {:>12}",
        "format", "p50 ms", "p95 ms", "size KiB"
    );
    let kinds: [(&str, Maker); 2] = [
        ("pdf", waymark_appraisal::pdf),
        ("docx", waymark_appraisal::docx),
    ];
    for (name, make) in kinds {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let bytes = make(&req, &mut |_| {})?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            size = bytes.len();
            if let Some(dir) = &out_dir {
                std::fs::write(format!("{dir}/pack.{name}"), &bytes)?;
            }
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{:<6} {:>10.0} {:>10.0} {:>12.0}",
            name,
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            size as f64 / 1024.0
        );
    }
    if let Some(rss) = peak_rss_mib() {
        println!("peak RSS {rss:.0} MiB");
    }
    Ok(())
}
