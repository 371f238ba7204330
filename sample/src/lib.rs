//! One seeded generator of realistic reflections, serving `waymark demo`, the tests
//! and the benchmarks, so all three see the same kind of journal.
//!
//! Entries read like a health or care leader's reflections: a meeting, a
//! conversation, what it meant for their leadership and what they will do next,
//! tagged across the whole framework (some items far more than others, as in a
//! real journal). People appear only by role ("a carer", "the practice manager"):
//! the generator never writes names, NHS numbers, dates of birth or addresses.
//!
//! It is given its "today" (`end`): `waymark demo` passes the real one, the tests one
//! fixed day ([`test_today`]). That day moves the dates and never the words, so a
//! test can count on what a demo journal says whatever day it was made.
//!
//! ```
//! let end = chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
//! let first: Vec<_> = waymark_sample::drafts(3, 7, end).collect();
//! assert_eq!(first, waymark_sample::drafts(3, 7, end).collect::<Vec<_>>());
//! assert!(first.iter().all(|d| d.date <= end && !d.tags.is_empty()));
//! ```

use chrono::{Datelike, Days, NaiveDate, Weekday};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;
use waymark_journal::framework::{ItemKind, TagId, lpc};
use waymark_journal::{CodeTheme, EntryDraft, Journal, Progress, Result, Template};

mod today;
pub use today::{TEST_TODAY, TEST_TODAY_ENV, TestTodayError, test_today};

/// Words planted at a known rate for "rare word" searches: `(word, every)` means the
/// word appears in exactly one entry in `every` (entries `every/2`, `every/2 + every`, …),
/// and nowhere else.
pub const RARE_WORDS: &[(&str, usize)] = &[
    ("murmuration", 800),
    ("kintsugi", 2_000),
    ("palimpsest", 5_000),
];

/// A word the generator never writes, nor anything near it, for "no match" searches.
pub const ABSENT_WORD: &str = "ptarmigan";

/// The free label [`add_demo`] puts on every reflection it saves, so sample
/// reflections can be told from a leader's own (and found: `label:demo`).
pub const DEMO_LABEL: &str = "demo";

/// Free labels leaders add of their own.
pub const LABELS: &[&str] = &[
    "team",
    "board",
    "ICS",
    "community",
    "1:1",
    "coaching",
    "PCN",
    "winter pressures",
    "governance",
    "voluntary sector",
    "social care",
    "primary care",
    "mentoring",
    "carers",
    "budget",
];

/// How many years of reflections the demo journal spans.
const SPAN_DAYS: u64 = 4 * 365;

/// `count` reflections from `seed`, dated over the four years up to `end`.
///
/// The same `(count, seed, end)` always yields the same drafts, in the same order.
pub fn drafts(count: usize, seed: u64, end: NaiveDate) -> impl Iterator<Item = EntryDraft> {
    let mut writer = Writer::new(seed, end);
    (0..count).map(move |index| writer.draft(index))
}

/// Entries saved per transaction by [`add_demo`]: large enough to be quick,
/// small enough that progress moves and memory stays flat at 100,000 entries.
const BATCH: usize = 1_000;

/// Adds `count` demo reflections from `seed`, dated up to `end`, to `journal` in
/// batches of 1,000 entries per transaction, reporting progress after each batch.
/// Each carries the label [`DEMO_LABEL`] besides those [`drafts`] gives it.
///
/// Returns the number of entries added.
pub fn add_demo(
    journal: &Journal,
    count: usize,
    seed: u64,
    end: NaiveDate,
    progress: &mut dyn FnMut(Progress),
) -> Result<usize> {
    let mut done = 0;
    progress(Progress { done, total: count });
    let mut all = drafts(count, seed, end);
    loop {
        let batch: Vec<EntryDraft> = all
            .by_ref()
            .take(BATCH)
            .map(|mut draft| {
                draft.labels.push(DEMO_LABEL.to_owned());
                draft
            })
            .collect();
        if batch.is_empty() {
            break;
        }
        done += journal.create_many(batch)?.len();
        progress(Progress { done, total: count });
    }
    Ok(done)
}

/// A framework item the generator can tag with, and how often it is chosen.
struct Tag {
    id: &'static str,
    theme: usize,
    label: String,
}

struct Writer {
    rng: ChaCha8Rng,
    end: NaiveDate,
    /// Every taggable item, in document order.
    tags: Vec<Tag>,
    /// Per kind (theme, behaviour, quality): positions in `tags` and running weights.
    by_kind: [(Vec<usize>, Vec<f64>); 3],
}

impl Writer {
    fn new(seed: u64, end: NaiveDate) -> Writer {
        let framework = lpc();
        let themes: Vec<&'static str> = framework.themes.iter().map(|t| t.id.as_str()).collect();
        let mut tags = Vec::new();
        let mut by_kind: [(Vec<usize>, Vec<f64>); 3] = Default::default();
        for (rank, item) in framework.items().enumerate() {
            let slot = match item.kind() {
                ItemKind::Theme => 0,
                ItemKind::Behaviour => 1,
                ItemKind::Quality => 2,
            };
            let theme = themes
                .iter()
                .position(|t| *t == item.theme().as_str())
                .unwrap_or(0);
            // A fixed skew, independent of the seed, so every demo journal has the same
            // favourites and quiet corners: a Zipf-like weight over a scrambled order
            // (so popularity does not follow document order), boosted for the items
            // leaders in personalised care tend to write about most.
            let scrambled = (rank * 17 + 5) % 53;
            let mut weight = 1.0 / (1.0 + scrambled as f64 / 4.0);
            if FAVOURITES.contains(&item.id()) {
                weight *= 3.0;
            }
            by_kind[slot].0.push(tags.len());
            tags.push(Tag {
                id: item.id(),
                theme,
                label: lower_first(item.label()),
            });
            by_kind[slot].1.push(weight);
        }
        for (_, weights) in &mut by_kind {
            cumulate(weights);
        }
        Writer {
            rng: ChaCha8Rng::seed_from_u64(seed),
            end,
            tags,
            by_kind,
        }
    }

    fn draft(&mut self, index: usize) -> EntryDraft {
        let date = self.date();
        let chosen: Vec<&Tag> = self
            .choose_tags()
            .into_iter()
            .filter_map(|i| self.tags.get(i))
            .collect();
        let theme = chosen.first().map_or(0, |t| t.theme);
        let labels: Vec<String> = chosen.iter().map(|t| t.label.clone()).collect();
        let tags: Vec<TagId> = chosen.iter().map(|t| TagId(t.id.to_owned())).collect();
        let template = match self.rng.random_range(0..100) {
            0..55 => Template::Rolfe,
            55..72 => Template::Gibbs,
            72..76 => Template::Nmc,
            76..78 => Template::WhatWhyHow,
            78..80 => Template::WhatNext,
            _ => Template::Free,
        };
        let mut code = Vec::new();
        let setting = self.pick(SETTINGS);
        let title = self.title(setting, &labels);
        let rare: Vec<&str> = RARE_WORDS
            .iter()
            .filter(|(_, every)| index % every == every / 2)
            .map(|(word, _)| rare_sentence(word))
            .collect();
        let mut fields = BTreeMap::new();
        let body = match template {
            Template::Free => self.free_body(setting, theme, &labels, &rare),
            Template::Rolfe => {
                let what = self.what(setting, 1..4);
                let so_what = self.insights(theme, &labels, 2..5);
                let now_what = self.actions(1..4);
                fields.insert("what".to_owned(), what);
                fields.insert("so-what".to_owned(), with_rare(so_what, &rare));
                fields.insert("now-what".to_owned(), now_what);
                self.short_note()
            }
            Template::Gibbs => {
                let description = self.what(setting, 1..3);
                let feelings = self.feelings(1..4);
                let evaluation = self.evaluation(1..3);
                let analysis = self.insights(theme, &labels, 2..4);
                let conclusion = self.conclusion();
                let plan = self.actions(1..3);
                fields.insert("description".to_owned(), description);
                fields.insert("feelings".to_owned(), feelings);
                fields.insert("evaluation".to_owned(), evaluation);
                fields.insert("analysis".to_owned(), with_rare(analysis, &rare));
                // Leaders skip a stage now and then; an empty stage is simply not kept.
                if self.rng.random_bool(0.9) {
                    fields.insert("conclusion".to_owned(), conclusion);
                }
                fields.insert("action-plan".to_owned(), plan);
                self.short_note()
            }
            Template::Nmc => {
                fields.insert("nature".to_owned(), self.what(setting, 1..3));
                let learning = self.insights(theme, &labels, 2..4);
                fields.insert("learning".to_owned(), with_rare(learning, &rare));
                fields.insert("change".to_owned(), self.actions(1..3));
                let themes = CodeTheme::ALL.len();
                let first = self.rng.random_range(0..themes);
                code.push(CodeTheme::ALL[first]);
                if self.rng.random_bool(0.4) {
                    // A second theme, never the first again.
                    let second = (first + self.rng.random_range(1..themes)) % themes;
                    code.push(CodeTheme::ALL[second]);
                }
                fields.insert("relevance".to_owned(), self.conclusion());
                String::new()
            }
            Template::WhatWhyHow => {
                fields.insert("what".to_owned(), self.what(setting, 1..3));
                let why = self.insights(theme, &labels, 2..4);
                fields.insert("why".to_owned(), with_rare(why, &rare));
                fields.insert("how".to_owned(), self.actions(1..3));
                self.short_note()
            }
            Template::WhatNext => {
                fields.insert("happened".to_owned(), self.what(setting, 1..3));
                fields.insert("did".to_owned(), self.evaluation(1..2));
                let learnt = self.insights(theme, &labels, 2..4);
                fields.insert("learnt".to_owned(), with_rare(learnt, &rare));
                fields.insert("next".to_owned(), self.actions(1..3));
                self.short_note()
            }
        };
        let label_count = match self.rng.random_range(0..100) {
            0..60 => 0,
            60..90 => 1,
            _ => 2,
        };
        let mut free_labels: Vec<String> = Vec::new();
        for _ in 0..label_count {
            let label = self.pick(LABELS).to_owned();
            if !free_labels.contains(&label) {
                free_labels.push(label);
            }
        }
        EntryDraft {
            code,
            title,
            body,
            template,
            fields,
            date,
            tags,
            labels: free_labels,
            starred: self.rng.random_bool(0.05),
        }
    }

    /// A date in the span, more often recent (the habit grows) and mostly on weekdays.
    ///
    /// It draws the same random numbers whatever day `end` is, so `end` moves the
    /// dates and nothing else: the words of a demo journal never depend on the day it
    /// was made.
    fn date(&mut self) -> NaiveDate {
        let u: f64 = self.rng.random();
        let to_friday_if_weekend = self.rng.random_bool(0.7);
        let back = (u.powf(1.3) * SPAN_DAYS as f64) as u64;
        let mut date = self
            .end
            .checked_sub_days(Days::new(back))
            .unwrap_or(self.end);
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        if weekend && to_friday_if_weekend {
            // Most weekend reflections are really about Friday.
            let to_friday = u64::from(date.weekday().num_days_from_monday() - 4);
            date = date.checked_sub_days(Days::new(to_friday)).unwrap_or(date);
        }
        date
    }

    /// One to three distinct framework tags (positions in `tags`); a second tag
    /// usually shares the first's theme, as a reflection tends to stay on one theme.
    fn choose_tags(&mut self) -> Vec<usize> {
        let wanted = match self.rng.random_range(0..100) {
            0..45 => 1,
            45..85 => 2,
            _ => 3,
        };
        let mut chosen: Vec<usize> = Vec::with_capacity(wanted);
        let mut attempts = 0;
        while chosen.len() < wanted && attempts < 20 {
            attempts += 1;
            let slot = match self.rng.random_range(0..100) {
                0..12 => 0,
                12..45 => 1,
                _ => 2,
            };
            let (positions, weights) = &self.by_kind[slot];
            let Some(&position) = positions.get(weighted(&mut self.rng, weights)) else {
                continue;
            };
            let theme_of = |i: usize| self.tags.get(i).map(|t| t.theme);
            let same_theme = chosen
                .first()
                .is_none_or(|&first| theme_of(first) == theme_of(position));
            if !chosen.contains(&position) && (same_theme || self.rng.random_bool(0.4)) {
                chosen.push(position);
            }
        }
        chosen
    }

    fn title(&mut self, setting: &str, labels: &[String]) -> String {
        match self.rng.random_range(0..10) {
            0..5 => format!("{} at {}", self.pick(TITLE_MOMENTS), setting),
            5..7 => self.pick(TITLE_MOMENTS).to_owned(),
            7..9 => match labels.first() {
                Some(label) => format!("{}: {}", capitalise(label), self.pick(TITLE_AFTERS)),
                None => format!("Reflection on {setting}"),
            },
            _ => capitalise(&format!("reflection on {setting}")),
        }
    }

    fn what(&mut self, setting: &str, sentences: std::ops::Range<usize>) -> String {
        let mut out = vec![self.opening(setting)];
        for _ in 1..self.rng.random_range(sentences) {
            out.push(self.event_sentence());
        }
        out.join(" ")
    }

    fn opening(&mut self, setting: &str) -> String {
        let role = self.pick(ROLES);
        let event = self.pick(EVENTS);
        match self.rng.random_range(0..6) {
            0 => format!("At {setting}, {role} {event}."),
            1 => format!("During {setting} {role} {event}."),
            2 => format!(
                "I chaired {setting} {}. Part way through, {role} {event}.",
                self.pick(WHEN)
            ),
            3 => format!("{} {setting}: {role} {event}.", self.pick(LEADS)),
            4 => format!("It was {setting} {}, and {role} {event}.", self.pick(WHEN)),
            _ => format!("I went into {setting} with a plan. Then {role} {event}."),
        }
    }

    fn event_sentence(&mut self) -> String {
        let role = self.pick(ROLES);
        let event = self.pick(EVENTS);
        match self.rng.random_range(0..4) {
            0 => capitalise(&format!("{role} {event}.")),
            1 => format!("Later, {role} {event}."),
            2 => format!("{} {role} {event}.", self.pick(CONNECTIVES)),
            _ => format!("I noticed that {role} {event}."),
        }
    }

    fn feelings(&mut self, sentences: std::ops::Range<usize>) -> String {
        let mut out = Vec::new();
        for _ in 0..self.rng.random_range(sentences) {
            let sentence = if self.rng.random_bool(0.6) {
                format!(
                    "I felt {} {}.",
                    self.pick(FEELINGS),
                    self.pick(FEELING_WHEN)
                )
            } else {
                self.pick(FEELING_LINES).to_owned()
            };
            out.push(sentence);
        }
        out.join(" ")
    }

    fn evaluation(&mut self, sentences: std::ops::Range<usize>) -> String {
        let mut out = Vec::new();
        for i in 0..self.rng.random_range(sentences) {
            let sentence = if i % 2 == 0 {
                format!("{} {}.", self.pick(GOOD_LEADS), self.pick(GOOD))
            } else {
                format!("{} {}.", self.pick(BAD_LEADS), self.pick(BAD))
            };
            out.push(sentence);
        }
        out.join(" ")
    }

    /// What it meant: mostly the first tag's theme, sometimes naming a tag outright.
    fn insights(
        &mut self,
        theme: usize,
        labels: &[String],
        sentences: std::ops::Range<usize>,
    ) -> String {
        let mut out = Vec::new();
        for _ in 0..self.rng.random_range(sentences) {
            let roll = self.rng.random_range(0..10);
            let sentence = if roll < 2 && !labels.is_empty() {
                let label = &labels[self.rng.random_range(0..labels.len())];
                let frame = self.pick(LABEL_FRAMES);
                capitalise(&frame.replace("{}", label))
            } else if roll < 8 {
                let pool = THEME_INSIGHTS
                    .get(theme)
                    .copied()
                    .unwrap_or(GENERAL_INSIGHTS);
                self.pick(pool).to_owned()
            } else {
                self.pick(GENERAL_INSIGHTS).to_owned()
            };
            if !out.contains(&sentence) {
                out.push(sentence);
            }
        }
        out.join(" ")
    }

    fn conclusion(&mut self) -> String {
        format!(
            "{} {}.",
            self.pick(CONCLUSION_LEADS),
            self.pick(ALTERNATIVES)
        )
    }

    fn actions(&mut self, sentences: std::ops::Range<usize>) -> String {
        let mut out = Vec::new();
        for _ in 0..self.rng.random_range(sentences) {
            let sentence = match self.rng.random_range(0..5) {
                0 => format!("I will {}.", self.pick(ACTIONS)),
                1 => format!(
                    "Before {}, I will {}.",
                    self.pick(SETTINGS),
                    self.pick(ACTIONS)
                ),
                2 => format!("By the end of the month I want to {}.", self.pick(ACTIONS)),
                3 => format!(
                    "I am going to ask {} to {}.",
                    self.pick(ROLES),
                    self.pick(DELEGATED)
                ),
                _ => format!("Next step: {}.", self.pick(ACTIONS)),
            };
            if !out.contains(&sentence) {
                out.push(sentence);
            }
        }
        out.join(" ")
    }

    /// The body beside a template: often empty, sometimes a line or a short list.
    fn short_note(&mut self) -> String {
        match self.rng.random_range(0..10) {
            0..5 => String::new(),
            5..8 => format!("{} {}", self.pick(NOTE_LEADS), self.pick(GENERAL_INSIGHTS)),
            _ => format!(
                "To follow up:\n\n- {}\n- {}",
                self.pick(ACTIONS),
                self.pick(ACTIONS)
            ),
        }
    }

    /// Free writing: a few paragraphs moving from what happened to what next.
    fn free_body(
        &mut self,
        setting: &str,
        theme: usize,
        labels: &[String],
        rare: &[&str],
    ) -> String {
        let mut paragraphs = Vec::new();
        let mut first = format!("{} {}", self.pick(FREE_OPENINGS), self.what(setting, 2..4));
        if self.rng.random_bool(0.5) {
            first = format!("{first} {}", self.feelings(1..3));
        }
        paragraphs.push(first);
        if self.rng.random_bool(0.6) {
            paragraphs.push(self.evaluation(1..3));
        }
        paragraphs.push(with_rare(self.insights(theme, labels, 2..5), rare));
        if self.rng.random_bool(0.3) {
            paragraphs.push(format!("**Note to self:** {}", self.pick(GENERAL_INSIGHTS)));
        }
        if self.rng.random_bool(0.35) {
            let items: Vec<String> = (0..self.rng.random_range(2..4))
                .map(|_| format!("- {}", self.pick(ACTIONS)))
                .collect();
            paragraphs.push(format!("Next steps:\n\n{}", items.join("\n")));
        } else {
            paragraphs.push(self.actions(1..3));
        }
        paragraphs.join("\n\n")
    }

    fn pick(&mut self, items: &[&'static str]) -> &'static str {
        // Every pool below is a non-empty constant; the fallback only guards the type.
        items
            .get(self.rng.random_range(0..items.len().max(1)))
            .copied()
            .unwrap_or("")
    }
}

/// Turns weights into running totals for `weighted`.
fn cumulate(weights: &mut [f64]) {
    let mut total = 0.0;
    for w in weights.iter_mut() {
        total += *w;
        *w = total;
    }
}

/// An index drawn in proportion to the weights `cumulate` turned into running totals.
fn weighted(rng: &mut ChaCha8Rng, running: &[f64]) -> usize {
    let total = running.last().copied().unwrap_or(0.0);
    let x: f64 = rng.random::<f64>() * total;
    running
        .partition_point(|&w| w <= x)
        .min(running.len().saturating_sub(1))
}

fn rare_sentence(word: &str) -> &'static str {
    match word {
        "murmuration" => {
            "Watching the volunteers reorganise the hall together felt like a murmuration."
        }
        "kintsugi" => {
            "A colleague called the rebuilt service a kind of kintsugi, the cracks mended and left visible."
        }
        _ => {
            "The care plan had become a palimpsest of other people's decisions, each written over the last."
        }
    }
}

fn with_rare(text: String, rare: &[&str]) -> String {
    if rare.is_empty() {
        text
    } else {
        format!("{text} {}", rare.join(" "))
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A label as it reads mid-sentence; acronyms such as "ICS" keep their capitals.
fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_owned(),
    }
}

/// Items leaders in personalised care write about most often.
const FAVOURITES: &[&str] = &[
    "sharing-power",
    "hosting-style",
    "listening-and-transparency",
    "reflective-practice",
    "trust",
    "collaboration-and-co-creation",
    "positive-in-the-face-of-challenge",
    "emotional-intelligence",
    "being",
    "relating-and-communicating",
];

const ROLES: &[&str] = &[
    "the practice manager",
    "a carer",
    "a social prescriber",
    "the ward manager",
    "a community matron",
    "the lead GP",
    "a district nurse",
    "the finance director",
    "a care coordinator",
    "the chair of the patient participation group",
    "a health and wellbeing coach",
    "the voluntary sector lead",
    "a junior doctor",
    "the head of adult social care",
    "a clinical pharmacist",
    "the housing officer",
    "a peer supporter",
    "the medical director",
    "a healthcare assistant",
    "the director of nursing",
    "a physiotherapist",
    "the occupational therapist",
    "a paramedic",
    "the safeguarding lead",
    "a receptionist",
    "the PCN clinical director",
    "a young carer",
    "the mental health practitioner",
    "an expert by experience",
    "the chief executive",
    "a non-executive director",
    "the commissioning manager",
    "a link worker",
    "the hospice team leader",
    "a speech and language therapist",
    "the data analyst",
    "a new starter",
    "the quality improvement lead",
    "a family member",
    "the care home manager",
    "a dietitian",
    "the team",
    "one of the partners",
    "my deputy",
];

const SETTINGS: &[&str] = &[
    "the weekly huddle",
    "the neighbourhood forum",
    "the board meeting",
    "a 1:1 supervision",
    "the ICS partnership board",
    "the multidisciplinary team meeting",
    "a community listening event",
    "the discharge planning meeting",
    "the PCN away day",
    "a complaint review",
    "the winter planning workshop",
    "a coaching session",
    "the quality committee",
    "the ward round",
    "a team away day",
    "the patient participation group",
    "a joint visit with social care",
    "the system resilience call",
    "a governance review",
    "the staff survey feedback session",
    "the carers' café",
    "a co-design workshop",
    "the budget setting meeting",
    "an incident debrief",
    "the leadership programme cohort",
    "the health inequalities steering group",
    "the town hall meeting",
    "the evening handover",
    "the induction session for new staff",
    "the place-based partnership meeting",
    "a school governors' meeting",
    "the anticipatory care review",
];

const EVENTS: &[&str] = &[
    "raised a concern about how long people wait for a follow-up call",
    "challenged the plan we had already agreed",
    "told the story of a carer who had stopped asking for help",
    "asked why we had not involved the community sooner",
    "questioned whether the data showed the whole picture",
    "stayed silent until the very end",
    "offered to lead the next piece of work",
    "pushed back on the timescale",
    "shared a complaint that had landed badly with the team",
    "described how a small change had made a real difference",
    "brought a proposal nobody expected",
    "said the meeting felt like a done deal",
    "asked for more time to involve families",
    "explained what matters most to the people they support",
    "disagreed openly with the consultant",
    "pointed out that the same voices always dominate",
    "suggested we meet in the community centre instead of the office",
    "admitted they were close to burnout",
    "described the discharge process from the family's side",
    "asked what we would stop doing to make room for this",
    "mentioned that the waiting list had grown again",
    "questioned the eligibility criteria",
    "proposed a pilot with the voluntary sector",
    "said they did not feel heard",
    "thanked the team for the way they handled a difficult week",
    "wanted to escalate straight away",
    "brought figures on missed appointments by neighbourhood",
    "raised the issue of digital exclusion",
    "noticed that the leaflet used too much jargon",
    "asked who had actually spoken to the people affected",
    "cried, and the room did not know what to do",
    "made a joke that eased the tension",
    "asked me directly what I wanted from them",
    "reminded us that personalised care is about what matters to the person, not what is the matter with them",
    "walked out before the end",
    "shared a what matters to me conversation that changed the plan",
    "described a personal health budget that had transformed someone's week",
    "asked whether shared decision making was happening in practice or only on paper",
    "struggled to get a word in",
    "came with a list of barriers and no solutions",
    "offered to connect us with a local faith group",
    "said the rota made it impossible to attend training",
];

const WHEN: &[&str] = &[
    "this morning",
    "this afternoon",
    "on Monday",
    "on Thursday",
    "at the end of a long week",
    "for the first time",
    "again",
    "late in the day",
];

const LEADS: &[&str] = &[
    "A hard moment at",
    "Something shifted at",
    "Short note on",
    "An ordinary day until",
    "Unexpected turn at",
];

const CONNECTIVES: &[&str] = &[
    "After that,",
    "In the break,",
    "Towards the end,",
    "At the same time,",
    "Afterwards,",
    "Just before we closed,",
];

const FEELINGS: &[&str] = &[
    "anxious",
    "frustrated",
    "energised",
    "defensive at first",
    "out of my depth",
    "quietly proud",
    "uncomfortable",
    "relieved",
    "tired but hopeful",
    "exposed",
    "curious",
    "impatient",
    "grateful",
    "unsettled",
    "more confident than I expected",
    "torn",
    "moved",
    "irritated with myself",
];

const FEELING_WHEN: &[&str] = &[
    "when the room went quiet",
    "as the conversation moved on",
    "when I realised I had already decided",
    "once people started to speak up",
    "afterwards",
    "in the moment",
    "when my plan was challenged",
    "when the figures did not back me up",
    "as I handed over the chair",
    "walking back to the office",
    "reading the feedback",
    "on the drive home",
];

const FEELING_LINES: &[&str] = &[
    "My first instinct was to fix it myself.",
    "Part of me wanted to close the discussion down.",
    "I noticed my heart rate go up.",
    "I was aware of wanting to be seen as the expert.",
    "I was surprised by how strongly I reacted.",
    "It stayed with me for the rest of the day.",
    "I felt the pull to rescue the team.",
    "Honestly, I wanted the meeting to end.",
    "There was a moment of real connection in the room.",
    "I could feel my patience running out.",
];

const GOOD_LEADS: &[&str] = &[
    "What went well was",
    "The best part was",
    "What I want to keep is",
    "Something that worked was",
];

const GOOD: &[&str] = &[
    "that people who rarely speak took the lead",
    "the honesty in the room",
    "that we left with actions owned by the team rather than by me",
    "that the carers' perspective shaped the decision",
    "how quickly the partners found common ground",
    "that I held back and listened",
    "the energy in the second half",
    "that we started with the person's story rather than the service",
    "that the difficult question was asked at all",
    "how the newer members of the team challenged the old assumptions",
];

const BAD_LEADS: &[&str] = &[
    "Less well,",
    "On the other hand,",
    "What did not work was that",
    "Looking back,",
];

const BAD: &[&str] = &[
    "I talked for too long",
    "we ran out of time for the hardest item",
    "I let the loudest voices set the pace",
    "the agenda was mine, not ours",
    "we slipped back into jargon",
    "I missed the chance to follow up",
    "the papers went out late",
    "decisions were made before the people affected were in the room",
    "I answered questions that were not mine to answer",
    "the voluntary sector was invited too late to shape anything",
];

const BEING: &[&str] = &[
    "I am learning that authenticity means saying what I do not know.",
    "Staying curious is harder when I am tired, and I need to notice that.",
    "Courage here meant naming the risk rather than hoping it would pass.",
    "Sharing power felt like losing control, but the outcome was better.",
    "My values were tested when the easy option was to follow the process.",
    "I was more defensive than I would like; curiosity would have served me better.",
    "Seeing people as assets, not as problems to be solved, changed the conversation.",
    "Being positive in the face of challenge is not the same as pretending things are fine.",
    "I learn more from this kind of failure than from the last success.",
    "It takes a calculated risk to let the team try something untested.",
    "Co-production starts with me being willing to be changed by what I hear.",
    "Holding my nerve mattered more than having the answer.",
    "When I speak from my own values people seem to trust the message more.",
    "Encouraging people to speak out means accepting what they say, even when it stings.",
];

const RELATING: &[&str] = &[
    "Trust is built in the small moments, not in the big announcements.",
    "Listening properly meant not preparing my reply while others spoke.",
    "Being transparent about why the decision was made reduced the rumours.",
    "The relationship with social care colleagues is stronger when we meet in person.",
    "Building networks beyond my own organisation opened doors I did not know existed.",
    "Empathy came more easily once I heard the story from the family's side.",
    "I need to be more inclusive in who I invite, not just in how I run the meeting.",
    "Seeing the big picture helped me understand why partners were cautious.",
    "Open communication about the budget was uncomfortable but necessary.",
    "Warmth matters as much as the plan.",
    "Advocacy sometimes means speaking up for people who are not in the room.",
    "Working across agencies requires patience with each other's language.",
    "Reflective practice is only useful if I come back to what I wrote.",
    "The conversation went better once I admitted my own part in the problem.",
];

const LEADING: &[&str] = &[
    "Hosting the conversation, rather than directing it, let the group find its own answer.",
    "The story we tell about the future has to make sense to people on the front line.",
    "Knowing the local community changed what we thought the problem was.",
    "Inequalities in access were visible once we looked at the figures by neighbourhood.",
    "A shared vision only works if people can see themselves in it.",
    "Challenging established ways of working drew resistance, which told me it mattered.",
    "Connecting our work to the national agenda gave it more weight with the board.",
    "Working with a large group needed more structure than I expected, not less.",
    "Starting with place in mind meant inviting the housing team and the voluntary sector.",
    "Influence across the system comes from relationships more than from position.",
    "Building a common purpose took longer than writing the strategy.",
    "Enabling others to lead means stepping back even when I could do it faster.",
    "Population health is easier to talk about than to act on at neighbourhood level.",
    "A compelling narrative travelled further than any slide deck.",
];

const DELIVERING: &[&str] = &[
    "Removing obstacles for the team was the most useful thing I did all week.",
    "Ownership sat with the team once I stopped checking every detail.",
    "Change in a complex system rarely follows the plan on paper.",
    "Understanding the psychology of behaviour change helped me see why the new process stalled.",
    "Creating the conditions for others to lead meant giving away the budget, not just the task.",
    "Doing things differently started with one small test of change.",
    "Coproduction at every level means involving people before the options are set.",
    "My knowledge of personalised care was stretched by questions about personal health budgets.",
    "Delivery depends on the unglamorous work of follow-up.",
    "We measured what was easy rather than what mattered to people.",
    "The bottleneck was a form, not a person.",
    "Small wins built momentum faster than the big programme.",
    "Accountability felt lighter once it was shared openly.",
    "The pilot showed that care and support planning works best when it starts at home.",
];

/// Insight pools in the framework's theme order.
const THEME_INSIGHTS: &[&[&str]] = &[BEING, RELATING, LEADING, DELIVERING];

const GENERAL_INSIGHTS: &[&str] = &[
    "I keep relearning that the quietest person often has the most important point.",
    "The team knew the answer before I did; my job was to make room for it.",
    "Pace matters, but not more than the people we are trying to serve.",
    "I need to separate my anxiety from the actual risk.",
    "It is easier to be a good leader on a calm day.",
    "The system is full of good people working around each other.",
    "Feedback is a gift, even when it does not feel like one.",
    "What matters to people is rarely what our forms ask about.",
    "I underestimated how much history sat behind the disagreement.",
    "Time spent listening early saves time arguing later.",
    "I am still carrying habits from a more command-and-control culture.",
    "Winter pressures make it tempting to drop the things that matter most.",
];

const LABEL_FRAMES: &[&str] = &[
    "this was really about {}.",
    "looking back, {} was what the situation asked of me.",
    "{} is where I want to grow next.",
    "I can see {} growing in how I work, slowly.",
    "I tagged this with {} because it is the thread running through the week.",
    "my coach would say this was a lesson in {}.",
];

const CONCLUSION_LEADS: &[&str] = &[
    "Next time I would",
    "I could have",
    "With hindsight I should have",
    "Another option was to",
];

const ALTERNATIVES: &[&str] = &[
    "asked the question earlier",
    "invited the carers' group to shape the agenda",
    "paused before responding",
    "checked who was missing from the room",
    "shared the figures beforehand",
    "named the tension openly",
    "let someone else chair",
    "gone to see the team in person",
    "said less and asked more",
    "admitted I did not have the answer",
];

const ACTIONS: &[&str] = &[
    "meet the carers' group before the proposal goes to the board",
    "ask more open questions and talk less",
    "share the draft with the team before it is final",
    "book time with my coach to work through this",
    "spend a morning shadowing the reception team",
    "write down what I am not willing to compromise on",
    "invite the voluntary sector to co-chair the steering group",
    "review the waiting list figures by neighbourhood",
    "check in with the team after difficult meetings",
    "bring a story from the community to every board meeting",
    "stop rescuing the team when they are stuck",
    "set up a small test of change with one practice",
    "ask for feedback on how I chair",
    "protect thirty minutes a week for reflection",
    "make the decision log visible to everyone",
    "follow up with the people who raised concerns",
    "hold the next meeting in the community centre",
    "agree with partners what we will stop doing",
    "read the complaint again with fresh eyes",
    "plan the agenda with the people it affects",
];

const DELEGATED: &[&str] = &[
    "lead the next session",
    "take the proposal to the partnership board",
    "design the survey with families",
    "own the follow-up",
    "present the findings themselves",
    "chair the next huddle",
];

const NOTE_LEADS: &[&str] = &[
    "Note:",
    "To remember:",
    "Thought for later:",
    "Coaching question:",
];

const FREE_OPENINGS: &[&str] = &[
    "Today was a long one.",
    "Something small happened this week that I want to remember.",
    "Writing this on the train home.",
    "A quieter week, but one conversation stayed with me.",
    "I have been putting off writing this.",
    "Quick reflection before I forget.",
    "Not my finest hour.",
    "A good day, for once.",
];

const TITLE_MOMENTS: &[&str] = &[
    "Holding back",
    "A difficult conversation",
    "Listening first",
    "Letting go of the agenda",
    "Pushback on the plan",
    "Finding common ground",
    "Naming the risk",
    "When the figures disagreed",
    "Hosting, not directing",
    "Handing over the chair",
    "Staying curious",
    "Saying no",
    "A small test of change",
    "Hearing the carer's story",
    "Losing my patience",
    "Making room for quieter voices",
    "An unexpected ally",
    "Breaking a deadlock",
    "Owning a mistake",
    "Back to basics",
    "What matters to people",
    "Sharing the budget",
];

const TITLE_AFTERS: &[&str] = &[
    "what I noticed this week",
    "a first attempt",
    "still learning",
    "harder than it looks",
    "a small step",
    "trying again",
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn end() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 31).unwrap_or_default()
    }

    fn all_text(d: &EntryDraft) -> String {
        let mut text = format!("{}\n{}", d.title, d.body);
        for value in d.fields.values() {
            text.push('\n');
            text.push_str(value);
        }
        text
    }

    #[test]
    fn the_same_seed_gives_the_same_journal_and_another_seed_does_not() {
        let a: Vec<_> = drafts(300, 42, end()).collect();
        let b: Vec<_> = drafts(300, 42, end()).collect();
        let c: Vec<_> = drafts(300, 43, end()).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
        // A longer run starts with the shorter one, so a bigger demo contains a smaller.
        let longer: Vec<_> = drafts(400, 42, end()).collect();
        assert_eq!(a[..], longer[..300]);
    }

    #[test]
    fn the_day_it_is_made_moves_the_dates_and_never_the_words() {
        // The first day of a month, the last, and a leap day: each a different weekday.
        let days = ["2026-12-01", "2026-12-31", "2028-02-29", "2027-01-31"];
        let words = |end: &str| -> Vec<EntryDraft> {
            let end = end.parse().unwrap_or_default();
            drafts(300, 42, end)
                .map(|mut d| {
                    d.date = NaiveDate::MIN;
                    d
                })
                .collect()
        };
        let first = words(days[0]);
        for day in &days[1..] {
            assert!(first == words(day), "the words changed on {day}");
        }
        // A small demo says the same on any day, so tests can rely on what it says.
        let three: Vec<_> = drafts(3, 42, TEST_TODAY).map(|d| d.title).collect();
        for day in days {
            let on = day.parse().unwrap_or_default();
            let titles: Vec<_> = drafts(3, 42, on).map(|d| d.title).collect();
            assert_eq!(titles, three, "on {day}");
        }
    }

    #[test]
    fn two_thousand_entries_use_every_theme_behaviour_and_quality_with_skew() {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for d in drafts(2_000, 1, end()) {
            for tag in d.tags {
                *counts.entry(tag.0).or_default() += 1;
            }
        }
        for item in lpc().items() {
            assert!(counts.contains_key(item.id()), "never used: {}", item.id());
        }
        let most = counts.values().max().copied().unwrap_or(0);
        let least = counts.values().min().copied().unwrap_or(0);
        assert!(most >= 4 * least, "no realistic skew: {least}..{most}");
    }

    #[test]
    fn drafts_vary_in_template_tags_labels_stars_and_dates() {
        let all: Vec<_> = drafts(2_000, 9, end()).collect();
        let count = |t: Template| all.iter().filter(|d| d.template == t).count();
        assert!(count(Template::Rolfe) > count(Template::Free));
        assert!(count(Template::Free) > 0 && count(Template::Gibbs) > 0);
        let tags: BTreeSet<usize> = all.iter().map(|d| d.tags.len()).collect();
        assert_eq!(tags, BTreeSet::from([1, 2, 3]));
        let starred = all.iter().filter(|d| d.starred).count();
        assert!(
            (40..=160).contains(&starred),
            "about 5% starred, got {starred}"
        );
        assert!(all.iter().any(|d| d.labels.iter().any(|l| l == "ICS")));
        assert!(all.iter().any(|d| d.labels.is_empty()));
        let first = all.iter().map(|d| d.date).min().unwrap_or_default();
        assert!(all.iter().all(|d| d.date <= end()));
        assert!(
            (end() - first).num_days() > 3 * 365,
            "spread over years, from {first}"
        );
        let titles: BTreeSet<&str> = all.iter().map(|d| d.title.as_str()).collect();
        assert!(titles.len() > 300, "titles vary: {}", titles.len());
    }

    #[test]
    fn template_fields_belong_to_their_template() {
        for d in drafts(500, 3, end()) {
            for key in d.fields.keys() {
                assert!(d.template.field(key).is_some(), "{key} in {}", d.template);
                assert!(!d.fields[key].trim().is_empty());
            }
            if d.template == Template::Free {
                assert!(d.fields.is_empty() && !d.body.is_empty());
            } else {
                assert!(d.fields.len() >= 3);
            }
        }
    }

    #[test]
    fn rare_words_appear_at_their_known_rate_and_the_absent_word_never() {
        let all: Vec<String> = drafts(10_000, 5, end())
            .map(|d| all_text(&d).to_lowercase())
            .collect();
        for (word, every) in RARE_WORDS {
            let hits = all.iter().filter(|t| t.contains(word)).count();
            assert_eq!(hits, 10_000 / every, "{word}");
        }
        assert!(all.iter().all(|t| !t.contains(ABSENT_WORD)));
        assert!(
            !all.iter()
                .any(|t| t.contains("murmur ") || t.contains("murmurs"))
        );
    }

    #[test]
    fn nothing_looks_like_an_nhs_number_or_a_date_of_birth() {
        for d in drafts(3_000, 11, end()) {
            let text = format!("{} {}", all_text(&d), d.labels.join(" "));
            let mut run = 0;
            for c in text.chars() {
                run = if c.is_ascii_digit() { run + 1 } else { 0 };
                // No 10-digit NHS numbers; in fact no long digit runs of any kind.
                assert!(run < 4, "digit run in {text}");
            }
            assert!(!text.contains("born"), "no dates of birth: {text}");
        }
    }

    #[test]
    fn every_tag_is_a_framework_id_and_labels_are_tidy() {
        for d in drafts(1_000, 13, end()) {
            assert!((1..=3).contains(&d.tags.len()));
            let unique: BTreeSet<_> = d.tags.iter().collect();
            assert_eq!(unique.len(), d.tags.len());
            for tag in &d.tags {
                assert!(lpc().item(tag.as_str()).is_some(), "{tag}");
            }
            for label in &d.labels {
                assert_eq!(label.trim(), label);
                assert!(!label.is_empty() && label.len() <= 60);
            }
            assert!(!d.title.trim().is_empty() && d.title.len() <= 300);
        }
    }
}
