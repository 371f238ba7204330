import { describe, expect, it } from "vitest";
import { count, counted, entries, shownOf } from "./counts";

describe("counts", () => {
  it("separates thousands and agrees the noun with the number", () => {
    expect(count(21148)).toBe("21,148");
    expect(count(999)).toBe("999");
    expect(entries(1)).toBe("1 entry");
    expect(entries(0)).toBe("0 entries");
    expect(entries(100000)).toBe("100,000 entries");
    expect(counted(2, "comment")).toBe("2 comments");
  });

  it("says how much of a long list is shown until all of it is", () => {
    expect(shownOf(50, 21148)).toBe("50 of 21,148 entries");
    expect(shownOf(7, 7)).toBe("7 entries");
    expect(shownOf(1, 1)).toBe("1 entry");
  });
});
