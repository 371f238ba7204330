// Shaping the engine's growth figures for drawing: per-theme stacks per period, a
// behaviour × period grid with intensity levels, axis labels that always carry the
// year, and a calendar of reflection days with its day and month labels.
// The counting itself is the engine's (one `growth_overview` call); this only lays
// the numbers out.

import type { DayCount } from "../bindings/DayCount";
import type { GrowthPoint } from "../bindings/GrowthPoint";
import type { GrowthSpan } from "../bindings/GrowthSpan";
import type { Period } from "../bindings/Period";
import type { PeriodTotals } from "../bindings/PeriodTotals";
import { count } from "./counts";
import { onTerm, queryOf, themeTerm } from "./query";

const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** One theme's reflections per period, ready to be a stacked bar dataset. */
export type ThemeSeries = { theme: string; label: string; data: number[] };
/**
 * The stacked "reflections touching each theme" chart: one series per theme, and per
 * period the reflections written (each once) and those touching a theme.
 */
export type ThemeChart = {
  by: Period;
  periods: string[];
  series: ThemeSeries[];
  written: number[];
  themed: number[];
};

/** Reflections touching each theme for each period, themes in framework order. */
export function themeChart(points: GrowthPoint[], periods: PeriodTotals[], themes: { id: string; name: string }[], by: Period = "month"): ThemeChart {
  const counts = new Map<string, number>();
  for (const p of points) if (p.kind === "theme") counts.set(`${p.period}|${p.item}`, p.count);
  const labels = periods.map((p) => p.period);
  const series = themes.map((t) => ({
    theme: t.id,
    label: t.name,
    data: labels.map((m) => counts.get(`${m}|${t.id}`) ?? 0),
  }));
  return { by, periods: labels, series, written: periods.map((p) => p.written), themed: periods.map((p) => p.themed) };
}

/** The year of a period label (`2026-03`, `2026-Q1`, `2026-W09`). */
const yearOf = (period: string) => period.slice(0, 4);

/** A period's short name without its year: "Mar", "Q1", "W09". */
export function periodShort(period: string): string {
  const rest = period.slice(5);
  if (/^\d\d$/.test(rest)) return SHORT_MONTHS[Number(rest) - 1] ?? period;
  return rest || period;
}

/** A period in words, year included: "March 2026", "Q1 2026", "week 9 of 2026". */
export function periodName(period: string): string {
  const rest = period.slice(5);
  const year = yearOf(period);
  if (/^\d\d$/.test(rest)) return `${MONTHS[Number(rest) - 1] ?? rest} ${year}`;
  if (rest.startsWith("Q")) return `${rest} ${year}`;
  if (rest.startsWith("W")) return `week ${Number(rest.slice(1))} of ${year}`;
  return period;
}

/**
 * The chart's axis labels: the short name of each period with its year beneath at
 * the first period and at each year's start, so "Jan" is never ambiguous. When there
 * are too many periods to name each, only those carrying a year are labelled.
 */
export function axisLabels(periods: string[], room = 24): (string | string[])[] {
  const crowded = periods.length > room;
  return periods.map((p, i) => {
    const newYear = i === 0 || yearOf(p) !== yearOf(periods[i - 1] ?? "");
    if (newYear) return [periodShort(p), yearOf(p)];
    return crowded ? "" : periodShort(p);
  });
}

/** The years a run of periods spans, each with how many of the periods fall in it (a table's year row). */
export function yearGroups(periods: string[]): { year: string; span: number }[] {
  const out: { year: string; span: number }[] = [];
  for (const p of periods) {
    const last = out.at(-1);
    if (last && last.year === yearOf(p)) last.span += 1;
    else out.push({ year: yearOf(p), span: 1 });
  }
  return out;
}

/** The search term for a period: `on:2026-03` for a month, a date range for a quarter. */
export function periodTerm(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!quarter) return onTerm(period);
  const first = (Number(quarter[2]) - 1) * 3 + 1;
  const pad = (m: number) => String(m).padStart(2, "0");
  return `after:${quarter[1]}-${pad(first)} before:${quarter[1]}-${pad(first + 2)}`;
}

/** The search a chart segment opens: that theme in that period. */
export const themeQuery = (theme: string, period: string) => queryOf(themeTerm(theme), periodTerm(period));

/** The search behind a clicked bar segment (dataset and period indices), if there is one. */
export function segmentQuery(chart: ThemeChart, datasetIndex: number, index: number): string | null {
  const series = chart.series[datasetIndex];
  const period = chart.periods[index];
  if (!series || !period || !series.data[index]) return null;
  return themeQuery(series.theme, period);
}

/** The stretch a chart covers in words: "the last 12 months", "the last 3 years", "all your reflections". */
export function spanWords(span: GrowthSpan): string {
  if (span === "12m") return "the last 12 months";
  if (span === "3y") return "the last 3 years";
  return "all time";
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** A sentence giving the chart's figures in words, for its caption. */
export function themeSummary(chart: ThemeChart, span: GrowthSpan): string {
  const written = sum(chart.written);
  const over = `Over ${spanWords(span)}`;
  if (written === 0) return `${over}: no reflections written.`;
  const reflections = `${count(written)} ${written === 1 ? "reflection" : "reflections"} written`;
  const themed = sum(chart.themed);
  const byTheme = chart.series
    .map((s) => ({ label: s.label, count: sum(s.data) }))
    .filter((t) => t.count > 0)
    .sort((a, b) => b.count - a.count);
  if (themed === 0) return `${over}: ${reflections}, none tagged with a theme.`;
  return `${over}: ${reflections}, ${count(themed)} touching a theme — ${byTheme.map((t) => `${t.label} ${count(t.count)}`).join(", ")}.`;
}

/** The app.css custom property holding a theme's colour (`--theme-being`, `--theme-relating`, …). */
export const themeColourVar = (theme: string) => `--theme-${theme.split("-")[0]}`;

/** A heatmap cell: the count and its colour step (0 = none, 1–4 = quartiles of the busiest cell). */
export type Cell = { item: string; period: string; count: number; level: 0 | 1 | 2 | 3 | 4 };

/** Rows of cells, one row per item in `items`, one cell per period in `periods`. */
export function heatmap(points: GrowthPoint[], items: string[], periods: string[]): Cell[][] {
  const counts = new Map<string, number>();
  for (const p of points) counts.set(`${p.item}|${p.period}`, p.count);
  let max = 0;
  for (const item of items) for (const m of periods) max = Math.max(max, counts.get(`${item}|${m}`) ?? 0);
  return items.map((item) =>
    periods.map((period) => {
      const count = counts.get(`${item}|${period}`) ?? 0;
      return { item, period, count, level: level(count, max) };
    }),
  );
}

/** The colour step of a count against the largest count shown. */
export function level(count: number, max: number): 0 | 1 | 2 | 3 | 4 {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((count / max) * 4))) as 1 | 2 | 3 | 4;
}

/** A day in the calendar. */
export type Day = { date: string; count: number; level: 0 | 1 | 2 | 3 | 4; week: number; weekday: number };

/** `weeks` whole weeks (Monday first) ending with the week of `end`, each day with its count. */
export function calendar(days: DayCount[], end: string, weeks: number): Day[] {
  const counts = new Map(days.map((d) => [d.date, d.count]));
  const [y, m, d] = end.split("-").map(Number);
  const last = new Date(Date.UTC(y, m - 1, d));
  const weekday = (last.getUTCDay() + 6) % 7; // Monday = 0
  const first = new Date(last);
  first.setUTCDate(last.getUTCDate() - weekday - (weeks - 1) * 7);
  let max = 0;
  const out: Day[] = [];
  for (let i = 0; i <= (weeks - 1) * 7 + weekday; i++) {
    const day = new Date(first);
    day.setUTCDate(first.getUTCDate() + i);
    const date = day.toISOString().slice(0, 10);
    const count = counts.get(date) ?? 0;
    max = Math.max(max, count);
    out.push({ date, count, level: 0, week: Math.floor(i / 7), weekday: i % 7 });
  }
  for (const day of out) day.level = level(day.count, max);
  return out;
}

/** The rows of the calendar that carry a day label: Monday, Wednesday and Friday. */
export const CALENDAR_DAYS = [
  { weekday: 0, label: "Mon" },
  { weekday: 2, label: "Wed" },
  { weekday: 4, label: "Fri" },
];

/**
 * The calendar's month labels: one at each week column holding the 1st of a month
 * (at the first column too, when its month starts later), with the year when it is
 * January or the first label, so a calendar across New Year reads "Dec", "Jan 2027".
 */
export function calendarMonths(days: Day[]): { week: number; label: string }[] {
  const out: { week: number; label: string }[] = [];
  for (const d of days) {
    const first = d.date.endsWith("-01");
    if (!first && !(d.week === 0 && d.weekday === 0)) continue;
    const month = Number(d.date.slice(5, 7));
    const year = d.date.slice(0, 4);
    // A label at column 0 for a month whose 1st falls a column or two later would collide.
    if (!first && days.some((e) => e.week <= 1 && e.date.endsWith("-01"))) continue;
    const name = SHORT_MONTHS[month - 1] ?? "";
    out.push({ week: d.week, label: out.length === 0 || month === 1 ? `${name} ${year}` : name });
  }
  return out;
}
