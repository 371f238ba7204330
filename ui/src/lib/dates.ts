// British dates as a leader types them: day first, whatever the computer's locale, and
// a mistake named so it can be put right ("31 February 2026 doesn't exist…"). Nothing
// here reads the clock: "today" always comes from the caller, so tests fix it.

/** The first and last days the engine accepts (journal/src/limits.rs). */
export const EARLIEST = "1900-01-01";
export const LATEST = "2200-12-31";

export const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];
/** Monday first, as a British calendar. */
export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** What typed text means: a day (ISO yyyy-mm-dd), or why not. */
export type DateReading =
  | { ok: true; iso: string }
  | {
      ok: false;
      /** A sentence saying what is wrong and how to write it. */
      message: string;
      /** Nothing typed at all. */
      empty: boolean;
      /** Could still become a date with more typing ("17/11/2"): not worth a message yet. */
      incomplete: boolean;
    };

const EXAMPLE = "like 17/11/2026";

function refuse(message: string, { empty = false, incomplete = false } = {}): DateReading {
  return { ok: false, message, empty, incomplete };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** yyyy-mm-dd for a year, month (1–12) and day; no checking. */
export function isoOf(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`;
}

/** The parts of an ISO date, or null if it is not one of the form yyyy-mm-dd. */
export function partsOf(iso: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** How many days a month (1–12) of a year has. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether `iso` is a real day written yyyy-mm-dd. */
export function isRealDate(iso: string): boolean {
  const p = partsOf(iso);
  return !!p && p.month >= 1 && p.month <= 12 && p.day >= 1 && p.day <= daysInMonth(p.year, p.month);
}

// Day arithmetic in UTC, so no clock change or time zone ever moves a day.
function toDays(iso: string): number {
  const p = partsOf(iso);
  if (!p) return NaN;
  // setUTCFullYear, not Date.UTC: that reads years 0–99 as 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(p.year, p.month - 1, p.day);
  return d.getTime() / 86_400_000;
}
function fromDays(days: number): string {
  const d = new Date(days * 86_400_000);
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The day `n` days after `iso` (before, when negative). */
export function addDays(iso: string, n: number): string {
  return fromDays(toDays(iso) + n);
}

/** The same day `n` months on (the month's last day when it is shorter). */
export function addMonths(iso: string, n: number): string {
  const p = partsOf(iso);
  if (!p) return iso;
  const index = p.year * 12 + (p.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return isoOf(year, month, Math.min(p.day, daysInMonth(year, month)));
}

/** 0 for Monday … 6 for Sunday. */
export function weekdayIndex(iso: string): number {
  // 1 January 1970 was a Thursday (index 3).
  return (((toDays(iso) + 3) % 7) + 7) % 7;
}

/** "2026-11-17" as "17/11/2026"; anything else as it is. */
export function formatDate(iso: string): string {
  const p = partsOf(iso);
  return p ? `${pad(p.day)}/${pad(p.month)}/${String(p.year).padStart(4, "0")}` : iso;
}

/** "2026-11-17" as "Tuesday 17 November 2026", to confirm what was read. */
export function spokenDate(iso: string): string {
  const p = partsOf(iso);
  if (!p || !isRealDate(iso)) return iso;
  return `${WEEKDAY_NAMES[weekdayIndex(iso)]} ${p.day} ${MONTH_NAMES[p.month - 1]} ${p.year}`;
}

/** The weeks of a month, Monday first: each a row of seven ISO days, null outside the month. */
export function monthWeeks(year: number, month: number): (string | null)[][] {
  const first = isoOf(year, month, 1);
  const cells: (string | null)[] = Array(weekdayIndex(first)).fill(null);
  for (let day = 1; day <= daysInMonth(year, month); day++) cells.push(isoOf(year, month, day));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The month a word names ("nov", "November", "sept"), 1–12, or 0. */
function monthNamed(word: string): number {
  if (word.length < 3) return 0;
  const i = MONTH_NAMES.findIndex((name) => name.toLowerCase().startsWith(word));
  return i + 1;
}
/** The weekday a word names ("tue", "Tuesday"), 0–6, or -1. */
function weekdayNamed(word: string): number {
  if (word.length < 3) return -1;
  return WEEKDAY_NAMES.findIndex((name) => name.toLowerCase().startsWith(word));
}

/** A two-digit year as the nearer of 19yy and 20yy… to today's year (26 → 2026, 99 → 1999). */
function fullYear(yy: number, todayYear: number): number {
  const century = Math.floor(todayYear / 100) * 100;
  const options = [century - 100 + yy, century + yy, century + 100 + yy];
  return options.reduce((best, y) => (Math.abs(y - todayYear) < Math.abs(best - todayYear) ? y : best));
}

/** A year as typed: four digits, or two; anything else is not finished. */
function yearOf(text: string, todayYear: number): number | null {
  if (/^\d{4}$/.test(text)) return Number(text);
  if (/^\d{2}$/.test(text)) return fullYear(Number(text), todayYear);
  return null;
}

/** Checks a day, month and year read from the text, and the range allowed. */
function checked(day: number, month: number, year: number, limits: Limits, weekday = -1): DateReading {
  if (month < 1 || month > 12) {
    // 11/17/2026 is the American order: say which date it would be, day first.
    const swapped = month <= 31 && day >= 1 && day <= 12 && month <= daysInMonth(year, day);
    const hint = swapped ? `; did you mean ${pad(month)}/${pad(day)}/${year}?` : `, ${EXAMPLE}`;
    return refuse(`There is no month ${month}: write the day first, then the month (DD/MM/YYYY)${hint}`);
  }
  const name = MONTH_NAMES[month - 1];
  if (day < 1) return refuse(`There is no day ${day} of ${name}: days start at 1`);
  const most = daysInMonth(year, month);
  if (day > most) {
    const inYear = month === 2 ? ` in ${year}` : "";
    return refuse(`${day} ${name} ${year} doesn't exist — ${name} has ${most} days${inYear}`);
  }
  const iso = isoOf(year, month, day);
  if (weekday >= 0 && weekdayIndex(iso) !== weekday) {
    return refuse(`${day} ${name} ${year} is a ${WEEKDAY_NAMES[weekdayIndex(iso)]}, not a ${WEEKDAY_NAMES[weekday]}`);
  }
  return inRange(iso, limits);
}

/** The earliest and latest days allowed (ISO, inclusive). */
export type Limits = { min?: string; max?: string };

function inRange(iso: string, { min, max }: Limits): DateReading {
  const earliest = min && min > EARLIEST ? min : EARLIEST;
  const latest = max && max < LATEST ? max : LATEST;
  if (iso < earliest) {
    return refuse(
      earliest === EARLIEST
        ? `${formatDate(iso)} is too early: Waymark keeps dates from 01/01/1900 to 31/12/2200`
        : `Choose ${formatDate(earliest)} or later`,
    );
  }
  if (iso > latest) {
    return refuse(
      latest === LATEST
        ? `${formatDate(iso)} is too late: Waymark keeps dates from 01/01/1900 to 31/12/2200`
        : `Choose ${formatDate(latest)} or earlier`,
    );
  }
  return { ok: true, iso };
}

/**
 * Reads a date typed the British way, day first: 17/11/2026, 17/11/26, 17-11-2026,
 * 17.11.2026, 17112026, 1/2/2026, 17/11 (this year), "17 Nov", "17 November 2026",
 * "Nov 17", "Tue 17 November 2026", "today", "yesterday", "tomorrow", or ISO 2026-11-17.
 * `today` (ISO) is what the relative words and a missing year count from.
 */
export function parseDate(text: string, today: string, limits: Limits = {}): DateReading {
  const typed = text.trim().toLowerCase().replace(/\s+/g, " ");
  if (!typed) return refuse(`Write the date it is about, ${EXAMPLE}`, { empty: true });
  const todayYear = partsOf(today)?.year ?? 2000;

  const relative: Record<string, number> = { today: 0, yesterday: -1, tomorrow: 1 };
  if (typed in relative) return inRange(addDays(today, relative[typed]), limits);

  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
  if (iso) return checked(Number(iso[3]), Number(iso[2]), Number(iso[1]), limits);

  // Digits alone: DDMMYYYY, DDMMYY, or DDMM of this year.
  if (/^\d+$/.test(typed)) {
    const n = typed.length;
    if (n === 8 || n === 6 || n === 4) {
      const day = Number(typed.slice(0, 2));
      const month = Number(typed.slice(2, 4));
      const year = n === 4 ? todayYear : (yearOf(typed.slice(4), todayYear) ?? todayYear);
      return checked(day, month, year, limits);
    }
    return refuse(`Write the day, month and year, ${EXAMPLE} or 17112026`, { incomplete: n < 8 });
  }

  // Numbers with a separator: D/M, D/M/YY, D/M/YYYY (/, -, . or a space between).
  const numeric = /^(\d{1,2})[/.\- ](\d{1,2})(?:[/.\- ](\d*))?$/.exec(typed);
  if (numeric) {
    const [, d, m, y] = numeric;
    if (y === undefined) return checked(Number(d), Number(m), todayYear, limits);
    const year = yearOf(y, todayYear);
    if (year === null) return refuse(`Write the year in full, ${EXAMPLE}`, { incomplete: y.length < 4 });
    return checked(Number(d), Number(m), year, limits);
  }
  if (/^\d{1,2}[/.\- ]?$/.test(typed)) return refuse(`Write the month after the day, ${EXAMPLE}`, { incomplete: true });

  // Words: "17 Nov", "17th November 2026", "Nov 17, 2026", "Tue 17 November 2026".
  const words = typed
    .split(/[\s,/.-]+/)
    .filter(Boolean)
    .map((w) => w.replace(/^(\d{1,2})(st|nd|rd|th)$/, "$1"));
  let weekday = -1;
  if (words.length > 1 && weekdayNamed(words[0]) >= 0) weekday = weekdayNamed(words.shift() ?? "");
  const monthAt = words.findIndex((w) => /^[a-z]+$/.test(w) && monthNamed(w) > 0);
  if (monthAt >= 0 && words.length <= 3) {
    const month = monthNamed(words[monthAt]);
    const numbers = words.filter((_, i) => i !== monthAt);
    if (numbers.every((w) => /^\d+$/.test(w))) {
      const [first, second] = numbers;
      if (first === undefined || (monthAt === 0 && first.length === 4 && second === undefined)) {
        return refuse(`Which day of ${MONTH_NAMES[month - 1]}? Write it ${EXAMPLE} or 17 November 2026`);
      }
      if (first.length <= 2) {
        if (second === undefined) return checked(Number(first), month, todayYear, limits, weekday);
        const year = yearOf(second, todayYear);
        if (year !== null) return checked(Number(first), month, year, limits, weekday);
        return refuse(`Write the year in full, like 17 November 2026`, { incomplete: second.length < 4 });
      }
    }
  }
  return refuse(`Waymark can't read “${text.trim()}” as a date: write it DD/MM/YYYY, ${EXAMPLE}, or as “17 November 2026”, “yesterday”`);
}
