import { describe, expect, it } from "vitest";
import { nextIndex } from "./roving";

describe("nextIndex", () => {
  it("moves right and wraps from the last tab to the first", () => {
    expect(nextIndex("ArrowRight", 0, 4)).toBe(1);
    expect(nextIndex("ArrowRight", 3, 4)).toBe(0);
  });
  it("moves left and wraps from the first tab to the last", () => {
    expect(nextIndex("ArrowLeft", 0, 4)).toBe(3);
    expect(nextIndex("ArrowUp", 2, 4)).toBe(1);
  });
  it("jumps with Home and End", () => {
    expect(nextIndex("Home", 2, 4)).toBe(0);
    expect(nextIndex("End", 0, 4)).toBe(3);
  });
  it("ignores other keys and empty rows", () => {
    expect(nextIndex("a", 1, 4)).toBeNull();
    expect(nextIndex("ArrowRight", 0, 0)).toBeNull();
  });
});
