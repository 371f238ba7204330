import { describe, expect, it } from "vitest";
import type { GrowthPoint } from "../bindings/GrowthPoint";
import { calendar, heatmap, level, stackThemes } from "./growth";

const p = (period: string, item: string, kind: GrowthPoint["kind"], count: number): GrowthPoint => ({ period, item, kind, count });

describe("growth layout", () => {
  const points = [
    p("2026-02", "being", "theme", 2),
    p("2026-02", "delivering", "theme", 1),
    p("2026-03", "delivering", "theme", 3),
    p("2026-03", "hosting-style", "behaviour", 4),
    p("2026-02", "hosting-style", "behaviour", 1),
  ];

  it("stacks themes in framework order, months without reflections empty", () => {
    const bars = stackThemes(points, ["2026-01", "2026-02", "2026-03"], ["being", "delivering"]);
    expect(bars[0]).toEqual({ period: "2026-01", total: 0, segments: [] });
    expect(bars[1].segments).toEqual([
      { theme: "being", count: 2, y0: 0, y1: 2 },
      { theme: "delivering", count: 1, y0: 2, y1: 3 },
    ]);
    expect(bars[2].total).toBe(3);
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
