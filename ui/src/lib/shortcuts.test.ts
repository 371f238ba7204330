import { describe, expect, it } from "vitest";
import { isTyping, matchShortcut } from "./shortcuts";

const press = (key: string, extra: Partial<Parameters<typeof matchShortcut>[0]> = {}) =>
  matchShortcut({ key, ctrlKey: false, metaKey: false, altKey: false, typing: false, ...extra });

describe("shortcuts", () => {
  it("match Ctrl and Cmd combinations even while typing", () => {
    expect(press("n", { ctrlKey: true, typing: true })).toBe("new");
    expect(press("K", { metaKey: true })).toBe("search");
    expect(press("s", { ctrlKey: true, typing: true })).toBe("save");
    expect(press("s", { ctrlKey: true, altKey: true })).toBeNull();
  });

  it("leave / and ? to text boxes", () => {
    expect(press("/")).toBe("search");
    expect(press("?")).toBe("help");
    expect(press("/", { typing: true })).toBeNull();
    expect(press("?", { typing: true })).toBeNull();
  });

  it("close with Escape anywhere and ignore other keys", () => {
    expect(press("Escape", { typing: true })).toBe("close");
    expect(press("a")).toBeNull();
    expect(press("x", { ctrlKey: true })).toBeNull();
  });

  it("knows which elements take text", () => {
    const input = document.createElement("input");
    const box = document.createElement("input");
    box.type = "checkbox";
    expect(isTyping(input)).toBe(true);
    expect(isTyping(box)).toBe(false);
    expect(isTyping(document.createElement("textarea"))).toBe(true);
    expect(isTyping(document.createElement("button"))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
