import { describe, expect, it } from "vitest";
import type { EntryDraft } from "../bindings/EntryDraft";
import { DraftWriter, draftKey, normalise, readDraft, keptAt, sameDraft, unsaved } from "./drafts";

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
  code: [],
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

describe("unsaved changes", () => {
  const blank: EntryDraft = { ...draft, title: "", fields: {}, tags: [] };
  const rolfe = ["what", "so-what", "now-what"];
  const gibbs = ["description", "feelings", "evaluation", "analysis", "conclusion", "action-plan"];

  it("are not made by choosing another template for a new entry with nothing written", () => {
    expect(unsaved({ ...blank, template: "gibbs" }, blank, gibbs, true)).toBe(false);
    expect(unsaved({ ...blank, template: "free" }, blank, [], true)).toBe(false);
  });

  it("are made by anything typed, even in a box of a template switched away from", () => {
    expect(unsaved({ ...blank, template: "gibbs", title: "Board" }, blank, gibbs, true)).toBe(true);
    // The Rolfe box still holds the words; switching back would show them.
    expect(unsaved({ ...blank, template: "free", fields: { what: "Typed" } }, blank, [], true)).toBe(true);
    expect(unsaved({ ...blank, fields: { what: "Typed" } }, blank, rolfe, true)).toBe(true);
  });

  it("are made by a saved entry's template changing, which saving would keep", () => {
    expect(unsaved({ ...draft, template: "free" }, draft, [], false)).toBe(true);
    expect(unsaved(draft, draft, rolfe, false)).toBe(false);
  });
});

describe("when a draft was kept", () => {
  it("is said as today, yesterday or a date, in local time", () => {
    const now = new Date(2026, 11, 3, 10, 15);
    expect(keptAt(new Date(2026, 11, 3, 9, 12).toISOString(), now)).toBe("09:12 today");
    expect(keptAt(new Date(2026, 11, 2, 17, 40).toISOString(), now)).toBe("17:40 yesterday");
    // The first of the month's yesterday is the last of the month before.
    expect(keptAt(new Date(2026, 10, 30, 8, 5).toISOString(), new Date(2026, 11, 1, 9, 0))).toBe("08:05 yesterday");
    expect(keptAt(new Date(2026, 10, 17, 8, 5).toISOString(), now)).toBe("17 Nov 2026, 08:05");
    expect(keptAt("not a time", now)).toBe("not a time");
  });
});
