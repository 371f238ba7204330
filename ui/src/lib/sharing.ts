// Pure helpers for sharing screens: what a received bundle did, in words, and comments
// arranged as threads. Kept apart from the components so they can be unit-tested.

import type { BundleKind } from "../bindings/BundleKind";
import type { CommentView } from "../bindings/CommentView";
import type { Direction } from "../bindings/Direction";
import type { ReceiveReport } from "../bindings/ReceiveReport";
import type { ShareLogEntry } from "../bindings/ShareLogEntry";
import { counted } from "./counts";

/** How each direction of the sharing log reads; a `Record` so a new direction fails the type check here. */
const directionWord: Record<Direction, string> = { sent: "Sent", received: "Received" };
/** How each kind of bundle reads in the sharing log. */
const kindWord: Record<BundleKind, string> = { entries: "entries", feedback: "feedback" };

/** What a line of the sharing log was: "Sent entries (no. 3)". */
export function logWhat(l: Pick<ShareLogEntry, "direction" | "kind" | "sequence">): string {
  return `${directionWord[l.direction]} ${kindWord[l.kind]} (no. ${l.sequence})`;
}

/** One sentence saying what receiving a bundle changed. */
export function receivedMessage(r: ReceiveReport): string {
  // A replay (the same file seen again) is information, not a failure.
  if (r.already_received) return `This bundle from ${r.from} was already received, nothing new; nothing changed.`;
  // `kind` is the engine's BundleKind: a misspelt kind here fails the type check.
  if (r.kind === "feedback") {
    // Comments on entries purged here are left out; said, so nobody wonders where they went.
    const gone = r.comments_skipped
      ? ` ${counted(r.comments_skipped, "comment was", "comments were")} on entries no longer in your journal and left out.`
      : "";
    if (r.comments_added === 0 && r.comments_revised === 0) return `${r.from}'s feedback held no new comments; nothing changed.${gone}`;
    const on = r.changed.length === 1 ? "one of your entries" : `${r.changed.length} of your entries`;
    const news: string[] = [];
    if (r.comments_added) news.push(counted(r.comments_added, "new comment", "new comments"));
    // An edit or a withdrawal by the coach: their copy here now says what they last said.
    if (r.comments_revised) news.push(counted(r.comments_revised, "comment changed", "comments changed"));
    return `${r.from}'s feedback: ${news.join(" and ")} on ${on}.${gone}`;
  }
  const parts: string[] = [];
  if (r.entries_added) parts.push(counted(r.entries_added, "new entry", "new entries"));
  if (r.entries_updated) parts.push(counted(r.entries_updated, "updated entry", "updated entries"));
  if (r.entries_unchanged) parts.push(`${r.entries_unchanged} already up to date`);
  if (r.comments_added) parts.push(counted(r.comments_added, "new reply", "new replies"));
  if (r.comments_revised) parts.push(counted(r.comments_revised, "reply changed", "replies changed"));
  if (r.entries_withdrawn) parts.push(`${counted(r.entries_withdrawn, "entry", "entries")} withdrawn by ${r.from} and removed`);
  if (r.entries_older) parts.push(`${r.entries_older} older than the copy already here (kept the newer)`);
  const what = parts.length ? parts.join(", ") : "nothing new";
  return `Received from ${r.from}: ${what}.`;
}

/** A comment placed in its thread: `depth` 0 for a comment, 1 and more for replies. */
export type Threaded = { view: CommentView; depth: number };

/**
 * Comments as threads: each comment followed by its replies (oldest first, at any
 * depth). A reply whose comment is missing is shown as a comment of its own.
 */
export function threads(list: CommentView[]): Threaded[] {
  const ids = new Set(list.map((c) => c.comment.id));
  const children = new Map<string, CommentView[]>();
  const roots: CommentView[] = [];
  for (const c of list) {
    const parent = c.comment.reply_to;
    if (parent && ids.has(parent) && parent !== c.comment.id) {
      const siblings = children.get(parent) ?? [];
      siblings.push(c);
      children.set(parent, siblings);
    } else {
      roots.push(c);
    }
  }
  const out: Threaded[] = [];
  const seen = new Set<string>();
  const walk = (c: CommentView, depth: number) => {
    if (seen.has(c.comment.id)) return; // a loop in bad data must not hang the view
    seen.add(c.comment.id);
    out.push({ view: c, depth });
    for (const reply of children.get(c.comment.id) ?? []) walk(reply, depth + 1);
  };
  for (const root of roots) walk(root, 0);
  // Anything left (only possible with a loop of replies) still shows.
  for (const c of list) if (!seen.has(c.comment.id)) walk(c, 0);
  return out;
}

/**
 * A share code in groups of five characters, a few groups to a line, so it can be read
 * aloud or checked by eye; the engine ignores the spaces and line breaks when it is
 * pasted back.
 */
export function readableCode(code: string, perLine = 8): string {
  const prefix = code.match(/^[a-z0-9]+:/)?.[0] ?? "";
  const groups = code.slice(prefix.length).match(/.{1,5}/g) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += perLine) lines.push(groups.slice(i, i + perLine).join(" "));
  return [prefix, ...lines].filter(Boolean).join("\n");
}
