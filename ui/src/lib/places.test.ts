import { describe, expect, it } from "vitest";
import { keepPlace, keptBoolean, keptNumber, keptString, placeFor } from "./places";

describe("places", () => {
  it("gives a kept place back only when returning", () => {
    keepPlace("search", { scrollTop: 420, opened: "abc", state: { query: "trust", loaded: 100 } });
    const back = placeFor("search", true);
    expect(back?.scrollTop).toBe(420);
    expect(keptString(back, "query", "")).toBe("trust");
    expect(keptNumber(back, "loaded", 50)).toBe(100);
    // Returning twice (entry, back, entry, back) finds it again.
    expect(placeFor("search", true)?.opened).toBe("abc");
  });

  it("forgets the place when the view is opened afresh", () => {
    keepPlace("journal", { scrollTop: 4160, opened: null, state: { starred: true } });
    expect(placeFor("journal", false)).toBeNull();
    expect(placeFor("journal", true)).toBeNull();
  });

  it("falls back when a kept value is missing or of the wrong kind", () => {
    keepPlace("journal", { scrollTop: 0, opened: null, state: { starred: "yes", loaded: Number.NaN } });
    const back = placeFor("journal", true);
    expect(keptBoolean(back, "starred", false)).toBe(false);
    expect(keptNumber(back, "loaded", 7)).toBe(7);
    expect(keptString(null, "query", "x")).toBe("x");
  });
});
