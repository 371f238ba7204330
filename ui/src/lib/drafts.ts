// Unsaved typing, kept in localStorage on every change so a crash or a forced close
// loses nothing; offered back the next time the same entry (or a new one) is opened.

import type { EntryDraft } from "../bindings/EntryDraft";

const PREFIX = "waymark.draft.";

/** A kept draft and when it was kept. */
export type KeptDraft = { draft: EntryDraft; savedAt: string };

/** The storage drafts live in (localStorage in the app, a stand-in in tests). */
export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** The key a draft is kept under: one per entry, one for a new entry. */
export function draftKey(entryId: string | null): string {
  return PREFIX + (entryId ?? "new");
}

/** Keeps a draft; returns false (and keeps nothing) when storage refuses, e.g. when full. */
export function keepDraft(storage: DraftStorage, key: string, draft: EntryDraft, now = new Date()): boolean {
  try {
    storage.setItem(key, JSON.stringify({ draft, savedAt: now.toISOString() }));
    return true;
  } catch {
    return false;
  }
}

/** The draft kept under `key`, or null if there is none or it cannot be read. */
export function readDraft(storage: DraftStorage, key: string): KeptDraft | null {
  const text = storage.getItem(key);
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<KeptDraft>;
    if (!value.draft || typeof value.draft.title !== "string" || typeof value.savedAt !== "string") return null;
    return value as KeptDraft;
  } catch {
    return null;
  }
}

/** Forgets the draft under `key` (after a save, or when the leader discards it). */
export function dropDraft(storage: DraftStorage, key: string): void {
  storage.removeItem(key);
}

/** Whether two drafts say the same thing (the test for "unsaved changes"). */
export function sameDraft(a: EntryDraft, b: EntryDraft): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

/** Only the fields of the chosen template, without empty boxes: what is saved. */
export function normalise(draft: EntryDraft, fieldKeys?: string[]): EntryDraft {
  const fields: Record<string, string> = {};
  for (const key of Object.keys(draft.fields).sort()) {
    const text = draft.fields[key];
    if (text === undefined || text.trim() === "") continue;
    if (fieldKeys && !fieldKeys.includes(key)) continue;
    fields[key] = text;
  }
  return { ...draft, fields };
}
