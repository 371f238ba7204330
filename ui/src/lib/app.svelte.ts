// App-wide state: the current view, the framework, messages and the confirm dialog.
// Views read and write it; only App.svelte draws the frame around them.

import type { Framework } from "../bindings/Framework";
import type { TemplateInfo } from "../bindings/TemplateInfo";
import type { JournalStatus } from "../bindings/JournalStatus";
import type { WorkProgress } from "../bindings/WorkProgress";
import type { ReceiveReport } from "../bindings/ReceiveReport";
import {
  closeWindow,
  dropDraft,
  errorMessage,
  exploreSample,
  keepDraft,
  cancelReceive,
  leaveSample,
  journalStatus,
  lockJournal,
  receiveBundle,
  receiveDroppedFiles,
} from "./api";
import { DraftWriter } from "./drafts";
import { receivedMessage } from "./sharing";
import { IDLE_KEY, idleSeconds, shouldLock } from "./idle";

/** Where the leader is. */
export type View =
  | { name: "journal" }
  | { name: "search"; query?: string }
  | { name: "prompts" }
  | { name: "growth" }
  | { name: "plan" }
  | { name: "framework" }
  | { name: "bin" }
  | { name: "settings" }
  | { name: "editor"; id: string | null; tags?: string[]; prompt?: string; restore?: boolean }
  | { name: "entry"; id: string; coachee?: string }
  | { name: "coachees"; coachee?: string; tab?: CoacheeTab; query?: string };

/** What the Coachees area shows of one coachee. */
export type CoacheeTab = "entries" | "growth";

/** A message in the banner. */
/** A message in the corner; an error says what it was `about` (what was being done), so the same failure twice shows once and a later success clears it. */
export type Message = { id: number; text: string; kind: "error" | "info"; about?: string };

/** A question with buttons; the promise resolves with the chosen button's value. */
export type Question = {
  title: string;
  text: string;
  buttons: { label: string; value: string; kind?: "danger" | "primary" }[];
  resolve: (value: string) => void;
};

export const ui = $state({
  view: { name: "journal" } as View,
  framework: null as Framework | null,
  /** Every template with its boxes, once loaded (the engine's list, default first). */
  templates: [] as TemplateInfo[],
  status: null as JournalStatus | null,
  messages: [] as Message[],
  question: null as Question | null,
  /** Set by the editor while it holds unsaved changes. */
  editorDirty: false,
  /** Discards the editor's kept draft (set by the editor while open). */
  discardDraft: null as (() => Promise<void>) | null,
  /** Saves the editor's changes; false if they were not saved (set by the editor while open). */
  saveEditor: null as (() => Promise<boolean>) | null,
  /** Set while the window's close question is shown, so a second close does not ask twice. */
  closing: false,
  helpOpen: false,
  /** Set while the sample journal is being prepared. */
  samplePrep: null as WorkProgress | null,
  /** Counts received bundles, so views showing shared entries or comments reload. */
  received: 0,
  /** True while a .waymark file is dragged over the window. */
  dragging: false,
  /** The file being received while a receive runs (the shell says when one starts), so it can be cancelled. */
  receiving: null as string | null,
  /** Where Back (Escape) from an entry or the editor goes: the view the entry was opened from. */
  backTo: null as View | null,
  /** True while the view on screen was come back to (Back, Escape), so it shows the place it kept; false when opened afresh, at its top. */
  returning: false,
});

/** Entries and the editor are opened from somewhere; everything else is a place of its own. */
const opened = (view: View) => view.name === "entry" || view.name === "editor";

let nextId = 1;

/** Shows a failed command's message; nothing fails silently. */
export function report(doing: string, error: unknown): void {
  const text = `${doing}: ${errorMessage(error)}`;
  console.error(text);
  // The newest word on a failure replaces the last one, rather than piling up.
  resolved(doing);
  ui.messages.push({ id: nextId++, text, kind: "error", about: doing });
}

/** What was being done (`doing`, as given to `report`) has now worked: its errors go. */
export function resolved(doing: string): void {
  for (const m of ui.messages.filter((m) => m.kind === "error" && m.about === doing)) dismiss(m.id);
}

/** Shows a short confirmation that something happened. */
export function notify(text: string): void {
  const id = nextId++;
  // Only the latest confirmation stays; errors stay until dismissed.
  for (const m of ui.messages.filter((m) => m.kind === "info")) dismiss(m.id);
  ui.messages.push({ id, text, kind: "info" });
  setTimeout(() => dismiss(id), 5000);
}

/** Removes a message. */
export function dismiss(id: number): void {
  const i = ui.messages.findIndex((m) => m.id === id);
  if (i >= 0) ui.messages.splice(i, 1);
}

/** Asks a question in a dialog and waits for the answer. */
export function ask(title: string, text: string, buttons: Question["buttons"]): Promise<string> {
  return new Promise((resolve) => {
    ui.question = {
      title,
      text,
      buttons,
      resolve: (value) => {
        ui.question = null;
        resolve(value);
      },
    };
  });
}

/** The editor's unsaved writing, written through the engine in order (see DraftWriter). */
export const drafts = new DraftWriter({ keepDraft, dropDraft });

/**
 * Moves to another view, asking first if the editor holds unsaved changes. With
 * `returning`, the view shows the place it kept (see places.ts); otherwise it opens at
 * its top.
 */
export async function navigate(view: View, { returning = false }: { returning?: boolean } = {}): Promise<boolean> {
  if (ui.view.name === "editor" && ui.editorDirty) {
    const answer = await ask(
      "Leave without saving?",
      "This entry has changes that are not saved. A copy is kept on this computer and will be offered the next time you open it.",
      [
        { label: "Stay and keep writing", value: "stay", kind: "primary" },
        { label: "Leave, keep the draft", value: "keep" },
        { label: "Discard the changes", value: "discard", kind: "danger" },
      ],
    );
    if (answer === "stay") return false;
    if (answer === "discard") await ui.discardDraft?.();
    ui.editorDirty = false;
  }
  // Opening an entry or the editor from a list remembers the list, for Back.
  if (opened(view) && !opened(ui.view)) ui.backTo = ui.view;
  ui.returning = returning;
  ui.view = view;
  return true;
}

/**
 * Back from an entry or the editor (Escape, or the Back button): to the entry being
 * edited, else to where the entry was opened from (search results, the journal list,
 * a coachee), at the place it was left.
 */
export function goBack(): Promise<boolean> {
  const view = ui.view;
  if (view.name === "editor" && view.id) return navigate({ name: "entry", id: view.id }, { returning: true });
  const from = ui.backTo;
  if (view.name === "entry" && view.coachee && from?.name !== "coachees") {
    return navigate({ name: "coachees", coachee: view.coachee }, { returning: true });
  }
  return navigate(from ?? { name: "journal" }, { returning: true });
}

/** What Back goes to, in words: "Back to the search results". */
export function backLabel(): string {
  const view = ui.view;
  if (view.name === "editor" && view.id) return "Back to the entry";
  const from = view.name === "entry" && view.coachee && ui.backTo?.name !== "coachees" ? ({ name: "coachees", coachee: view.coachee } as View) : ui.backTo;
  switch (from?.name) {
    case "search":
      return "Back to the search results";
    case "coachees":
      return from.coachee ? `Back to ${from.coachee}` : "Back to your coachees";
    case "growth":
      return "Back to Growth";
    case "prompts":
      return "Back to the prompts";
    case "framework":
      return "Back to the framework";
    case "plan":
      return "Back to the plan";
    case "bin":
      return "Back to the bin";
    case "settings":
      return "Back to Settings";
    default:
      return "Back to the journal";
  }
}

/**
 * The window was asked to close while the editor holds unsaved changes (the shell held
 * it open): asks what to do, then closes it unless the leader stays.
 */
export async function closeAsked(): Promise<void> {
  if (ui.closing) return;
  ui.closing = true;
  try {
    if (ui.view.name === "editor" && ui.editorDirty) {
      // A question already open (such as leaving a view) gets its safe answer first.
      const open = ui.question;
      if (open) open.resolve(open.buttons[0]?.value ?? "");
      const answer = await ask(
        "Close without saving?",
        "This entry has changes that are not saved. A copy is kept on this computer and will be offered the next time you open it.",
        [
          { label: "Stay and keep writing", value: "stay" },
          { label: "Save and close", value: "save", kind: "primary" },
          { label: "Close, keep the draft", value: "keep" },
          { label: "Discard the changes and close", value: "discard", kind: "danger" },
        ],
      );
      if (answer === "stay") return;
      if (answer === "save" && !(await ui.saveEditor?.())) return;
      if (answer === "discard") await ui.discardDraft?.();
      ui.editorDirty = false;
    }
    // The last keystroke's draft (or the drop after a save) is on disk before the window goes.
    await drafts.settled();
    await closeWindow();
  } catch (e) {
    report("The window could not be closed", e);
  } finally {
    ui.closing = false;
  }
}

/** A framework item's short label, or its id if the framework does not know it. */
export function tagLabel(id: string): string {
  const fw = ui.framework;
  if (!fw) return id;
  return (
    fw.themes.find((t) => t.id === id)?.name ??
    fw.behaviours.find((b) => b.id === id)?.label ??
    fw.qualities.find((q) => q.id === id)?.label ??
    id
  );
}

/** A template's short name ("Rolfe", "NMC reflective account"), or its id before the list is loaded. */
export function templateName(id: string): string {
  return ui.templates.find((t) => t.template === id)?.name ?? id;
}

/** The theme a framework item sits in ("" if unknown), for colouring tag chips. */
export function tagTheme(id: string): string {
  const fw = ui.framework;
  if (!fw) return "";
  if (fw.themes.some((t) => t.id === id)) return id;
  return fw.behaviours.find((b) => b.id === id)?.theme ?? fw.qualities.find((q) => q.id === id)?.theme ?? "";
}

/**
 * Switches between the leader's own journal and the sample reflections, leaving the
 * editor first (which asks if it holds unsaved changes). Every view reloads.
 */
export async function switchJournal(sample: boolean): Promise<void> {
  if (ui.samplePrep) return;
  if (!(await navigate({ name: "journal" }))) return;
  try {
    if (sample) {
      ui.samplePrep = { done: 0, total: 0 };
      ui.status = await exploreSample((p) => (ui.samplePrep = p));
    } else {
      ui.status = await leaveSample();
    }
  } catch (e) {
    report(sample ? "The sample reflections could not be opened" : "Your journal could not be opened", e);
  } finally {
    ui.samplePrep = null;
  }
}

/**
 * Says what a received bundle did and shows it: a leader's entries in the Coachees
 * area, a coach's comments on the (first) entry they are on.
 */
export async function showReceived(r: ReceiveReport): Promise<void> {
  ui.received++;
  notify(receivedMessage(r));
  // `kind` is the engine's BundleKind, so this compares against one of its two values.
  if (r.kind === "entries") await navigate({ name: "coachees", coachee: r.from });
  else if (r.changed[0]) await navigate({ name: "entry", id: r.changed[0] });
}

/**
 * Locks an encrypted journal: the writing in the editor is kept (encrypted, in the
 * journal) first, then the journal is closed and only the lock screen shows.
 */
export async function lockNow(): Promise<void> {
  if (!ui.status?.encrypted || ui.status.locked) return;
  try {
    await drafts.settled();
    ui.editorDirty = false;
    ui.status = await lockJournal();
    ui.view = { name: "journal" };
    ui.messages.splice(0);
  } catch (e) {
    report("The journal could not be locked", e);
  }
}

/** The shell locked the journal itself (the window did not in time): show the lock screen. */
export async function lockedByShell(): Promise<void> {
  try {
    ui.editorDirty = false;
    ui.status = await journalStatus();
    ui.view = { name: "journal" };
    ui.messages.splice(0);
  } catch (e) {
    report("Waymark could not check the journal", e);
  }
}

/** When the leader last pressed a key, clicked or moved the pointer (ms). */
let lastActivity = Date.now();

/** Notes that the leader is here (a key, a click, the pointer moving). */
export function noteActivity(): void {
  lastActivity = Date.now();
}

/** The idle time after which an encrypted journal locks, in seconds (0: never). */
export function idleLockSeconds(): number {
  return idleSeconds(localStorage.getItem(IDLE_KEY));
}

/** Chooses the idle time after which an encrypted journal locks. */
export function setIdleLockSeconds(seconds: number): void {
  localStorage.setItem(IDLE_KEY, String(seconds));
  noteActivity();
}

/** Locks an encrypted, open journal once the leader has been away for the chosen time. */
export function checkIdle(now = Date.now()): void {
  if (!ui.status?.encrypted || ui.status.locked) return;
  if (shouldLock(lastActivity, now, idleLockSeconds())) void lockNow();
}

/** Asks for a .waymark file and receives it. */
export async function receiveFile(): Promise<void> {
  try {
    const r = await receiveBundle();
    if (r) await showReceived(r);
  } catch (e) {
    report("The bundle was not received", e);
  } finally {
    ui.receiving = null;
  }
}

/** The leader's Cancel while a bundle is received: it stops before anything changes. */
export async function cancelReceiving(): Promise<void> {
  try {
    await cancelReceive();
  } catch (e) {
    report("Receiving could not be cancelled", e);
  }
}

/**
 * Files were dropped on the window: asks before receiving them (nothing is read until
 * the leader says so), then says what became of each.
 */
export async function offerDropped(files: string[]): Promise<void> {
  if (files.length === 0) return;
  const which = files.length === 1 ? files[0] : `${files.length} files (${files.join(", ")})`;
  const answer = await ask(
    "Receive the dropped file?",
    `Receive ${which}? Only receive files you expected from one of your contacts.`,
    [
      { label: "Receive", value: "receive", kind: "primary" },
      { label: "Cancel", value: "cancel" },
    ],
  );
  try {
    const results = await receiveDroppedFiles(answer === "receive");
    for (const { file, report: done, error } of results) {
      if (done) await showReceived(done);
      else report(file ? `${file} was not received` : "The dropped file was not received", error);
    }
  } catch (e) {
    report("The dropped file was not received", e);
  } finally {
    ui.receiving = null;
  }
}
