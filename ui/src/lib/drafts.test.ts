import { describe, expect, it } from "vitest";
import type { EntryDraft } from "../bindings/EntryDraft";
import { DraftWriter, draftKey, normalise, readDraft, sameDraft } from "./drafts";

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
  // Keeping, reading back per entry, refusing too much and ignoring damage are the
  // engine's now (journal/src/drafts.rs tests); what stays here is the order of writes
  // and reading what an earlier version left in localStorage.
  it("are written in order, latest per entry, and settle before the window closes", async () => {
    const log: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const writer = new DraftWriter({
      keepDraft: async (id, d) => {
        log.push(`keep ${id ?? "new"} ${d.title}`);
        await gate;
      },
      dropDraft: async (id) => void log.push(`drop ${id ?? "new"}`),
    });
    void writer.keep(null, { ...draft, title: "a" });
    await Promise.resolve();
    await Promise.resolve();
    // While the first write is on its way, two more for the same entry: only the last goes.
    void writer.keep(null, { ...draft, title: "ab" });
    void writer.drop(null);
    void writer.keep("e1", { ...draft, title: "edit" });
    release();
    await writer.settled();
    expect(log).toEqual(["keep new a", "drop new", "keep e1 edit"]);
    // A write that fails does not stop the ones after it.
    const failing = new DraftWriter({
      keepDraft: async () => {
        throw new Error("disk full");
      },
      dropDraft: async (id) => void log.push(`drop ${id}`),
    });
    void failing.keep("x", draft);
    await failing.drop("y");
    expect(log.at(-1)).toBe("drop y");
  });

  it("left in localStorage by an earlier version are read per entry", () => {
    const storage = memoryStorage();
    storage.setItem("waymark.draft.new", JSON.stringify({ draft, savedAt: "2026-03-04T10:00:00.000Z" }));
    expect(draftKey(null)).toBe("waymark.draft.new");
    expect(draftKey("abc", true)).toBe("sample.waymark.draft.abc");
    expect(readDraft(storage, draftKey(null))).toEqual({ draft, savedAt: "2026-03-04T10:00:00.000Z" });
    expect(readDraft(storage, draftKey("abc"))).toBeNull();
    storage.removeItem(draftKey(null));
    expect(readDraft(storage, draftKey(null))).toBeNull();
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
