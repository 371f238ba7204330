import { describe, expect, it } from "vitest";
import type { CommentView } from "../bindings/CommentView";
import type { ReceiveReport } from "../bindings/ReceiveReport";
import { logWhat, readableCode, receivedMessage, threads } from "./sharing";

function report(over: Partial<ReceiveReport>): ReceiveReport {
  return {
    from: "Lee",
    kind: "entries",
    sequence: 1 as unknown as bigint,
    entries_added: 0,
    entries_updated: 0,
    entries_unchanged: 0,
    comments_added: 0,
    comments_revised: 0,
    comments_unchanged: 0,
    comments_skipped: 0,
    entries_older: 0,
    entries_withdrawn: 0,
    already_received: false,
    changed: [],
    ...over,
  };
}

function comment(id: string, replyTo: string | null = null): CommentView {
  return {
    comment: {
      id,
      entry_id: "e",
      author: "Kim",
      author_fingerprint: "F",
      mine: false,
      text: id,
      anchor: null,
      created_at: "2026-03-04T10:00:00Z",
      reply_to: replyTo,
      revision: 1,
      edited_at: null,
      withdrawn_at: null,
    },
    html: `<p>${id}</p>`,
  };
}

describe("receivedMessage", () => {
  it("says a replay is already received, nothing new, as information", () => {
    expect(receivedMessage(report({ already_received: true }))).toBe(
      "This bundle from Lee was already received, nothing new; nothing changed.",
    );
    expect(receivedMessage(report({ entries_added: 1, entries_older: 1 }))).toBe(
      "Received from Lee: 1 new entry, 1 older than the copy already here (kept the newer).",
    );
  });
  it("says what a share brought, in words", () => {
    expect(receivedMessage(report({ entries_added: 2, entries_updated: 1, changed: ["a", "b", "c"] }))).toBe(
      "Received from Lee: 2 new entries, 1 updated entry.",
    );
    expect(receivedMessage(report({ entries_unchanged: 3 }))).toBe("Received from Lee: 3 already up to date.");
    expect(receivedMessage(report({ entries_added: 1, comments_added: 1 }))).toBe(
      "Received from Lee: 1 new entry, 1 new reply.",
    );
  });
  it("says how many comments were left out because their entry is gone", () => {
    expect(receivedMessage(report({ from: "Kim", kind: "feedback", comments_added: 1, comments_skipped: 2, changed: ["a"] }))).toBe(
      "Kim's feedback: 1 new comment on one of your entries. 2 comments were on entries no longer in your journal and left out.",
    );
  });
  it("says how many comments feedback brought and on how many entries", () => {
    expect(receivedMessage(report({ from: "Kim", kind: "feedback", comments_added: 3, changed: ["a", "b"] }))).toBe(
      "Kim's feedback: 3 new comments on 2 of your entries.",
    );
    expect(receivedMessage(report({ from: "Kim", kind: "feedback", comments_added: 1, changed: ["a"] }))).toBe(
      "Kim's feedback: 1 new comment on one of your entries.",
    );
    expect(receivedMessage(report({ from: "Kim", kind: "feedback", comments_unchanged: 2 }))).toBe(
      "Kim's feedback held no new comments; nothing changed.",
    );
  });
  it("says when comments were edited or withdrawn by their authors", () => {
    expect(receivedMessage(report({ from: "Kim", kind: "feedback", comments_revised: 1, changed: ["a"] }))).toBe(
      "Kim's feedback: 1 comment changed on one of your entries.",
    );
    expect(receivedMessage(report({ from: "Kim", kind: "feedback", comments_added: 2, comments_revised: 1, changed: ["a"] }))).toBe(
      "Kim's feedback: 2 new comments and 1 comment changed on one of your entries.",
    );
  });
  it("says a leader withdrew entries and their copies were removed", () => {
    expect(receivedMessage(report({ entries_withdrawn: 1 }))).toBe("Received from Lee: 1 entry withdrawn by Lee and removed.");
    expect(receivedMessage(report({ entries_added: 1, entries_withdrawn: 2, comments_revised: 1 }))).toBe(
      "Received from Lee: 1 new entry, 1 reply changed, 2 entries withdrawn by Lee and removed.",
    );
  });
});

describe("threads", () => {
  it("puts each reply under the comment it answers, at any depth", () => {
    const list = [comment("a"), comment("b"), comment("a1", "a"), comment("b1", "b"), comment("a2", "a1")];
    expect(threads(list).map((t) => `${t.view.comment.id}:${t.depth}`)).toEqual(["a:0", "a1:1", "a2:2", "b:0", "b1:1"]);
  });
  it("shows a reply to a missing comment, and survives a loop of replies", () => {
    expect(threads([comment("x", "gone")]).map((t) => t.depth)).toEqual([0]);
    const loop = threads([comment("p", "q"), comment("q", "p")]);
    expect(loop.map((t) => t.view.comment.id).sort()).toEqual(["p", "q"]);
  });
});

describe("logWhat", () => {
  it("says each direction and kind of bundle as the log always has", () => {
    const seq = (n: number) => n as unknown as bigint;
    expect(logWhat({ direction: "sent", kind: "entries", sequence: seq(3) })).toBe("Sent entries (no. 3)");
    expect(logWhat({ direction: "received", kind: "feedback", sequence: seq(1) })).toBe("Received feedback (no. 1)");
  });
});

describe("readableCode", () => {
  it("groups a share code for reading, keeping every character", () => {
    const code = "waymark1:" + "abcdefghij".repeat(9);
    const shown = readableCode(code);
    expect(shown.split("\n")[0]).toBe("waymark1:");
    expect(shown.split("\n")[1]).toBe("abcde fghij abcde fghij abcde fghij abcde fghij");
    expect(shown.replace(/\s/g, "")).toBe(code);
  });
});
