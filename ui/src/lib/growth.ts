// Shaping the engine's growth figures for drawing: per-theme stacks per month, a
// behaviour × month grid with intensity levels, and a calendar of reflection days.
// The counting itself is the engine's; this only lays the numbers out.

import type { DayCount } from "../bindings/DayCount";
import type { GrowthPoint } from "../bindings/GrowthPoint";
import { onTerm, queryOf, themeTerm } from "./query";

/** One theme's reflections per month, ready to be a stacked bar dataset. */
export type ThemeSeries = { theme: string; label: string; data: number[] };
/** The stacked "reflections per theme per month" chart: one series per theme, a total per month. */
export type ThemeChart = { periods: string[]; series: ThemeSeries[]; totals: number[] };

/** Reflections per theme for each month in `months`, themes in framework order. */
export function themeChart(points: GrowthPoint[], months: string[], themes: { id: string; name: string }[]): ThemeChart {
  const counts = new Map<string, number>();
  for (const p of points) if (p.kind === "theme") counts.set(`${p.period}|${p.item}`, p.count);
  const series = themes.map((t) => ({
    theme: t.id,
    label: t.name,
    data: months.map((m) => counts.get(`${m}|${t.id}`) ?? 0),
  }));
  const totals = months.map((_, i) => series.reduce((sum, s) => sum + s.data[i], 0));
  return { periods: [...months], series, totals };
}

/** The search a chart segment opens: that theme in that month. */
export const themeQuery = (theme: string, period: string) => queryOf(themeTerm(theme), onTerm(period));

/** The search behind a clicked bar segment (dataset and month indices), if there is one. */
export function segmentQuery(chart: ThemeChart, datasetIndex: number, index: number): string | null {
  const series = chart.series[datasetIndex];
  const period = chart.periods[index];
  if (!series || !period || !series.data[index]) return null;
  return themeQuery(series.theme, period);
}

/** A sentence giving the chart's figures in words, for its caption. */
export function themeSummary(chart: ThemeChart): string {
  const n = chart.periods.length;
  const span = n === 1 ? "month" : `${n} months`;
  if (chart.totals.every((t) => t === 0)) return `No reflections tagged with a theme in the last ${span}.`;
  const byTheme = chart.series
    .map((s) => ({ label: s.label, count: s.data.reduce((a, b) => a + b, 0) }))
    .filter((t) => t.count > 0)
    .sort((a, b) => b.count - a.count);
  return `Over the last ${span}: ${byTheme.map((t) => `${t.label} ${t.count}`).join(", ")}.`;
}

/** The app.css custom property holding a theme's colour (`--theme-being`, `--theme-relating`, …). */
export const themeColourVar = (theme: string) => `--theme-${theme.split("-")[0]}`;

/** A heatmap cell: the count and its colour step (0 = none, 1–4 = quartiles of the busiest cell). */
export type Cell = { item: string; period: string; count: number; level: 0 | 1 | 2 | 3 | 4 };

/** Rows of cells, one row per item in `items`, one cell per month in `months`. */
export function heatmap(points: GrowthPoint[], items: string[], months: string[]): Cell[][] {
  const counts = new Map<string, number>();
  for (const p of points) counts.set(`${p.item}|${p.period}`, p.count);
  let max = 0;
  for (const item of items) for (const m of months) max = Math.max(max, counts.get(`${item}|${m}`) ?? 0);
  return items.map((item) =>
    months.map((period) => {
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
