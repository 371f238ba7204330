// Shaping the engine's growth figures for drawing: per-theme stacks per month, a
// behaviour × month grid with intensity levels, and a calendar of reflection days.
// The counting itself is the engine's; this only lays the numbers out.

import type { DayCount } from "../bindings/DayCount";
import type { GrowthPoint } from "../bindings/GrowthPoint";

/** One theme's part of a month's bar. */
export type Segment = { theme: string; count: number; y0: number; y1: number };
/** A month's bar: its segments bottom-up and its total. */
export type Bar = { period: string; total: number; segments: Segment[] };

/** Stacked bars of reflections per theme for each month in `months`. */
export function stackThemes(points: GrowthPoint[], months: string[], themes: string[]): Bar[] {
  const counts = new Map<string, number>();
  for (const p of points) if (p.kind === "theme") counts.set(`${p.period}|${p.item}`, p.count);
  return months.map((period) => {
    let y = 0;
    const segments: Segment[] = [];
    for (const theme of themes) {
      const count = counts.get(`${period}|${theme}`) ?? 0;
      if (count === 0) continue;
      segments.push({ theme, count, y0: y, y1: y + count });
      y += count;
    }
    return { period, total: y, segments };
  });
}

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
