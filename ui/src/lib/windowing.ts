// The maths of a windowed list: only the rows in view (plus a margin) are drawn,
// so 100,000 entries scroll as smoothly as ten. Rows may differ in height
// (month headings are shorter than entries), so positions are prefix sums.

/** Top of each row and, last, the total height: `offsets[i]` is where row i starts. */
export function offsets(heights: number[]): number[] {
  const out = new Array<number>(heights.length + 1);
  out[0] = 0;
  for (let i = 0; i < heights.length; i++) out[i + 1] = out[i] + heights[i];
  return out;
}

/** The index of the row that contains pixel `y` (binary search over `offsets`). */
export function rowAt(offs: number[], y: number): number {
  const count = offs.length - 1;
  if (count <= 0) return 0;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offs[mid] <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Rows to draw: `[start, end)` covering the viewport, widened by `overscan` rows each side. */
export function visibleRange(
  offs: number[],
  scrollTop: number,
  viewport: number,
  overscan = 8,
): { start: number; end: number } {
  const count = offs.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const first = rowAt(offs, Math.max(0, scrollTop));
  const last = rowAt(offs, scrollTop + Math.max(0, viewport));
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + 1 + overscan) };
}

/** The scroll position that brings row `index` fully into view, or null if it already is. */
export function scrollToReveal(offs: number[], index: number, scrollTop: number, viewport: number): number | null {
  const top = offs[index];
  const bottom = offs[index + 1];
  if (top === undefined || bottom === undefined) return null;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport) return bottom - viewport;
  return null;
}
