import { describe, expect, it } from "vitest";
import { DEFAULT_IDLE_SECONDS, idleSeconds, shouldLock } from "./idle";

describe("idle lock", () => {
  it("defaults to 15 minutes and reads what was chosen", () => {
    expect(idleSeconds(null)).toBe(DEFAULT_IDLE_SECONDS);
    expect(DEFAULT_IDLE_SECONDS).toBe(900);
    expect(idleSeconds("60")).toBe(60);
    expect(idleSeconds("0")).toBe(0);
    expect(idleSeconds("rubbish")).toBe(DEFAULT_IDLE_SECONDS);
    expect(idleSeconds("-5")).toBe(DEFAULT_IDLE_SECONDS);
  });
  it("locks once the chosen time has passed, and never when never is chosen", () => {
    expect(shouldLock(0, 59_999, 60)).toBe(false);
    expect(shouldLock(0, 60_000, 60)).toBe(true);
    expect(shouldLock(0, 10 ** 12, 0)).toBe(false);
  });
});
