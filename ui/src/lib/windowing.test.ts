import { describe, expect, it } from "vitest";
import { offsets, rowAt, scrollToReveal, visibleRange } from "./windowing";

describe("windowed list maths", () => {
  const offs = offsets([40, 64, 64, 40, 64]); // 0 40 104 168 208 272

  it("sums heights into row tops and a total", () => {
    expect(offs).toEqual([0, 40, 104, 168, 208, 272]);
  });

  it("finds the row under a pixel", () => {
    expect(rowAt(offs, 0)).toBe(0);
    expect(rowAt(offs, 39)).toBe(0);
    expect(rowAt(offs, 40)).toBe(1);
    expect(rowAt(offs, 271)).toBe(4);
    expect(rowAt(offs, 9999)).toBe(4);
  });

  it("draws only the rows in view plus the margin", () => {
    expect(visibleRange(offs, 50, 60, 0)).toEqual({ start: 1, end: 3 });
    expect(visibleRange(offs, 50, 60, 1)).toEqual({ start: 0, end: 4 });
    expect(visibleRange(offsets([]), 0, 500)).toEqual({ start: 0, end: 0 });
  });

  it("stays small for 100,000 rows", () => {
    const big = offsets(new Array(100_000).fill(64));
    const { start, end } = visibleRange(big, 64 * 50_000, 640, 5);
    expect(start).toBe(49_995);
    expect(end - start).toBeLessThan(30);
  });

  it("scrolls only as far as needed to reveal a row", () => {
    expect(scrollToReveal(offs, 0, 50, 100)).toBe(0);
    expect(scrollToReveal(offs, 4, 0, 100)).toBe(172);
    expect(scrollToReveal(offs, 1, 40, 100)).toBeNull();
  });
});
