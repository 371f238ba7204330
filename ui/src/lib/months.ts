// Month grouping for the journal list: entries arrive newest first, and a heading
// row goes before the first entry of each calendar month.

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** "2026-03" (or a full "2026-03-04") as "March 2026". */
export function monthLabel(period: string): string {
  const [year, month] = period.split("-");
  const name = MONTHS[Number(month) - 1];
  return name ? `${name} ${year}` : period;
}

/** A row of the journal list: a month heading or an item. */
export type Row<T> = { kind: "month"; key: string; label: string } | { kind: "item"; key: string; item: T };

/** Rows for items sorted newest first, with a heading at each change of month. */
export function groupByMonth<T>(items: T[], date: (item: T) => string, key: (item: T) => string): Row<T>[] {
  const rows: Row<T>[] = [];
  let current = "";
  for (const item of items) {
    const month = date(item).slice(0, 7);
    if (month !== current) {
      current = month;
      rows.push({ kind: "month", key: `month-${month}`, label: monthLabel(month) });
    }
    rows.push({ kind: "item", key: key(item), item });
  }
  return rows;
}

/** The twelve (or `count`) month labels ending with the month of `end`, oldest first. */
export function lastMonths(end: string, count: number): string[] {
  let year = Number(end.slice(0, 4));
  let month = Number(end.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${year}-${String(month).padStart(2, "0")}`);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return out.reverse();
}

/** Today's date in the local calendar as YYYY-MM-DD (what the engine calls a reflection's date). */
export function today(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** "2026-03-04" as "Wed 4 March 2026", read as a local calendar day. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  const day = new Date(y, m - 1, d);
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][day.getDay()];
  return `${weekday} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** A saved-at instant (UTC from the engine) in local time, the British way: "26 Nov 2026, 18:20". */
export function dateTime(iso: string): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  return when.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}
