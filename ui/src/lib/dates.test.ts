import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  daysInMonth,
  formatDate,
  isRealDate,
  monthWeeks,
  parseDate,
  spokenDate,
  weekdayIndex,
  type DateReading,
} from "./dates";

// A fixed today (Tue 1 December 2026): the parser never reads the clock.
const TODAY = "2026-12-01";
const read = (text: string, today = TODAY) => parseDate(text, today);
const iso = (text: string, today = TODAY) => {
  const r = read(text, today);
  return r.ok ? r.iso : `refused: ${r.message}`;
};
const message = (r: DateReading) => (r.ok ? `accepted ${r.iso}` : r.message);

describe("parseDate", () => {
  it("reads day-first numbers with any separator", () => {
    for (const text of ["17/11/2026", "17/11/26", "17-11-2026", "17.11.2026", "17 11 2026", " 17/11/2026 "]) {
      expect(iso(text), text).toBe("2026-11-17");
    }
    expect(iso("1/2/2026")).toBe("2026-02-01");
    expect(iso("01/02/2026")).toBe("2026-02-01");
    expect(iso("5.3.26")).toBe("2026-03-05");
  });

  it("reads digits typed without separators, day first", () => {
    expect(iso("17112026")).toBe("2026-11-17");
    expect(iso("171126")).toBe("2026-11-17");
    expect(iso("1711")).toBe("2026-11-17");
    expect(iso("01022026")).toBe("2026-02-01");
  });

  it("takes a missing year from today", () => {
    expect(iso("17/11")).toBe("2026-11-17");
    expect(iso("17 Nov")).toBe("2026-11-17");
    expect(iso("17/11", "2031-06-30")).toBe("2031-11-17");
  });

  it("reads two-digit years as the nearer century", () => {
    expect(iso("17/11/99")).toBe("1999-11-17");
    expect(iso("17/11/50")).toBe("2050-11-17");
    expect(iso("17/11/00")).toBe("2000-11-17");
  });

  it("reads month names, British order first", () => {
    for (const text of [
      "17 Nov",
      "17 nov 2026",
      "17 November 2026",
      "17th November 2026",
      "17 NOVEMBER 26",
      "Nov 17",
      "November 17, 2026",
      "Tue 17 November 2026",
      "tuesday 17th nov",
    ]) {
      expect(iso(text), text).toBe("2026-11-17");
    }
    expect(iso("3 Sept 2026")).toBe("2026-09-03");
    expect(iso("1 mar")).toBe("2026-03-01");
  });

  it("reads today, yesterday and tomorrow from the today it is given", () => {
    expect(iso("today")).toBe(TODAY);
    expect(iso("Yesterday")).toBe("2026-11-30");
    expect(iso(" tomorrow ")).toBe("2026-12-02");
    expect(iso("yesterday", "2026-01-01")).toBe("2025-12-31");
    expect(iso("tomorrow", "2028-02-28")).toBe("2028-02-29");
    expect(iso("yesterday", "2027-03-01")).toBe("2027-02-28");
  });

  it("reads ISO dates too", () => {
    expect(iso("2026-11-17")).toBe("2026-11-17");
    expect(iso("2026-2-3")).toBe("2026-02-03");
  });

  it("names the impossible day and how many the month has", () => {
    expect(message(read("31/02/2026"))).toBe("31 February 2026 doesn't exist — February has 28 days in 2026");
    expect(message(read("30/02/2028"))).toBe("30 February 2028 doesn't exist — February has 29 days in 2028");
    expect(message(read("31/11/2026"))).toBe("31 November 2026 doesn't exist — November has 30 days");
    expect(message(read("32 January 2026"))).toBe("32 January 2026 doesn't exist — January has 31 days");
    expect(message(read("2026-02-31"))).toBe("31 February 2026 doesn't exist — February has 28 days in 2026");
    expect(message(read("00/01/2026"))).toBe("There is no day 0 of January: days start at 1");
  });

  it("knows leap years", () => {
    expect(iso("29/02/2028")).toBe("2028-02-29");
    expect(iso("29/02/2000")).toBe("2000-02-29");
    expect(iso("29/02/2024")).toBe("2024-02-29");
    expect(message(read("29/02/2026"))).toContain("February has 28 days in 2026");
    expect(message(read("29/02/2100"))).toContain("February has 28 days in 2100");
    expect(message(read("29022027"))).toContain("February has 28 days in 2027");
  });

  it("says day first when a month is impossible, with the date it might be", () => {
    expect(message(read("11/17/2026"))).toBe(
      "There is no month 17: write the day first, then the month (DD/MM/YYYY); did you mean 17/11/2026?",
    );
    expect(message(read("00/00/2026"))).toContain("There is no month 0");
    expect(message(read("17132026"))).toContain("There is no month 13");
  });

  it("checks a weekday given with the date", () => {
    expect(message(read("Mon 17 November 2026"))).toBe("17 November 2026 is a Tuesday, not a Monday");
  });

  it("refuses empty, unreadable and half-typed text, saying how to write it", () => {
    const empty = read("  ");
    expect(empty.ok).toBe(false);
    expect(!empty.ok && empty.empty).toBe(true);
    const nonsense = read("next week");
    expect(!nonsense.ok && !nonsense.incomplete && !nonsense.empty).toBe(true);
    expect(message(nonsense)).toContain("DD/MM/YYYY, like 17/11/2026");
    for (const half of ["17/11/2", "17/11/202", "17/", "1711202", "17 November 202"]) {
      const r = read(half);
      expect(r.ok, half).toBe(false);
      expect(!r.ok && r.incomplete, half).toBe(true);
    }
    expect(message(read("Nov 2026"))).toContain("Which day of November?");
  });

  it("keeps to the engine's range and to the limits given", () => {
    expect(message(read("31/12/2999"))).toBe("31/12/2999 is too late: Waymark keeps dates from 01/01/1900 to 31/12/2200");
    expect(message(read("31/12/1899"))).toBe("31/12/1899 is too early: Waymark keeps dates from 01/01/1900 to 31/12/2200");
    expect(iso("01/01/1900")).toBe("1900-01-01");
    expect(iso("31/12/2200")).toBe("2200-12-31");
    const limits = { min: "2026-11-01", max: "2026-11-30" };
    expect(parseDate("17/11/2026", TODAY, limits)).toEqual({ ok: true, iso: "2026-11-17" });
    expect(message(parseDate("31/10/2026", TODAY, limits))).toBe("Choose 01/11/2026 or later");
    expect(message(parseDate("today", TODAY, limits))).toBe("Choose 30/11/2026 or earlier");
  });
});

describe("formatting and day arithmetic", () => {
  it("formats ISO as DD/MM/YYYY and as words", () => {
    expect(formatDate("2026-11-17")).toBe("17/11/2026");
    expect(formatDate("2026-02-01")).toBe("01/02/2026");
    expect(formatDate("")).toBe("");
    expect(spokenDate("2026-11-17")).toBe("Tuesday 17 November 2026");
    expect(spokenDate("2026-12-06")).toBe("Sunday 6 December 2026");
  });

  it("round-trips what it formats", () => {
    for (const day of ["2026-11-17", "2028-02-29", "1900-01-01", "2200-12-31"]) {
      expect(iso(formatDate(day))).toBe(day);
    }
  });

  it("counts days, months and weekdays", () => {
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(isRealDate("2026-02-29")).toBe(false);
    expect(isRealDate("2028-02-29")).toBe(true);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-01-15", -1)).toBe("2025-12-15");
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
    expect(weekdayIndex("2026-11-16")).toBe(0); // a Monday
    expect(weekdayIndex("2026-11-22")).toBe(6); // a Sunday
    expect(weekdayIndex("1900-01-01")).toBe(0);
  });

  it("lays a month out in weeks starting on Monday", () => {
    const weeks = monthWeeks(2026, 11);
    // 1 November 2026 is a Sunday: the first row is six blanks and the 1st.
    expect(weeks[0]).toEqual([null, null, null, null, null, null, "2026-11-01"]);
    expect(weeks[1][0]).toBe("2026-11-02");
    expect(weeks.at(-1)?.[0]).toBe("2026-11-30");
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(monthWeeks(2027, 2)).toHaveLength(4); // February 2027 starts on a Monday
  });
});
