import { describe, expect, it } from "vitest";
import { dateTime, groupByMonth, lastMonths, longDate, monthLabel, today } from "./months";

describe("month grouping", () => {
  const entries = [
    { id: "c", date: "2026-03-10" },
    { id: "b", date: "2026-03-02" },
    { id: "a", date: "2026-01-31" },
  ];

  it("puts a heading before the first entry of each month", () => {
    const rows = groupByMonth(entries, (e) => e.date, (e) => e.id);
    expect(rows.map((r) => (r.kind === "month" ? r.label : r.item.id))).toEqual([
      "March 2026", "c", "b", "January 2026", "a",
    ]);
  });

  it("gives no rows for no entries", () => {
    expect(groupByMonth([], (e: { date: string }) => e.date, () => "x")).toEqual([]);
  });

  it("names months and leaves unknown text alone", () => {
    expect(monthLabel("2025-12")).toBe("December 2025");
    expect(monthLabel("2026-W09")).toBe("2026-W09");
  });

  it("counts months back across a year end", () => {
    expect(lastMonths("2026-02-14", 4)).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });

  it("reads today and dates in the local calendar", () => {
    expect(today(new Date(2026, 2, 4, 23, 59))).toBe("2026-03-04");
    expect(longDate("2026-03-04")).toBe("Wed 4 March 2026");
  });

  it("shows saved times in local time and leaves nonsense alone", () => {
    expect(dateTime("2026-03-04T10:00:00Z")).toMatch(/4 Mar 2026/);
    expect(dateTime("not a time")).toBe("not a time");
  });
});
