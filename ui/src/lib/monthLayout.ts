// The journal list's geometry when it knows how many entries each month holds but has
// loaded only some of them: a heading row per month and a slot per entry, so the
// scrollbar covers the whole journal, "go to month" can jump to any month, and the page
// of entries a slot needs is fetched only when the slot scrolls into view. Worked out
// arithmetically, so 100,000 entries cost no more than ten.

import type { MonthCount } from "../bindings/MonthCount";

/** A row of the list: a month's heading, or the slot of the entry at `index` (newest first). */
export type LayoutRow =
  | { kind: "month"; month: string; top: number }
  | { kind: "entry"; month: string; index: number; top: number };

/** The list laid out: months newest first, each a heading then its entries. */
export class MonthLayout {
  /** Where each month's heading starts, in pixels. */
  private readonly tops: number[];
  /** How many entries come before each month's first. */
  private readonly before: number[];
  /** The height of the whole list. */
  readonly height: number;
  /** How many entries in all. */
  readonly total: number;

  constructor(
    readonly months: MonthCount[],
    readonly monthRow: number,
    readonly entryRow: number,
  ) {
    this.tops = [];
    this.before = [];
    let top = 0;
    let before = 0;
    for (const m of months) {
      this.tops.push(top);
      this.before.push(before);
      top += monthRow + m.count * entryRow;
      before += m.count;
    }
    this.height = top;
    this.total = before;
  }

  /** Which month the pixel `y` falls in (the last month when past the end). */
  private monthIndexAt(y: number): number {
    let lo = 0;
    let hi = this.months.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.tops[mid] <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The month whose rows are at pixel `y`, for the heading that stays at the top as the list scrolls. */
  monthAt(y: number): string | null {
    if (!this.months.length) return null;
    return this.months[this.monthIndexAt(Math.max(0, y))].month;
  }

  /** Where `month`'s heading is, or null if the journal has nothing that month. */
  monthTop(month: string): number | null {
    const i = this.months.findIndex((m) => m.month === month);
    return i < 0 ? null : this.tops[i];
  }

  /** Where the entry at `index` (newest first) is, or null past the end. */
  entryTop(index: number): number | null {
    if (index < 0 || index >= this.total) return null;
    let lo = 0;
    let hi = this.months.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.before[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return this.tops[lo] + this.monthRow + (index - this.before[lo]) * this.entryRow;
  }

  /** The month the entry at `index` is in (for checking a loaded entry sits where its slot is). */
  monthOf(index: number): string | null {
    const top = this.entryTop(index);
    return top === null ? null : this.monthAt(top);
  }

  /** The rows that cover pixels `[from, to)`, in order, each with where it starts. */
  rowsIn(from: number, to: number): LayoutRow[] {
    const rows: LayoutRow[] = [];
    if (!this.months.length) return rows;
    const start = Math.max(0, from);
    for (let i = this.monthIndexAt(start); i < this.months.length; i++) {
      const { month, count } = this.months[i];
      const top = this.tops[i];
      if (top >= to) break;
      if (top + this.monthRow > start) rows.push({ kind: "month", month, top });
      const first = top + this.monthRow;
      // The month's entries that overlap the range, worked out rather than walked.
      const skip = Math.max(0, Math.floor((start - first) / this.entryRow));
      for (let j = skip; j < count; j++) {
        const rowTop = first + j * this.entryRow;
        if (rowTop >= to) break;
        rows.push({ kind: "entry", month, index: this.before[i] + j, top: rowTop });
      }
    }
    return rows;
  }
}
