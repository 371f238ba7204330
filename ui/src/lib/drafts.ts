// Unsaved typing is kept by the engine, in the journal's database, on every change so a
// crash or a forced close loses nothing; it is offered back the next time the same entry
// (or a new one) is opened. This module orders those writes and says what "unsaved" means.

import type { EntryDraft } from "../bindings/EntryDraft";

/** Where drafts are kept: the engine's draft commands (a stand-in in tests). */
export type DraftStore = {
  keepDraft: (id: string | null, draft: EntryDraft) => Promise<unknown>;
  dropDraft: (id: string | null) => Promise<unknown>;
};

/**
 * Writes drafts in the order they were asked for, one at a time, and only the latest
 * for each entry: typing faster than the disk keeps only what matters, and a keep can
 * never land after the drop that followed it.
 */
export class DraftWriter {
  private pending = new Map<string, () => Promise<unknown>>();
  private running: Promise<void> | null = null;

  constructor(private readonly store: DraftStore) {}

  /** Keeps `draft` for entry `id` (null: the entry being started). */
  keep(id: string | null, draft: EntryDraft): Promise<void> {
    return this.schedule(id, () => this.store.keepDraft(id, draft));
  }

  /** Forgets the draft for entry `id` (after a save, or when the leader discards it). */
  drop(id: string | null): Promise<void> {
    return this.schedule(id, () => this.store.dropDraft(id));
  }

  /** Resolves once every write asked for so far is done (before the window closes). */
  settled(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private schedule(id: string | null, op: () => Promise<unknown>): Promise<void> {
    // Re-inserted so the latest write for an entry also takes its place in the order.
    const slot = id ?? "";
    this.pending.delete(slot);
    this.pending.set(slot, op);
    if (!this.running) this.running = this.drain();
    return this.running;
  }

  private async drain(): Promise<void> {
    // First yield, so `running` is set before any write starts or the queue empties.
    await Promise.resolve();
    for (let next = this.pending.entries().next(); !next.done; next = this.pending.entries().next()) {
      const [slot, op] = next.value;
      this.pending.delete(slot);
      try {
        await op();
      } catch {
        // A draft that cannot be kept (the disk is full, say) must not interrupt the
        // writing; saving reports its own errors.
      }
    }
    // No await between the last check and this, so nothing asked for is left behind.
    this.running = null;
  }
}

/** Where earlier versions of Waymark kept drafts: the webview's localStorage. */
export type LegacyStorage = Pick<Storage, "getItem" | "removeItem">;

/** A draft as earlier versions kept it in localStorage, and when. */
export type LegacyDraft = { draft: EntryDraft; savedAt: string };

const PREFIX = "waymark.draft.";

/**
 * The localStorage key earlier versions kept a draft under: one per entry, one for a
 * new entry, with "sample." in front in the sample journal. Read once, so a draft
 * typed before the upgrade is still offered back; the engine keeps it from then on.
 */
export function draftKey(entryId: string | null, sample = false): string {
  return (sample ? "sample." : "") + PREFIX + (entryId ?? "new");
}

/** The draft an earlier version kept under `key`, or null if there is none or it cannot be read. */
export function readDraft(storage: LegacyStorage, key: string): LegacyDraft | null {
  const text = storage.getItem(key);
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<LegacyDraft>;
    if (!value.draft || typeof value.draft.title !== "string" || typeof value.savedAt !== "string") return null;
    return value as LegacyDraft;
  } catch {
    return null;
  }
}

/** Whether two drafts say the same thing (the test for "unsaved changes"). */
export function sameDraft(a: EntryDraft, b: EntryDraft): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

/**
 * Whether the editor holds changes worth asking about before leaving. For a new entry,
 * choosing another template while no box holds any text is not a change: nothing
 * written would be lost. Once anything is typed (in any template's boxes, even one
 * switched away from), it is.
 */
export function unsaved(draft: EntryDraft, baseline: EntryDraft, fieldKeys: string[], isNew: boolean, asksCode = true): boolean {
  const nothingInBoxes = Object.keys(normalise(draft).fields).length === 0 && (draft.code ?? []).length === 0;
  const compared = isNew && nothingInBoxes ? { ...draft, template: baseline.template } : draft;
  return !sameDraft(normalise(compared, fieldKeys, asksCode), normalise(baseline, fieldKeys, asksCode));
}

/**
 * Only the fields of the chosen template, without empty boxes, and the NMC Code's
 * themes only when the template asks for them (`asksCode`): what is saved.
 */
export function normalise(draft: EntryDraft, fieldKeys?: string[], asksCode = true): EntryDraft {
  const fields: Record<string, string> = {};
  for (const key of Object.keys(draft.fields).sort()) {
    const text = draft.fields[key];
    if (text === undefined || text.trim() === "") continue;
    if (fieldKeys && !fieldKeys.includes(key)) continue;
    fields[key] = text;
  }
  // A draft kept before the Code's themes existed has none.
  const code = asksCode ? [...(draft.code ?? [])] : [];
  return { ...draft, fields, code };
}

/**
 * When a draft was kept, said the way a person would: "09:12 today", "17:40 yesterday",
 * or "3 Dec 2026, 09:12" (local time).
 */
export function keptAt(savedAt: string, now: Date = new Date()): string {
  const when = new Date(savedAt);
  if (Number.isNaN(when.getTime())) return savedAt;
  const time = when.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  const day = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (day(when) === day(now)) return `${time} today`;
  if (day(when) === day(yesterday)) return `${time} yesterday`;
  return when.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}
