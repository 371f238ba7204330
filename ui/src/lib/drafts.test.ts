import { describe, expect, it } from "vitest";
import type { EntryDraft } from "../bindings/EntryDraft";
import { draftKey, dropDraft, keepDraft, normalise, readDraft, sameDraft } from "./drafts";

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

const draft: EntryDraft = {
  title: "Hosting the forum",
  body: "",
  template: "rolfe",
  fields: { what: "I let the room set the agenda." },
  date: "2026-03-04",
  tags: ["hosting-style"],
  labels: [],
  starred: false,
};

describe("drafts", () => {
  it("are kept per entry and read back", () => {
    const storage = memoryStorage();
    expect(keepDraft(storage, draftKey(null), draft, new Date("2026-03-04T10:00:00Z"))).toBe(true);
    expect(readDraft(storage, "waymark.draft.new")).toEqual({ draft, savedAt: "2026-03-04T10:00:00.000Z" });
    expect(readDraft(storage, draftKey("abc"))).toBeNull();
    dropDraft(storage, draftKey(null));
    expect(readDraft(storage, draftKey(null))).toBeNull();
  });

  it("survive a full storage without throwing", () => {
    const full = { ...memoryStorage(), setItem: () => { throw new Error("QuotaExceededError"); } };
    expect(keepDraft(full, "k", draft)).toBe(false);
  });

  it("ignore damaged storage", () => {
    const storage = memoryStorage();
    storage.setItem("k", "{not json");
    expect(readDraft(storage, "k")).toBeNull();
    storage.setItem("k", JSON.stringify({ something: 1 }));
    expect(readDraft(storage, "k")).toBeNull();
  });

  it("treat empty boxes as unchanged and drop other templates' boxes", () => {
    const withEmpty = { ...draft, fields: { ...draft.fields, "so-what": "  " } };
    expect(sameDraft(draft, withEmpty)).toBe(true);
    expect(sameDraft(draft, { ...draft, title: "Other" })).toBe(false);
    const mixed = { ...draft, fields: { what: "a", description: "b" } };
    expect(normalise(mixed, ["what", "so-what", "now-what"]).fields).toEqual({ what: "a" });
  });
});
