import { describe, expect, it } from "vitest";
import type { GrowthPoint } from "../bindings/GrowthPoint";
import { calendar, heatmap, level, segmentQuery, themeChart, themeColourVar, themeSummary } from "./growth";

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
    const chart = themeChart(points, ["2026-01", "2026-02", "2026-03"], themes);
    expect(chart.periods).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(chart.series).toEqual([
      { theme: "being", label: "Being", data: [0, 2, 0] },
      { theme: "delivering", label: "Delivering", data: [0, 1, 3] },
    ]);
    expect(chart.totals).toEqual([0, 3, 3]);
  });

  it("ignores behaviour counts and unknown themes", () => {
    const chart = themeChart([...points, p("2026-03", "elsewhere", "theme", 9)], ["2026-03"], themes);
    expect(chart.totals).toEqual([3]);
  });

  it("turns a clicked segment into its search, nothing for an empty one", () => {
    const chart = themeChart(points, ["2026-01", "2026-02", "2026-03"], themes);
    expect(segmentQuery(chart, 1, 2)).toBe("theme:delivering on:2026-03");
    expect(segmentQuery(chart, 0, 1)).toBe("theme:being on:2026-02");
    expect(segmentQuery(chart, 0, 0)).toBeNull();
    expect(segmentQuery(chart, 5, 0)).toBeNull();
    expect(segmentQuery(chart, 0, 7)).toBeNull();
  });

  it("sums the figures in words, busiest theme first", () => {
    const chart = themeChart(points, ["2026-02", "2026-03"], themes);
    expect(themeSummary(chart)).toBe("Over the last 2 months: Delivering 4, Being 2.");
    expect(themeSummary(themeChart([], ["2026-03"], themes))).toBe("No reflections tagged with a theme in the last month.");
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
});
