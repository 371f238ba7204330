import { describe, expect, it, vi } from "vitest";

const received: boolean[] = [];
vi.mock("./api", () => ({
  keepDraft: vi.fn(),
  dropDraft: vi.fn(),
  receiveDroppedFiles: vi.fn(async (receive: boolean) => {
    received.push(receive);
    return [];
  }),
}));

const { offerDropped, ui } = await import("./app.svelte");

describe("files dropped on the window", () => {
  it("are received only after the leader says Receive", async () => {
    const done = offerDropped(["from-lee.waymark"]);
    await Promise.resolve();
    expect(ui.question?.text).toContain("from-lee.waymark");
    expect(received).toEqual([]);
    ui.question?.resolve("receive");
    await done;
    expect(received).toEqual([true]);
  });

  it("are forgotten, never read, when the leader cancels", async () => {
    const done = offerDropped(["stranger.waymark"]);
    await Promise.resolve();
    ui.question?.resolve("cancel");
    await done;
    expect(received).toEqual([true, false]);
  });
});
