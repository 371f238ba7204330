import { describe, expect, it } from "vitest";
import { latestRunner } from "./latest";

describe("latest runner", () => {
  it("runs at once when idle, and once more (not once per call) after calls while busy", async () => {
    const seen: string[] = [];
    let value = "d";
    let release: () => void = () => {};
    const run = latestRunner(async () => {
      seen.push(value);
      await new Promise<void>((r) => (release = r));
    });
    const first = run();
    expect(seen).toEqual(["d"]);
    value = "de";
    void run();
    value = "del";
    void run();
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(["d", "del"]);
    release();
    await first;
    expect(seen).toEqual(["d", "del"]);
    value = "dele";
    const later = run();
    expect(seen).toEqual(["d", "del", "dele"]);
    release();
    await later;
  });

  it("keeps working after a failed run", async () => {
    let calls = 0;
    const run = latestRunner(async () => {
      calls += 1;
      if (calls === 1) throw new Error("boom");
    });
    await expect(run()).rejects.toThrow("boom");
    await run();
    expect(calls).toBe(2);
  });
});
