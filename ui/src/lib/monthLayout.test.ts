import { describe, expect, it } from "vitest";
import { MonthLayout } from "./monthLayout";

// Month headings 48 px, entries 84 px, as in the journal list.
const layout = new MonthLayout(
  [
    { month: "2026-11", count: 2 },
    { month: "2026-10", count: 1 },
    { month: "2025-01", count: 3 },
  ],
  48,
  84,
);

describe("MonthLayout", () => {
  it("sizes the whole journal, loaded or not", () => {
    expect(layout.total).toBe(6);
    expect(layout.height).toBe(3 * 48 + 6 * 84);
  });

  it("finds where each month and entry is", () => {
    expect(layout.monthTop("2026-11")).toBe(0);
    expect(layout.monthTop("2026-10")).toBe(48 + 2 * 84);
    expect(layout.monthTop("2025-01")).toBe(2 * 48 + 3 * 84);
    expect(layout.monthTop("2024-12")).toBeNull();
    expect(layout.entryTop(0)).toBe(48);
    expect(layout.entryTop(2)).toBe(2 * 48 + 2 * 84);
    expect(layout.entryTop(5)).toBe(3 * 48 + 5 * 84);
    expect(layout.entryTop(6)).toBeNull();
    expect(layout.monthOf(2)).toBe("2026-10");
    expect(layout.monthOf(3)).toBe("2025-01");
  });

  it("names the month at the top of the view", () => {
    expect(layout.monthAt(0)).toBe("2026-11");
    expect(layout.monthAt(48 + 2 * 84 - 1)).toBe("2026-11");
    expect(layout.monthAt(48 + 2 * 84)).toBe("2026-10");
    expect(layout.monthAt(1e9)).toBe("2025-01");
    expect(new MonthLayout([], 48, 84).monthAt(0)).toBeNull();
  });

  it("gives the rows in a range, headings and entries in order", () => {
    const rows = layout.rowsIn(100, 48 + 2 * 84 + 48 + 1);
    expect(rows.map((r) => (r.kind === "month" ? r.month : r.index))).toEqual([0, 1, "2026-10", 2]);
    expect(rows[0].top).toBe(48);
    // A range inside a long month starts at the right entry without walking from the top.
    const big = new MonthLayout([{ month: "2026-01", count: 100_000 }], 48, 84);
    const deep = big.rowsIn(48 + 50_000 * 84 + 10, 48 + 50_002 * 84);
    expect(deep.map((r) => (r.kind === "entry" ? r.index : -1))).toEqual([50_000, 50_001]);
  });
});
