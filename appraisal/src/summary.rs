//! The pack's summary: how many reflections touch each theme and behaviour, what
//! has grown across the period and what has not been reflected on yet.

use crate::model::{PackEntry, PackRequest};
use chrono::{Days, NaiveDate};
use waymark_framework::{Framework, Item};

/// How often something was reflected on, and over which days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Reflections counted.
    pub count: usize,
    /// The earliest reflection's date.
    pub first: Option<NaiveDate>,
    /// The latest reflection's date.
    pub latest: Option<NaiveDate>,
}

impl Tally {
    fn add(&mut self, date: NaiveDate) {
        self.count += 1;
        self.first = Some(self.first.map_or(date, |d| d.min(date)));
        self.latest = Some(self.latest.map_or(date, |d| d.max(date)));
    }
}

/// One behaviour's line in the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BehaviourSummary {
    /// The behaviour's framework id.
    pub id: String,
    /// Its short label, as on tags.
    pub label: String,
    /// Reflections tagged with it or with one of its qualities.
    pub tally: Tally,
}

/// One theme's line in the summary, with its behaviours beneath.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeSummary {
    /// The theme's framework id.
    pub id: String,
    /// The theme's name.
    pub name: String,
    /// Reflections tagged with the theme or anything under it.
    pub tally: Tally,
    /// The theme's behaviours, in framework order.
    pub behaviours: Vec<BehaviourSummary>,
}

/// A behaviour reflected on more in the second half of the period than the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Growth {
    /// The behaviour's framework id.
    pub id: String,
    /// Its short label.
    pub label: String,
    /// Reflections in the first half of the period.
    pub first_half: usize,
    /// Reflections in the second half.
    pub second_half: usize,
}

/// A behaviour named by id and label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BehaviourRef {
    /// The behaviour's framework id.
    pub id: String,
    /// Its short label.
    pub label: String,
}

/// The figures both the PDF and the Word file show after the cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Reflections in the pack.
    pub reflections: usize,
    /// Reflections dated outside the period (counted, but worth a second look).
    pub outside_period: usize,
    /// The first day of the period's second half.
    pub second_half_from: NaiveDate,
    /// Every theme in framework order, each with its behaviours.
    pub themes: Vec<ThemeSummary>,
    /// Behaviours reflected on more in the second half of the period than the first.
    pub grown: Vec<Growth>,
    /// Behaviours with no reflection dated in the period.
    pub not_yet: Vec<BehaviourRef>,
}

/// Where a tag sits in the framework: its theme, and its behaviour if it has one.
///
/// A quality counts for the behaviour it sits beside and that behaviour's theme
/// (the pairing `Framework::with_descendants` uses); a theme counts for itself only.
pub(crate) fn place<'f>(fw: &'f Framework, tag: &str) -> Option<(&'f str, Option<&'f str>)> {
    match fw.item(tag)? {
        Item::Theme(t) => Some((t.id.as_str(), None)),
        Item::Behaviour(b) => Some((b.theme.as_str(), Some(b.id.as_str()))),
        Item::Quality(q) => Some((q.theme.as_str(), Some(q.behaviour.as_str()))),
    }
}

/// The behaviour an entry is filed under: that of its first tag that has one.
pub(crate) fn first_behaviour<'f>(fw: &'f Framework, entry: &PackEntry) -> Option<&'f str> {
    entry
        .tags
        .iter()
        .find_map(|tag| place(fw, tag).and_then(|(_, b)| b))
}

/// The first day of the period's second half (the longer half when the days are odd).
pub(crate) fn second_half_from(from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let days = u64::try_from((to - from).num_days().max(0) + 1).unwrap_or(0);
    from.checked_add_days(Days::new(days / 2)).unwrap_or(to)
}

/// Counts the request's reflections against the framework's themes and behaviours.
///
/// An entry counts once per theme and once per behaviour however many of its tags
/// lead there. The counts and dates cover every entry given; "what has grown" and
/// "not yet reflected on" look only at entries dated inside the period.
pub fn summary(req: &PackRequest) -> Summary {
    summary_with(waymark_framework::lpc(), req)
}

pub(crate) fn summary_with(fw: &Framework, req: &PackRequest) -> Summary {
    let (from, to) = (req.period.from, req.period.to);
    let mid = second_half_from(from, to);
    let mut themes: Vec<ThemeSummary> = fw
        .themes
        .iter()
        .map(|t| ThemeSummary {
            id: t.id.as_str().to_owned(),
            name: t.name.clone(),
            tally: Tally::default(),
            behaviours: fw
                .behaviours_of(t.id.as_str())
                .map(|b| BehaviourSummary {
                    id: b.id.as_str().to_owned(),
                    label: b.label.clone(),
                    tally: Tally::default(),
                })
                .collect(),
        })
        .collect();
    // (first half, second half) per behaviour id, in the period only.
    let mut halves: std::collections::HashMap<&str, (usize, usize)> = Default::default();
    let mut outside_period = 0;

    for entry in &req.entries {
        let in_period = (from..=to).contains(&entry.date);
        if !in_period {
            outside_period += 1;
        }
        let mut seen_themes: Vec<&str> = Vec::new();
        let mut seen_behaviours: Vec<&str> = Vec::new();
        for (theme, behaviour) in entry.tags.iter().filter_map(|t| place(fw, t)) {
            if !seen_themes.contains(&theme) {
                seen_themes.push(theme);
            }
            if let Some(b) = behaviour
                && !seen_behaviours.contains(&b)
            {
                seen_behaviours.push(b);
            }
        }
        for theme in &mut themes {
            if seen_themes.contains(&theme.id.as_str()) {
                theme.tally.add(entry.date);
            }
            for b in &mut theme.behaviours {
                if seen_behaviours.contains(&b.id.as_str()) {
                    b.tally.add(entry.date);
                }
            }
        }
        if in_period {
            for b in seen_behaviours {
                let half = halves.entry(b).or_default();
                if entry.date < mid {
                    half.0 += 1;
                } else {
                    half.1 += 1;
                }
            }
        }
    }

    let mut grown = Vec::new();
    let mut not_yet = Vec::new();
    for b in themes.iter().flat_map(|t| &t.behaviours) {
        let (first_half, second_half) = halves.get(b.id.as_str()).copied().unwrap_or_default();
        if second_half > first_half {
            grown.push(Growth {
                id: b.id.clone(),
                label: b.label.clone(),
                first_half,
                second_half,
            });
        }
        if first_half + second_half == 0 {
            not_yet.push(BehaviourRef {
                id: b.id.clone(),
                label: b.label.clone(),
            });
        }
    }

    Summary {
        reflections: req.entries.len(),
        outside_period,
        second_half_from: mid,
        themes,
        grown,
        not_yet,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_split_a_year_at_the_end_of_september() {
        let from = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2027, 3, 31).unwrap();
        assert_eq!(
            second_half_from(from, to),
            NaiveDate::from_ymd_opt(2026, 9, 30).unwrap()
        );
        // A one-day period has only a second half.
        assert_eq!(second_half_from(from, from), from);
    }

    #[test]
    fn a_quality_is_placed_under_its_behaviour_and_a_theme_alone() {
        let fw = waymark_framework::lpc();
        assert_eq!(place(fw, "sharing-power"), Some(("being", Some("mindset"))));
        assert_eq!(place(fw, "being"), Some(("being", None)));
        assert_eq!(place(fw, "gardening"), None);
    }
}
