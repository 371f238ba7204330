import { describe, expect, it } from "vitest";
import type { RevisionChanges } from "../bindings/RevisionChanges";
import { changeSummary, wordCount } from "./changes";

const none: RevisionChanges = {
  entry_id: "0190c0de-0000-7000-8000-000000000000",
  from: 1,
  to: 2,
  title: null,
  date: null,
  template: null,
  fields: [],
  tags_added: [],
  tags_removed: [],
  labels_added: [],
  labels_removed: [],
  starred: null,
};

describe("what changed between versions", () => {
  it("counts the words added and removed, not the spaces around them", () => {
    const segments = [
      { kind: "same" as const, text: "I chaired " },
      { kind: "removed" as const, text: "the whole board" },
      { kind: "added" as const, text: " it calmly " },
    ];
    expect(wordCount(segments, "removed")).toBe(3);
    expect(wordCount(segments, "added")).toBe(2);
    expect(wordCount(segments, "same")).toBe(2);
  });

  it("says in one line what changed, box by box, and when nothing did", () => {
    expect(changeSummary(none)).toBe("Nothing changed");
    const changed: RevisionChanges = {
      ...none,
      title: [{ kind: "added", text: "March" }],
      fields: [
        { key: "what", label: "What?", segments: [{ kind: "added", text: "new words here" }] },
        { key: "body", label: "Notes", segments: [{ kind: "removed", text: "gone" }] },
      ],
      tags_added: ["hosting-style"],
      starred: true,
    };
    expect(changeSummary(changed)).toBe("4 words added and 1 removed in What? and Notes; title, tags and star changed");
    expect(changeSummary({ ...none, date: { before: "2026-03-04", after: "2026-03-05" } })).toBe("Date changed");
    expect(changeSummary({ ...none, fields: [{ key: "what", label: "What?", segments: [{ kind: "removed", text: "one" }] }] })).toBe(
      "1 word removed in What?",
    );
  });
});
