import { describe, expect, it } from "vitest";
import type { GrowthPoint } from "../bindings/GrowthPoint";
import type { PeriodTotals } from "../bindings/PeriodTotals";
import { axisLabels, calendar, calendarMonths, heatmap, level, periodName, periodTerm, segmentQuery, themeChart, themeColourVar, themeSummary, yearGroups } from "./growth";

const totals = (periods: string[], written: number[] = []): PeriodTotals[] =>
  periods.map((period, i) => ({ period, start: `${period}-01`, written: written[i] ?? 0, themed: written[i] ?? 0 }));

const p = (period: string, item: string, kind: GrowthPoint["kind"], count: number): GrowthPoint => ({ period, item, kind, count });

describe("growth layout", () => {
  const points = [
    p("2026-02", "being", "theme", 2),
    p("2026-02", "delivering", "theme", 1),
    p("2026-03", "delivering", "theme", 3),
    p("2026-03", "hosting-style", "behaviour", 4),
    p("2026-02", "hosting-style", "behaviour", 1),
  ];

  const themes = [
    { id: "being", name: "Being" },
    { id: "delivering", name: "Delivering" },
  ];

  it("builds one series per theme in framework order, zero for quiet months", () => {
    const chart = themeChart(points, totals(["2026-01", "2026-02", "2026-03"], [0, 2, 3]), themes);
    expect(chart.periods).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(chart.series).toEqual([
      { theme: "being", label: "Being", data: [0, 2, 0] },
      { theme: "delivering", label: "Delivering", data: [0, 1, 3] },
    ]);
    expect(chart.written).toEqual([0, 2, 3]);
  });

  it("ignores behaviour counts and unknown themes", () => {
    const chart = themeChart([...points, p("2026-03", "elsewhere", "theme", 9)], totals(["2026-03"]), themes);
    expect(chart.series.map((s) => s.data)).toEqual([[0], [3]]);
  });

  it("turns a clicked segment into its search, nothing for an empty one", () => {
    const chart = themeChart(points, totals(["2026-01", "2026-02", "2026-03"]), themes);
    expect(segmentQuery(chart, 1, 2)).toBe("theme:delivering on:2026-03");
    expect(segmentQuery(chart, 0, 1)).toBe("theme:being on:2026-02");
    expect(segmentQuery(chart, 0, 0)).toBeNull();
    expect(segmentQuery(chart, 5, 0)).toBeNull();
    expect(segmentQuery(chart, 0, 7)).toBeNull();
  });

  it("sums the figures in words: reflections written once each, busiest theme first", () => {
    const chart = themeChart(points, totals(["2026-02", "2026-03"], [2, 3]), themes);
    expect(themeSummary(chart, "12m")).toBe("Over the last 12 months: 5 reflections written, 5 touching a theme — Delivering 4, Being 2.");
    expect(themeSummary(themeChart([], totals(["2026-03"]), themes), "all")).toBe("Over all time: no reflections written.");
  });

  it("names the year on the axis at the start and at each new year", () => {
    expect(axisLabels(["2025-11", "2025-12", "2026-01", "2026-02"])).toEqual([["Nov", "2025"], "Dec", ["Jan", "2026"], "Feb"]);
    expect(axisLabels(["2025-Q4", "2026-Q1"])).toEqual([["Q4", "2025"], ["Q1", "2026"]]);
    // Too many to name each: only the ones carrying a year.
    expect(axisLabels(["2025-12", "2026-01", "2026-02"], 2)).toEqual([["Dec", "2025"], ["Jan", "2026"], ""]);
    expect(yearGroups(["2025-12", "2026-01", "2026-02"])).toEqual([{ year: "2025", span: 1 }, { year: "2026", span: 2 }]);
    expect(periodName("2026-03")).toBe("March 2026");
    expect(periodName("2026-Q1")).toBe("Q1 2026");
  });

  it("searches a quarter as a date range and a month with on:", () => {
    expect(periodTerm("2026-Q2")).toBe("after:2026-04 before:2026-06");
    expect(periodTerm("2026-03")).toBe("on:2026-03");
  });

  it("names each theme's colour property in app.css", () => {
    expect(themeColourVar("being")).toBe("--theme-being");
    expect(themeColourVar("relating-and-communicating")).toBe("--theme-relating");
    expect(themeColourVar("leading-and-visioning")).toBe("--theme-leading");
    expect(themeColourVar("delivering")).toBe("--theme-delivering");
  });

  it("bins a behaviour × month grid into colour steps", () => {
    const grid = heatmap(points, ["hosting-style", "delivery"], ["2026-02", "2026-03"]);
    expect(grid[0].map((c) => [c.count, c.level])).toEqual([[1, 1], [4, 4]]);
    expect(grid[1].map((c) => c.level)).toEqual([0, 0]);
    expect(level(0, 0)).toBe(0);
    expect(level(2, 4)).toBe(2);
  });

  it("lays out whole weeks, Monday first, ending on the given day", () => {
    // 2026-03-04 is a Wednesday.
    const days = calendar([{ date: "2026-03-04", count: 2 }, { date: "2026-03-02", count: 1 }], "2026-03-04", 2);
    expect(days[0]).toMatchObject({ date: "2026-02-23", week: 0, weekday: 0, count: 0 });
    expect(days.at(-1)).toMatchObject({ date: "2026-03-04", week: 1, weekday: 2, count: 2, level: 4 });
    expect(days.find((d) => d.date === "2026-03-02")?.level).toBe(2);
    expect(days.length).toBe(10);
  });

  it("labels the calendar's months, with the year at the first and at January", () => {
    // 2027-01-13 is a Wednesday; six weeks back starts on Monday 7 December 2026.
    const days = calendar([], "2027-01-13", 6);
    expect(days[0].date).toBe("2026-12-07");
    expect(calendarMonths(days)).toEqual([{ week: 0, label: "Dec 2026" }, { week: 3, label: "Jan 2027" }]);
  });
});
