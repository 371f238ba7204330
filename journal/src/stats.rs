//! Growth over time: how often a leader reflects on each theme, behaviour and
//! quality of the framework, per week, month or quarter; when each was first and
//! last reflected on; which have gone quiet; and the days with reflections (streaks).
//!
//! Everything is computed from scans of the store (`store/growth.rs`), so it is
//! always current and never depends on the search index. Entries in the bin are never counted.
//!
//! ```
//! use waymark_journal::stats::Period;
//! let by: Period = "quarter".parse().unwrap();
//! let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
//! assert_eq!(by.label(date), "2026-Q1");
//! assert_eq!(Period::Week.label(date), "2026-W10");
//! assert!("fortnight".parse::<Period>().is_err());
//! ```

use crate::Result;
pub use crate::error::StatsError;
use crate::journal::Journal;
use crate::store::{Store, TAG_SEPARATOR};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use ts_rs::TS;
use waymark_framework::{ItemKind, lpc};

/// The stretch of time growth is counted over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Period {
    /// ISO week, labelled like `2026-W09`.
    Week,
    /// Calendar month, labelled like `2026-03`.
    #[default]
    Month,
    /// Calendar quarter, labelled like `2026-Q1`.
    Quarter,
}

impl Period {
    /// The label of the period a date falls in (`2026-W09`, `2026-03`, `2026-Q1`).
    ///
    /// Labels of one kind sort in time order as plain text.
    pub fn label(self, date: NaiveDate) -> String {
        match self {
            Period::Week => {
                // The ISO year, not the calendar year: 29 Dec 2025 is in 2026-W01.
                let week = date.iso_week();
                format!("{:04}-W{:02}", week.year(), week.week())
            }
            Period::Month => format!("{:04}-{:02}", date.year(), date.month()),
            Period::Quarter => format!("{:04}-Q{}", date.year(), date.month0() / 3 + 1),
        }
    }

    /// The first day of the period `date` falls in (a Monday for a week).
    pub fn start(self, date: NaiveDate) -> NaiveDate {
        let first_of_month =
            |month0: u32| NaiveDate::from_ymd_opt(date.year(), month0 + 1, 1).unwrap_or(date);
        match self {
            Period::Week => {
                date - chrono::Days::new(u64::from(date.weekday().num_days_from_monday()))
            }
            Period::Month => first_of_month(date.month0()),
            Period::Quarter => first_of_month(date.month0() / 3 * 3),
        }
    }

    /// The first day of the period after the one starting on `start`; `None` past
    /// the calendar's end.
    pub fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Week => start.checked_add_days(chrono::Days::new(7)),
            Period::Month => start.checked_add_months(chrono::Months::new(1)),
            Period::Quarter => start.checked_add_months(chrono::Months::new(3)),
        }
    }

    /// The first day of the period `n` periods before the one starting on `start`
    /// (the earliest date there is, if that is before the calendar's start).
    pub fn back(self, start: NaiveDate, n: u32) -> NaiveDate {
        match self {
            Period::Week => start.checked_sub_days(chrono::Days::new(u64::from(n) * 7)),
            Period::Month => start.checked_sub_months(chrono::Months::new(n)),
            Period::Quarter => start.checked_sub_months(chrono::Months::new(n.saturating_mul(3))),
        }
        .unwrap_or(NaiveDate::MIN)
    }

    /// The period's name as typed (`week`, `month`, `quarter`).
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Period {
    type Err = StatsError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "week" | "weekly" => Ok(Period::Week),
            "month" | "monthly" => Ok(Period::Month),
            "quarter" | "quarterly" => Ok(Period::Quarter),
            _ => Err(StatsError::UnknownPeriod(s.trim().to_owned())),
        }
    }
}

/// How many entries reflected on one framework item in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GrowthPoint {
    /// The period's label (`2026-W09`, `2026-03` or `2026-Q1`).
    pub period: String,
    /// The framework item's id.
    pub item: String,
    /// Whether the item is a theme, behaviour or quality.
    pub kind: ItemKind,
    /// Distinct entries tagged with the item (for a theme: with it or anything under it).
    pub count: u32,
}

/// When and how often one framework item has been reflected on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ItemActivity {
    /// The framework item's id.
    pub item: String,
    /// Whether the item is a theme, behaviour or quality.
    pub kind: ItemKind,
    /// The item's short label, for display.
    pub label: String,
    /// The theme the item belongs to (a theme belongs to itself).
    pub theme: String,
    /// Distinct entries tagged with the item (for a theme: with it or anything under it).
    pub count: u32,
    /// Date of the first reflection on it.
    #[ts(type = "string | null")]
    pub first: Option<NaiveDate>,
    /// Date of the latest reflection on it.
    #[ts(type = "string | null")]
    pub last: Option<NaiveDate>,
    /// True when no entry has ever reflected on it.
    pub never: bool,
}

/// The number of entries about one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DayCount {
    /// The day.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Entries about that day.
    pub count: u32,
}

/// Runs of consecutive days with reflections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct Streaks {
    /// Consecutive days with reflections ending today or yesterday (0 if neither).
    pub current: u32,
    /// First day of the current streak.
    #[ts(type = "string | null")]
    pub current_from: Option<NaiveDate>,
    /// The longest run of consecutive days ever (the latest, on a tie).
    pub longest: u32,
    /// First day of the longest streak.
    #[ts(type = "string | null")]
    pub longest_from: Option<NaiveDate>,
    /// Last day of the longest streak.
    #[ts(type = "string | null")]
    pub longest_to: Option<NaiveDate>,
}

/// How far back the Growth view counts, ending with today's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum GrowthSpan {
    /// The last 12 months (4 quarters, 52 weeks), today's period included.
    #[default]
    #[serde(rename = "12m")]
    Year,
    /// The last 3 years (36 months, 12 quarters, 156 weeks).
    #[serde(rename = "3y")]
    ThreeYears,
    /// From the period of the oldest entry.
    #[serde(rename = "all")]
    All,
}

impl GrowthSpan {
    /// How many periods of `by` the span covers; `None` for all of them.
    pub fn periods(self, by: Period) -> Option<u32> {
        let years = match self {
            GrowthSpan::Year => 1,
            GrowthSpan::ThreeYears => 3,
            GrowthSpan::All => return None,
        };
        Some(
            years
                * match by {
                    Period::Week => 52,
                    Period::Month => 12,
                    Period::Quarter => 4,
                },
        )
    }

    /// The span's name as typed (`12m`, `3y`, `all`).
    pub fn as_str(self) -> &'static str {
        match self {
            GrowthSpan::Year => "12m",
            GrowthSpan::ThreeYears => "3y",
            GrowthSpan::All => "all",
        }
    }
}

impl fmt::Display for GrowthSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for GrowthSpan {
    type Err = StatsError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "12m" | "1y" | "year" => Ok(GrowthSpan::Year),
            "3y" | "36m" => Ok(GrowthSpan::ThreeYears),
            "all" => Ok(GrowthSpan::All),
            _ => Err(StatsError::UnknownSpan(s.trim().to_owned())),
        }
    }
}

/// What the Growth view asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct GrowthOptions {
    /// Count by week, month or quarter.
    pub by: Period,
    /// How far back to count.
    pub span: GrowthSpan,
    /// Items not reflected on for at least this many days are "quiet".
    pub quiet_days: u32,
    /// Whole weeks (Monday first) of reflection days to return, ending with today's week.
    pub calendar_weeks: u32,
}

impl Default for GrowthOptions {
    fn default() -> Self {
        GrowthOptions {
            by: Period::Month,
            span: GrowthSpan::Year,
            quiet_days: 90,
            calendar_weeks: 26,
        }
    }
}

/// One period of the Growth view with how many reflections were written in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PeriodTotals {
    /// The period's label (`2026-W09`, `2026-03` or `2026-Q1`).
    pub period: String,
    /// The period's first day.
    #[ts(type = "string")]
    pub start: NaiveDate,
    /// Reflections dated in the period (up to today), each counted once.
    pub written: u32,
    /// Of those, the ones tagged with at least one theme or anything under one.
    pub themed: u32,
}

/// Everything the Growth view shows, counted in one pass over the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GrowthOverview {
    /// What the counts are grouped by.
    pub by: Period,
    /// The span asked for.
    pub span: GrowthSpan,
    /// First day counted: the start of the first period.
    #[ts(type = "string")]
    pub from: NaiveDate,
    /// Last day counted: today (later entries are plans, not reflections made).
    #[ts(type = "string")]
    pub to: NaiveDate,
    /// Every period from `from` to today, oldest first, empty ones included.
    pub periods: Vec<PeriodTotals>,
    /// Entries per item per period, as [`Journal::growth`] gives them for the range.
    pub points: Vec<GrowthPoint>,
    /// Every item with its count and first and last dates, over all time.
    pub activity: Vec<ItemActivity>,
    /// Items not reflected on in `quiet_days`, as [`Journal::neglected`] orders them.
    pub quiet: Vec<ItemActivity>,
    /// Days with reflections from `calendar_from` to today, oldest first.
    pub days: Vec<DayCount>,
    /// The Monday the calendar starts on.
    #[ts(type = "string")]
    pub calendar_from: NaiveDate,
    /// Runs of days with reflections, up to today.
    pub streaks: Streaks,
}

impl Journal {
    /// Entries per theme, behaviour and quality per period, over an optional date range.
    ///
    /// Only periods where an item was reflected on appear, sorted by period and then
    /// by the framework's document order.
    pub fn growth(
        &self,
        by: Period,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<GrowthPoint>> {
        growth(&self.store, by, from, to)
    }

    /// Every framework item in document order, with its count and first and last dates.
    pub fn activity(&self) -> Result<Vec<ItemActivity>> {
        activity(&self.store)
    }

    /// Items not reflected on for at least `days` days before `today`, never-reflected
    /// ones first, then the longest-neglected.
    pub fn neglected(&self, days: u32, today: NaiveDate) -> Result<Vec<ItemActivity>> {
        neglected(&self.store, days, today)
    }

    /// The days with at least one entry, oldest first, over an optional date range.
    pub fn reflection_days(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<DayCount>> {
        check_range(from, to)?;
        self.store.reflection_days(from, to)
    }

    /// The current and longest runs of consecutive days with reflections, up to `today`.
    pub fn streaks(&self, today: NaiveDate) -> Result<Streaks> {
        streaks(&self.store, today)
    }

    /// Everything the Growth view shows, from one scan of the store: counts per item
    /// per period over `options.span` ending with `today`'s period (each reflection
    /// counted once per item, and once in its period's total), first and last
    /// reflections, what has gone quiet, the calendar's days and the streaks.
    ///
    /// The same figures as [`growth`](Journal::growth), [`activity`](Journal::activity),
    /// [`neglected`](Journal::neglected), [`reflection_days`](Journal::reflection_days)
    /// and [`streaks`](Journal::streaks) give, at a fifth of the reading.
    pub fn growth_overview(
        &self,
        options: &GrowthOptions,
        today: NaiveDate,
    ) -> Result<GrowthOverview> {
        overview(&self.store, options, today)
    }
}

/// What a stored tag counts for: its own position in the framework's document
/// order and, unless it is a theme, its theme's position too.
struct Rollup {
    items: Vec<waymark_framework::Item<'static>>,
    by_tag: HashMap<&'static str, (usize, Option<usize>)>,
}

impl Rollup {
    fn new() -> Rollup {
        let items: Vec<_> = lpc().items().collect();
        let position = |id: &str| items.iter().position(|i| i.id() == id);
        let by_tag = items
            .iter()
            .enumerate()
            .map(|(own, item)| {
                let theme = match item.kind() {
                    ItemKind::Theme => None,
                    _ => position(item.theme().as_str()),
                };
                (item.id(), (own, theme))
            })
            .collect();
        Rollup { items, by_tag }
    }

    /// The positions one entry's tags count for, each once: an entry tagged with two
    /// qualities of a theme counts once for that theme. Tags the framework no longer
    /// holds count for nothing rather than failing the whole chart.
    fn positions(&self, tags: &str, out: &mut Vec<usize>) {
        out.clear();
        for tag in tags.split(TAG_SEPARATOR) {
            if let Some(&(own, theme)) = self.by_tag.get(tag) {
                for position in std::iter::once(own).chain(theme) {
                    if !out.contains(&position) {
                        out.push(position);
                    }
                }
            }
        }
    }
}

/// Refuses a range that ends before it starts, naming both dates.
fn check_range(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<()> {
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(StatsError::BackwardsRange { from, to }.into());
    }
    Ok(())
}

/// Counts entries per period and framework item over a date range, one entry at a time,
/// so the single-purpose [`growth`] and the whole-view [`overview`] share one tally.
struct GrowthTally {
    by: Period,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    // Periods are labelled in Rust, which needs no ISO-week support from SQLite; each
    // distinct date is labelled once.
    period_of: HashMap<NaiveDate, usize>,
    periods: Vec<String>,
    counts: HashMap<(usize, usize), u32>,
}

impl GrowthTally {
    fn new(by: Period, from: Option<NaiveDate>, to: Option<NaiveDate>) -> GrowthTally {
        GrowthTally {
            by,
            from,
            to,
            period_of: HashMap::new(),
            periods: Vec::new(),
            counts: HashMap::new(),
        }
    }

    /// Counts one entry's item positions; returns the index of its period, or `None`
    /// when the date is outside the range.
    fn add(&mut self, date: NaiveDate, positions: &[usize]) -> Option<usize> {
        if self.from.is_some_and(|from| date < from) || self.to.is_some_and(|to| date > to) {
            return None;
        }
        let (by, periods) = (self.by, &mut self.periods);
        let period = *self.period_of.entry(date).or_insert_with(|| {
            let label = by.label(date);
            match periods.iter().position(|p| *p == label) {
                Some(existing) => existing,
                None => {
                    periods.push(label);
                    periods.len() - 1
                }
            }
        });
        for &position in positions {
            *self.counts.entry((period, position)).or_default() += 1;
        }
        Some(period)
    }

    /// The points, sorted by period and then by the framework's document order.
    fn finish(self, rollup: &Rollup) -> Vec<GrowthPoint> {
        let periods = self.periods;
        let mut points: Vec<((&str, usize), u32)> = self
            .counts
            .into_iter()
            .filter_map(|((period, position), count)| {
                Some(((periods.get(period)?.as_str(), position), count))
            })
            .collect();
        points.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        points
            .into_iter()
            .filter_map(|((period, position), count)| {
                let item = rollup.items.get(position)?;
                Some(GrowthPoint {
                    period: period.to_owned(),
                    item: item.id().to_owned(),
                    kind: item.kind(),
                    count,
                })
            })
            .collect()
    }
}

/// Each framework item's count and first and last dates, one entry at a time.
struct ActivityTally {
    seen: Vec<Option<(u32, NaiveDate, NaiveDate)>>,
}

impl ActivityTally {
    fn new(rollup: &Rollup) -> ActivityTally {
        ActivityTally {
            seen: vec![None; rollup.items.len()],
        }
    }

    fn add(&mut self, date: NaiveDate, positions: &[usize]) {
        for &position in positions {
            if let Some(slot) = self.seen.get_mut(position) {
                *slot = Some(match *slot {
                    None => (1, date, date),
                    Some((count, first, last)) => (count + 1, first.min(date), last.max(date)),
                });
            }
        }
    }

    /// Every item in document order.
    fn finish(self, rollup: &Rollup) -> Vec<ItemActivity> {
        rollup
            .items
            .iter()
            .zip(self.seen)
            .map(|(item, found)| ItemActivity {
                item: item.id().to_owned(),
                kind: item.kind(),
                label: item.label().to_owned(),
                theme: item.theme().as_str().to_owned(),
                count: found.map_or(0, |f| f.0),
                first: found.map(|f| f.1),
                last: found.map(|f| f.2),
                never: found.is_none(),
            })
            .collect()
    }
}

pub(crate) fn growth(
    store: &Store,
    by: Period,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<GrowthPoint>> {
    check_range(from, to)?;
    let rollup = Rollup::new();
    let mut tally = GrowthTally::new(by, from, to);
    let mut positions = Vec::new();
    store.for_each_tagged(from, to, |date, tags| {
        rollup.positions(tags, &mut positions);
        tally.add(date, &positions);
    })?;
    Ok(tally.finish(&rollup))
}

pub(crate) fn activity(store: &Store) -> Result<Vec<ItemActivity>> {
    let rollup = Rollup::new();
    let mut tally = ActivityTally::new(&rollup);
    let mut positions = Vec::new();
    store.for_each_tagged(None, None, |date, tags| {
        rollup.positions(tags, &mut positions);
        tally.add(date, &positions);
    })?;
    Ok(tally.finish(&rollup))
}

pub(crate) fn neglected(store: &Store, days: u32, today: NaiveDate) -> Result<Vec<ItemActivity>> {
    Ok(quiet_of(activity(store)?, days, today))
}

/// The items of `activity` not reflected on for at least `days` days before `today`,
/// never-reflected ones first, then the longest-neglected.
fn quiet_of(activity: Vec<ItemActivity>, days: u32, today: NaiveDate) -> Vec<ItemActivity> {
    let mut quiet: Vec<(usize, ItemActivity)> = activity
        .into_iter()
        .enumerate()
        .filter(|(_, a)| match a.last {
            None => true,
            // A reflection dated after `today` (planned ahead) is not neglect.
            Some(last) => (today - last).num_days() >= i64::from(days),
        })
        .collect();
    // `None` sorts before any date, so never-reflected items lead; ties keep document order.
    quiet.sort_by(|(ia, a), (ib, b)| a.last.cmp(&b.last).then(ia.cmp(ib)));
    quiet.into_iter().map(|(_, a)| a).collect()
}

pub(crate) fn streaks(store: &Store, today: NaiveDate) -> Result<Streaks> {
    // Days after `today` are plans, not reflections made; they do not extend a streak.
    let days = store.reflection_days(None, Some(today))?;
    Ok(streaks_of(days.iter().map(|d| d.date), today))
}

/// The current and longest runs in `days` (oldest first, none after `today`).
fn streaks_of(days: impl Iterator<Item = NaiveDate>, today: NaiveDate) -> Streaks {
    let mut streaks = Streaks::default();
    let mut run_from: Option<NaiveDate> = None;
    let mut run = 0u32;
    let mut previous: Option<NaiveDate> = None;
    for day in days {
        if previous.and_then(|p| p.succ_opt()) == Some(day) {
            run += 1;
        } else {
            run = 1;
            run_from = Some(day);
        }
        if run >= streaks.longest {
            streaks.longest = run;
            streaks.longest_from = run_from;
            streaks.longest_to = Some(day);
        }
        previous = Some(day);
    }
    if let Some(last) = previous
        && (today - last).num_days() <= 1
    {
        streaks.current = run;
        streaks.current_from = run_from;
    }
    streaks
}

/// The whole Growth view from one scan of the store: see [`Journal::growth_overview`].
pub(crate) fn overview(
    store: &Store,
    options: &GrowthOptions,
    today: NaiveDate,
) -> Result<GrowthOverview> {
    let by = options.by;
    let today_start = by.start(today);
    // For "all", the first period is only known once the oldest entry has been read;
    // counting from the beginning and dropping nothing is then exact.
    let from = options
        .span
        .periods(by)
        .map(|n| by.back(today_start, n.saturating_sub(1)));
    let rollup = Rollup::new();
    let mut growth = GrowthTally::new(by, from, Some(today));
    let mut activity = ActivityTally::new(&rollup);
    let mut per_day: HashMap<NaiveDate, u32> = HashMap::new();
    // Per period index of `growth`: entries written, and those touching a theme.
    let mut written: HashMap<usize, (u32, u32)> = HashMap::new();
    let mut positions = Vec::new();
    store.for_each_entry(|date, tags| {
        rollup.positions(tags, &mut positions);
        activity.add(date, &positions);
        *per_day.entry(date).or_default() += 1;
        if let Some(period) = growth.add(date, &positions) {
            let themed = positions.iter().any(|&p| {
                rollup
                    .items
                    .get(p)
                    .is_some_and(|i| i.kind() == ItemKind::Theme)
            });
            let totals = written.entry(period).or_default();
            totals.0 += 1;
            totals.1 += u32::from(themed);
        }
    })?;

    let mut days: Vec<DayCount> = per_day
        .into_iter()
        .map(|(date, count)| DayCount { date, count })
        .collect();
    days.sort_unstable_by_key(|d| d.date);
    let from = from.unwrap_or_else(|| {
        days.first()
            .map_or(today_start, |d| by.start(d.date).min(today_start))
    });

    // Every period in the range, empty ones too, so the chart's axis has no gaps.
    let by_label: HashMap<&str, (u32, u32)> = written
        .iter()
        .filter_map(|(&index, &totals)| Some((growth.periods.get(index)?.as_str(), totals)))
        .collect();
    let mut periods = Vec::new();
    let mut start = from;
    while start <= today_start {
        let label = by.label(start);
        let (written, themed) = by_label.get(label.as_str()).copied().unwrap_or_default();
        periods.push(PeriodTotals {
            period: label,
            start,
            written,
            themed,
        });
        match by.next(start) {
            Some(next) => start = next,
            None => break,
        }
    }
    drop(by_label);

    // Days after `today` are plans, not reflections made; they do not extend a streak.
    let past = days.iter().map(|d| d.date).take_while(|&d| d <= today);
    let streaks = streaks_of(past, today);
    let calendar_from = Period::Week.back(
        Period::Week.start(today),
        options.calendar_weeks.saturating_sub(1),
    );
    days.retain(|d| d.date >= calendar_from && d.date <= today);
    let activity = activity.finish(&rollup);
    let quiet = quiet_of(activity.clone(), options.quiet_days, today);
    Ok(GrowthOverview {
        by,
        span: options.span,
        from,
        to: today,
        periods,
        points: growth.finish(&rollup),
        activity,
        quiet,
        days,
        calendar_from,
        streaks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap_or_else(|_| panic!("bad test date {s}"))
    }

    fn db() -> Store {
        Store::open_in_memory().expect("an in-memory store opens")
    }

    /// Inserts an entry the way the store does, as far as statistics need.
    fn add(store: &Store, id: &str, day: &str, tags: &[&str], binned: bool) {
        store.insert_for_growth_test(id, day, tags, binned);
    }

    fn reflection_days_of(
        store: &Store,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<DayCount>> {
        check_range(from, to)?;
        store.reflection_days(from, to)
    }

    fn point(p: &GrowthPoint) -> (&str, &str, u32) {
        (p.period.as_str(), p.item.as_str(), p.count)
    }

    #[test]
    fn period_labels_follow_iso_weeks_months_and_quarters() {
        assert_eq!(Period::Week.label(date("2026-03-01")), "2026-W09");
        // 29 Dec 2025 is a Monday in ISO week 1 of 2026.
        assert_eq!(Period::Week.label(date("2025-12-29")), "2026-W01");
        // 1 Jan 2027 is a Friday in the last ISO week of 2026.
        assert_eq!(Period::Week.label(date("2027-01-01")), "2026-W53");
        assert_eq!(Period::Month.label(date("2026-03-31")), "2026-03");
        assert_eq!(Period::Quarter.label(date("2026-03-31")), "2026-Q1");
        assert_eq!(Period::Quarter.label(date("2026-04-01")), "2026-Q2");
        assert_eq!(Period::Quarter.label(date("2026-12-31")), "2026-Q4");
    }

    #[test]
    fn periods_parse_from_words_and_refuse_others_clearly() {
        assert_eq!("week".parse(), Ok(Period::Week));
        assert_eq!(" Month ".parse(), Ok(Period::Month));
        assert_eq!("QUARTER".parse(), Ok(Period::Quarter));
        let err = "fortnight".parse::<Period>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'fortnight' is not a period; use week, month or quarter"
        );
    }

    #[test]
    fn two_qualities_of_one_theme_count_once_for_the_theme() {
        let conn = db();
        // Both qualities sit under Being; the behaviour `mindset` does too.
        add(
            &conn,
            "a",
            "2026-03-02",
            &["sharing-power", "people-as-assets"],
            false,
        );
        add(&conn, "b", "2026-03-20", &["being", "mindset"], false);
        let points = growth(&conn, Period::Month, None, None).unwrap();
        let got: Vec<_> = points.iter().map(point).collect();
        assert_eq!(
            got,
            [
                ("2026-03", "being", 2),
                ("2026-03", "mindset", 1),
                ("2026-03", "sharing-power", 1),
                ("2026-03", "people-as-assets", 1),
            ]
        );
        assert!(
            points
                .iter()
                .all(|p| p.kind == lpc().item(&p.item).unwrap().kind())
        );
    }

    #[test]
    fn growth_is_split_by_period_sorted_and_ignores_the_bin() {
        let conn = db();
        add(&conn, "a", "2026-01-05", &["hosting-style"], false);
        add(&conn, "b", "2026-01-06", &["hosting-style"], false);
        add(&conn, "c", "2026-04-01", &["hosting-style", "trust"], false);
        add(&conn, "d", "2026-04-02", &["hosting-style"], true);
        let by_quarter: Vec<_> = growth(&conn, Period::Quarter, None, None).unwrap();
        let got: Vec<_> = by_quarter.iter().map(point).collect();
        assert_eq!(
            got,
            [
                ("2026-Q1", "leading-and-visioning", 2),
                ("2026-Q1", "hosting-style", 2),
                ("2026-Q2", "relating-and-communicating", 1),
                ("2026-Q2", "leading-and-visioning", 1),
                ("2026-Q2", "trust", 1),
                ("2026-Q2", "hosting-style", 1),
            ]
        );
        let weeks = growth(&conn, Period::Week, None, None).unwrap();
        let hosting: Vec<_> = weeks
            .iter()
            .filter(|p| p.item == "hosting-style")
            .map(point)
            .collect();
        assert_eq!(
            hosting,
            [
                ("2026-W02", "hosting-style", 2),
                ("2026-W14", "hosting-style", 1)
            ]
        );
    }

    #[test]
    fn growth_keeps_to_the_date_range_inclusively() {
        let conn = db();
        add(&conn, "a", "2026-01-31", &["trust"], false);
        add(&conn, "b", "2026-02-01", &["trust"], false);
        add(&conn, "c", "2026-02-28", &["trust"], false);
        add(&conn, "d", "2026-03-01", &["trust"], false);
        let points = growth(
            &conn,
            Period::Month,
            Some(date("2026-02-01")),
            Some(date("2026-02-28")),
        )
        .unwrap();
        let got: Vec<_> = points.iter().map(point).collect();
        assert_eq!(
            got,
            [
                ("2026-02", "relating-and-communicating", 2),
                ("2026-02", "trust", 2)
            ]
        );
        let from_only = growth(&conn, Period::Month, Some(date("2026-03-01")), None).unwrap();
        assert_eq!(from_only.iter().map(|p| p.count).sum::<u32>(), 2);
    }

    #[test]
    fn a_backwards_range_is_refused_with_both_dates() {
        let conn = db();
        let err = growth(
            &conn,
            Period::Month,
            Some(date("2026-03-01")),
            Some(date("2026-02-01")),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the date range is backwards: 2026-03-01 comes after 2026-02-01"
        );
    }

    #[test]
    fn tags_outside_the_framework_are_left_out_rather_than_failing() {
        let conn = db();
        add(
            &conn,
            "a",
            "2026-01-31",
            &["retired-behaviour", "trust"],
            false,
        );
        let items: Vec<_> = growth(&conn, Period::Month, None, None)
            .unwrap()
            .into_iter()
            .map(|p| p.item)
            .collect();
        assert_eq!(items, ["relating-and-communicating", "trust"]);
    }

    #[test]
    fn activity_lists_every_item_in_document_order_with_first_and_last() {
        let conn = db();
        add(&conn, "a", "2025-06-01", &["sharing-power"], false);
        add(&conn, "b", "2026-02-01", &["sharing-power", "being"], false);
        add(&conn, "c", "2026-03-01", &["sharing-power"], true);
        let all = activity(&conn).unwrap();
        let ids: Vec<_> = all.iter().map(|a| a.item.as_str()).collect();
        let expected: Vec<_> = lpc().items().map(|i| i.id()).collect();
        assert_eq!(ids, expected);
        let power = all.iter().find(|a| a.item == "sharing-power").unwrap();
        assert_eq!(power.count, 2);
        assert_eq!(power.first, Some(date("2025-06-01")));
        assert_eq!(power.last, Some(date("2026-02-01")));
        assert!(!power.never);
        assert_eq!(power.label, "Sharing power");
        assert_eq!(power.theme, "being");
        let being = all.iter().find(|a| a.item == "being").unwrap();
        assert_eq!((being.count, being.first), (2, Some(date("2025-06-01"))));
        let trust = all.iter().find(|a| a.item == "trust").unwrap();
        assert_eq!(
            (trust.count, trust.first, trust.last, trust.never),
            (0, None, None, true)
        );
    }

    #[test]
    fn neglected_puts_never_reflected_first_then_the_oldest() {
        let conn = db();
        let all_but_three: Vec<&str> = lpc()
            .items()
            .map(|i| i.id())
            .filter(|id| !["trust", "hosting-style", "delivery"].contains(id))
            .collect();
        add(&conn, "recent", "2026-03-01", &all_but_three, false);
        add(&conn, "old", "2025-01-01", &["hosting-style"], false);
        add(&conn, "older", "2024-01-01", &["delivery"], false);
        let today = date("2026-03-10");
        let quiet: Vec<_> = neglected(&conn, 30, today)
            .unwrap()
            .into_iter()
            .map(|a| (a.item, a.never))
            .collect();
        assert_eq!(
            quiet,
            [
                ("trust".to_owned(), true),
                ("delivery".to_owned(), false),
                ("hosting-style".to_owned(), false),
            ]
        );
        // The latest reflection was exactly 9 days before `today`: that counts as
        // 9 days' neglect, and not as 10.
        assert_eq!(
            neglected(&conn, 9, today).unwrap().len(),
            lpc().items().count()
        );
        assert_eq!(neglected(&conn, 10, today).unwrap().len(), 3);
    }

    #[test]
    fn reflection_days_count_entries_per_day_in_range() {
        let conn = db();
        add(&conn, "a", "2026-03-01", &[], false);
        add(&conn, "b", "2026-03-01", &["trust"], false);
        add(&conn, "c", "2026-03-03", &[], false);
        add(&conn, "d", "2026-03-03", &[], true);
        add(&conn, "e", "2026-04-01", &[], false);
        let days = reflection_days_of(&conn, None, Some(date("2026-03-31"))).unwrap();
        assert_eq!(
            days,
            [
                DayCount {
                    date: date("2026-03-01"),
                    count: 2
                },
                DayCount {
                    date: date("2026-03-03"),
                    count: 1
                },
            ]
        );
        assert_eq!(
            reflection_days_of(&conn, Some(date("2026-03-02")), None)
                .unwrap()
                .len(),
            2
        );
    }

    #[test]
    fn streaks_count_runs_ending_today_or_yesterday() {
        let conn = db();
        for (id, day) in [
            ("a", "2026-01-01"),
            ("b", "2026-01-02"),
            ("c", "2026-01-03"),
            ("d", "2026-01-04"),
            ("e", "2026-03-08"),
            ("f", "2026-03-09"),
            ("g", "2026-03-09"),
            ("h", "2026-03-20"),
        ] {
            add(&conn, id, day, &[], false);
        }
        let s = streaks(&conn, date("2026-03-10")).unwrap();
        assert_eq!((s.current, s.current_from), (2, Some(date("2026-03-08"))));
        assert_eq!(
            (s.longest, s.longest_from, s.longest_to),
            (4, Some(date("2026-01-01")), Some(date("2026-01-04")))
        );
        let on_the_day = streaks(&conn, date("2026-03-09")).unwrap();
        assert_eq!(on_the_day.current, 2);
        let lapsed = streaks(&conn, date("2026-03-11")).unwrap();
        assert_eq!((lapsed.current, lapsed.current_from), (0, None));
        let empty = streaks(&db(), date("2026-03-11")).unwrap();
        assert_eq!(empty, Streaks::default());
    }
    fn totals(o: &GrowthOverview) -> Vec<(&str, u32, u32)> {
        o.periods
            .iter()
            .map(|p| (p.period.as_str(), p.written, p.themed))
            .collect()
    }

    fn options(by: Period, span: GrowthSpan) -> GrowthOptions {
        GrowthOptions {
            by,
            span,
            ..GrowthOptions::default()
        }
    }

    #[test]
    fn the_overview_counts_each_reflection_once_in_its_period() {
        let conn = db();
        // One reflection touching two themes, one touching none, one untagged.
        add(&conn, "a", "2026-11-02", &["hosting-style", "trust"], false);
        add(&conn, "b", "2026-11-03", &["retired-behaviour"], false);
        add(&conn, "c", "2026-11-04", &[], false);
        add(&conn, "d", "2026-11-05", &["trust"], true);
        let today = date("2026-11-30");
        let o = overview(&conn, &GrowthOptions::default(), today).unwrap();
        assert_eq!(o.periods.len(), 12);
        assert_eq!(
            o.periods.last().map(|p| (p.written, p.themed)),
            Some((3, 1))
        );
        // The themes' own counts add up to more than the reflections: one touched two.
        let themes: u32 = o
            .points
            .iter()
            .filter(|p| p.kind == ItemKind::Theme)
            .map(|p| p.count)
            .sum();
        assert_eq!(themes, 2);
        assert_eq!(o.periods.iter().map(|p| p.written).sum::<u32>(), 3);
        assert_eq!(o.days.iter().map(|d| d.count).sum::<u32>(), 3);
    }

    #[test]
    fn the_overview_buckets_by_quarter_across_the_year_boundary() {
        let conn = db();
        add(&conn, "a", "2023-12-31", &["trust"], false);
        add(&conn, "b", "2024-01-01", &["trust"], false);
        add(&conn, "c", "2025-12-31", &["trust"], false);
        add(&conn, "d", "2026-01-01", &["trust"], false);
        add(&conn, "e", "2026-11-30", &["trust"], false);
        // Planned ahead: not a reflection made, so in no total.
        add(&conn, "f", "2026-12-01", &["trust"], false);
        let today = date("2026-11-30");
        let year = overview(&conn, &options(Period::Quarter, GrowthSpan::Year), today).unwrap();
        assert_eq!(year.from, date("2026-01-01"));
        assert_eq!(
            totals(&year),
            [
                ("2026-Q1", 1, 1),
                ("2026-Q2", 0, 0),
                ("2026-Q3", 0, 0),
                ("2026-Q4", 1, 1)
            ]
        );
        let three = overview(
            &conn,
            &options(Period::Quarter, GrowthSpan::ThreeYears),
            today,
        )
        .unwrap();
        assert_eq!(three.from, date("2024-01-01"));
        assert_eq!(three.periods.len(), 12);
        assert_eq!(three.periods[0].period, "2024-Q1");
        assert_eq!(three.periods[7].period, "2025-Q4");
        assert_eq!(three.periods[7].start, date("2025-10-01"));
        assert_eq!(three.periods.iter().map(|p| p.written).sum::<u32>(), 4);
        let months = overview(&conn, &options(Period::Month, GrowthSpan::Year), today).unwrap();
        assert_eq!(months.from, date("2025-12-01"));
        assert_eq!(
            months.periods[0],
            PeriodTotals {
                period: "2025-12".to_owned(),
                start: date("2025-12-01"),
                written: 1,
                themed: 1,
            }
        );
        assert_eq!(months.periods[1].period, "2026-01");
        assert_eq!(months.periods.last().map(|p| p.written), Some(1));
        let trust: Vec<_> = months
            .points
            .iter()
            .filter(|p| p.item == "trust")
            .map(point)
            .collect();
        assert_eq!(
            trust,
            [
                ("2025-12", "trust", 1),
                ("2026-01", "trust", 1),
                ("2026-11", "trust", 1)
            ]
        );
    }

    #[test]
    fn all_of_time_starts_with_the_oldest_entrys_period() {
        let conn = db();
        add(&conn, "a", "2021-05-17", &[], false);
        add(&conn, "b", "2026-02-01", &["being"], false);
        let today = date("2026-11-30");
        let months = overview(&conn, &options(Period::Month, GrowthSpan::All), today).unwrap();
        assert_eq!(months.from, date("2021-05-01"));
        assert_eq!(
            months.periods.first().map(|p| p.period.as_str()),
            Some("2021-05")
        );
        assert_eq!(months.periods.len(), 5 * 12 + 7);
        assert_eq!(months.periods.iter().map(|p| p.written).sum::<u32>(), 2);
        let quarters = overview(&conn, &options(Period::Quarter, GrowthSpan::All), today).unwrap();
        assert_eq!(quarters.from, date("2021-04-01"));
        assert_eq!(
            quarters.periods.first().map(|p| p.period.as_str()),
            Some("2021-Q2")
        );
        assert_eq!(
            quarters.periods.last().map(|p| p.period.as_str()),
            Some("2026-Q4")
        );
        // An empty journal still has today's period to show.
        let empty = overview(&db(), &options(Period::Quarter, GrowthSpan::All), today).unwrap();
        assert_eq!(totals(&empty), [("2026-Q4", 0, 0)]);
        assert_eq!(empty.streaks, Streaks::default());
    }

    #[test]
    fn the_overview_agrees_with_the_single_purpose_figures() {
        let conn = db();
        let days = [
            "2025-06-01",
            "2025-11-29",
            "2026-06-02",
            "2026-11-28",
            "2026-11-29",
            "2026-11-30",
        ];
        for (i, day) in days.iter().enumerate() {
            let tags: &[&str] = match i % 3 {
                0 => &["sharing-power", "trust"],
                1 => &["hosting-style"],
                _ => &[],
            };
            add(&conn, &format!("e{i}"), day, tags, false);
        }
        add(&conn, "binned", "2026-11-30", &["delivery"], true);
        let today = date("2026-11-30");
        let asked = GrowthOptions {
            by: Period::Month,
            span: GrowthSpan::ThreeYears,
            quiet_days: 30,
            calendar_weeks: 4,
        };
        let o = overview(&conn, &asked, today).unwrap();
        assert_eq!(
            o.points,
            growth(&conn, Period::Month, Some(o.from), Some(today)).unwrap()
        );
        assert_eq!(o.activity, activity(&conn).unwrap());
        assert_eq!(o.quiet, neglected(&conn, 30, today).unwrap());
        assert_eq!(o.streaks, streaks(&conn, today).unwrap());
        assert_eq!(o.streaks.current, 3);
        // 30 Nov 2026 is a Monday: four whole weeks start on 9 Nov.
        assert_eq!(o.calendar_from, date("2026-11-09"));
        assert_eq!(
            o.days,
            reflection_days_of(&conn, Some(o.calendar_from), Some(today)).unwrap()
        );
    }

    #[test]
    fn spans_parse_from_words_and_refuse_others_clearly() {
        assert_eq!("12m".parse(), Ok(GrowthSpan::Year));
        assert_eq!(" 3Y ".parse(), Ok(GrowthSpan::ThreeYears));
        assert_eq!("all".parse(), Ok(GrowthSpan::All));
        let err = "5y".parse::<GrowthSpan>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'5y' is not a span of time; use 12m, 3y or all"
        );
        assert_eq!(GrowthSpan::ThreeYears.periods(Period::Quarter), Some(12));
        assert_eq!(Period::Week.start(date("2026-12-03")), date("2026-11-30"));
        assert_eq!(
            Period::Quarter.start(date("2026-12-03")),
            date("2026-10-01")
        );
        assert_eq!(
            Period::Quarter.back(date("2026-01-01"), 1),
            date("2025-10-01")
        );
    }
}
