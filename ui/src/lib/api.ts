// The one place the UI talks to the Rust side. Every call is a Tauri command
// that adapts an engine function; the types come from the Rust types (ts-rs).
import { Channel, invoke } from "@tauri-apps/api/core";
import type { CoacheeResults } from "../bindings/CoacheeResults";
import type { CoacheeSummary } from "../bindings/CoacheeSummary";
import type { DeletedShared } from "../bindings/DeletedShared";
import type { CommentView } from "../bindings/CommentView";
import type { Contact } from "../bindings/Contact";
import type { MonthCount } from "../bindings/MonthCount";
import type { DroppedBundle } from "../bindings/DroppedBundle";
import type { IdentityInfo } from "../bindings/IdentityInfo";
import type { NewComment } from "../bindings/NewComment";
import type { ReceiveReport } from "../bindings/ReceiveReport";
import type { EntryShare } from "../bindings/EntryShare";
import type { JournalMade } from "../bindings/JournalMade";
import type { BackupReport } from "../bindings/BackupReport";
import type { BackupStatus } from "../bindings/BackupStatus";
import type { RestoredBackup } from "../bindings/RestoredBackup";
import type { FindingToReview } from "../bindings/FindingToReview";
import type { IdentifierKind } from "../bindings/IdentifierKind";
import type { DismissedFinding } from "../bindings/DismissedFinding";
import type { DraftFindings } from "../bindings/DraftFindings";
import type { RedactionPlan } from "../bindings/RedactionPlan";
import type { Redacted } from "../bindings/Redacted";
import type { SwappedJournal } from "../bindings/SwappedJournal";
import type { ShareContent } from "../bindings/ShareContent";
import type { ShareFields } from "../bindings/ShareFields";
import type { AppraisalYear } from "../bindings/AppraisalYear";
import type { Action } from "../bindings/Action";
import type { ActionDraft } from "../bindings/ActionDraft";
import type { ActionStatus } from "../bindings/ActionStatus";
import type { QuarterDone } from "../bindings/QuarterDone";
import type { PackPreview } from "../bindings/PackPreview";
import type { TemplateField } from "../bindings/TemplateField";
import type { ShareLogEntry } from "../bindings/ShareLogEntry";
import type { ShareReport } from "../bindings/ShareReport";
import type { Entry } from "../bindings/Entry";
import type { EntryDraft } from "../bindings/EntryDraft";
import type { ExportDone } from "../bindings/ExportDone";
import type { Framework } from "../bindings/Framework";
import type { ImportReport } from "../bindings/ImportReport";
import type { KeptDraft } from "../bindings/KeptDraft";
import type { GrowthOptions } from "../bindings/GrowthOptions";
import type { GrowthOverview } from "../bindings/GrowthOverview";
import type { JournalStatus } from "../bindings/JournalStatus";
import type { Match } from "../bindings/Match";
import type { Revision } from "../bindings/Revision";
import type { RevisionChanges } from "../bindings/RevisionChanges";
import type { SearchOptions } from "../bindings/SearchOptions";
import type { SearchResults } from "../bindings/SearchResults";
import type { TemplateInfo } from "../bindings/TemplateInfo";
import type { Unseen } from "../bindings/Unseen";
import type { WorkProgress } from "../bindings/WorkProgress";

/** Where the journal lives and whether it opened. */
export const journalStatus = () => invoke<JournalStatus>("journal_status");
/** Unlocks the encrypted journal with its passphrase (a wrong one is an error saying so). */
export const unlockJournal = (passphrase: string) => invoke<JournalStatus>("unlock_journal", { passphrase });
/** Makes the first journal: encrypted with `passphrase`, or plain when null; an encrypted one comes with its recovery key. */
export const createJournal = (passphrase: string | null) => invoke<JournalMade>("create_journal", { passphrase });
/** Sets a new passphrase with the recovery key (the old one forgotten) and opens the journal. */
export const recoverJournal = (recoveryKey: string, newPassphrase: string) =>
  invoke<JournalStatus>("recover_journal", { recoveryKey, newPassphrase });
/** Changes the open journal's passphrase, once the current one is given. */
export const changePassphrase = (current: string, newPassphrase: string) =>
  invoke<void>("change_passphrase", { current, newPassphrase });
/** Remembers the open encrypted journal on this computer (the OS credential store keeps its key), or forgets it. */
export const setRemembered = (remember: boolean) => invoke<JournalStatus>("set_remembered", { remember });
/** Turns encryption on for the plain journal; comes back with its recovery key, to show once. */
export const encryptJournal = (passphrase: string) => invoke<JournalMade>("encrypt_journal", { passphrase });
/** Locks the encrypted journal now: closed, its key out of memory. */
export const lockJournal = () => invoke<JournalStatus>("lock_journal");
/** Switches to the sample reflections (filled on first use, calling `progress` as it goes). */
export function exploreSample(progress: (p: WorkProgress) => void): Promise<JournalStatus> {
  const onProgress = new Channel<WorkProgress>();
  onProgress.onmessage = progress;
  return invoke<JournalStatus>("explore_sample", { onProgress });
}
/** Switches back to the leader's own journal. */
export const leaveSample = () => invoke<JournalStatus>("leave_sample");
/** The whole Leadership for Personalised Care framework, from the `framework` crate. */
export const getFramework = () => invoke<Framework>("get_framework");
/** Framework items matching typed text, best first. */
export const findTags = (text: string) => invoke<Match[]>("find_tags", { text });
/** Every template with its labelled boxes, the default first. */
export const templates = () => invoke<TemplateInfo[]>("templates");
export const shareFields = () => invoke<TemplateField[]>("share_fields");

/** One page of entries, newest first. */
export const listEntries = (
  starredOnly: boolean,
  theme: string | null,
  offset: number,
  limit: number,
  coachee: string | null = null,
) => invoke<Entry[]>("list_entries", { starredOnly, theme, offset, limit, coachee });
/** Asks for a folder and moves the journal there; null when the leader cancelled. */
export const moveJournal = () => invoke<JournalStatus | null>("move_journal");
/** Entries per month, newest first, under the same filters as `listEntries`. */
export const entryMonths = (starredOnly: boolean, theme: string | null, coachee: string | null = null) =>
  invoke<MonthCount[]>("entry_months", { starredOnly, theme, coachee });
/** One entry (of the journal shown, or of what `coachee` shared). */
export const getEntry = (id: string, coachee: string | null = null) => invoke<Entry>("get_entry", { id, coachee });
/** Saves a new entry. */
export const createEntry = (draft: EntryDraft) => invoke<Entry>("create_entry", { draft });
/** Saves a new version of an entry. */
export const updateEntry = (id: string, draft: EntryDraft) => invoke<Entry>("update_entry", { id, draft });
/** Keeps the editor's unsaved writing for entry `id` (null: the entry being started). */
export const keepDraft = (id: string | null, draft: EntryDraft) => invoke<KeptDraft>("keep_draft", { id, draft });
/** The unsaved writing kept for entry `id` (null: the entry being started), if any. */
export const keptDraft = (id: string | null) => invoke<KeptDraft | null>("kept_draft", { id });
/** Forgets the unsaved writing kept for entry `id` (null: the entry being started). */
export const dropDraft = (id: string | null) => invoke<void>("drop_draft", { id });
/** Every version of an entry, newest first. */
export const entryHistory = (id: string) => invoke<Revision[]>("entry_history", { id });
/** What changed from version `from` of an entry to version `to` (`from` null: the version before), word by word. */
export const revisionChanges = (id: string, to: number, from: number | null = null) =>
  invoke<RevisionChanges>("revision_changes", { id, from, to });
/** Brings back an earlier version as a new one. */
export const restoreRevision = (id: string, revision: number) => invoke<Entry>("restore_revision", { id, revision });
/** Moves an entry to the bin. */
export const deleteEntry = (id: string) => invoke<void>("delete_entry", { id });
/** Takes an entry out of the bin. */
export const restoreEntry = (id: string) => invoke<Entry>("restore_entry", { id });
/** Removes an entry in the bin for good. */
export const purgeEntry = (id: string) => invoke<void>("purge_entry", { id });
/** Entries in the bin. */
export const listBin = () => invoke<Entry[]>("list_bin");

/** Searches with the engine's query language. */
export const search = (query: string, options: SearchOptions, coachee: string | null = null) =>
  invoke<SearchResults>("search", { query, options, coachee });
/** Every entry id matching a search, newest first (to share all of a search's results). */
export const searchIds = (query: string) => invoke<string[]>("search_ids", { query });

/** Everything the Growth view shows, counted in one engine call (a coachee's from what they shared). */
export const growthOverview = (options: GrowthOptions, today: string, coachee: string | null = null) =>
  invoke<GrowthOverview>("growth_overview", { options, today, coachee });

/** Markdown as sanitised HTML (the engine's renderer). */
export const renderMarkdown = (text: string) => invoke<string>("render_markdown", { text });
/** An entry's fields and body as sanitised HTML (the engine's renderer). */
export const renderEntry = (id: string, coachee: string | null = null) =>
  invoke<string>("render_entry", { id, coachee });
/** Rebuilds the search index, calling `progress` as it goes. */
export function reindex(progress: (p: WorkProgress) => void): Promise<void> {
  const onProgress = new Channel<WorkProgress>();
  onProgress.onmessage = progress;
  return invoke<void>("reindex", { onProgress });
}

/** Exports every entry to a JSON file the leader picks, encrypted with `passphrase` when given; null if they cancelled. */
export const exportJson = (passphrase: string | null = null, redact = false) =>
  invoke<ExportDone | null>("export_json", { passphrase, redact });
/** Exports every entry as Markdown files into a folder the leader picks; null if they cancelled. */
export const exportMarkdown = (redact = false) => invoke<ExportDone | null>("export_markdown", { redact });
/** Imports a Waymark JSON file the leader picks; null if they cancelled. */
export const importJson = (passphrase: string | null = null) => invoke<ImportReport | null>("import_json", { passphrase });

/** This journal's name, share code and fingerprint. */
export const identity = () => invoke<IdentityInfo>("identity");
/** Changes the name others see in the share code. */
export const setIdentityName = (name: string) => invoke<IdentityInfo>("set_identity_name", { name });
/** Everyone this journal exchanges bundles with. */
export const contacts = () => invoke<Contact[]>("contacts");
/** Adds a contact from their share code (under `name`, or the name in the code). */
export const addContact = (code: string, name: string | null) => invoke<Contact>("add_contact", { code, name });
/** Removes a contact. */
export const removeContact = (name: string) => invoke<Contact>("remove_contact", { name });
/** An entry's comments with their text as sanitised HTML (the engine's renderer). */
/** `coachee`: the entry is one that coachee shared (null: this journal's own). */
export const entryComments = (id: string, coachee: string | null = null) =>
  invoke<CommentView[]>("entry_comments", { id, coachee });
/** How many comments each entry has (only entries with some), by entry id. */
export const commentCounts = () => invoke<Record<string, number>>("comment_counts");
/** What is new and not yet opened, by entry id: among `coachee`'s shared entries, or this journal's own (null). */
export const unseen = (coachee: string | null = null) => invoke<Record<string, Unseen>>("unseen", { coachee });
/** Marks an entry (of `coachee`, or this journal's own) as opened: it and its comments are no longer new. */
export const markSeen = (id: string, coachee: string | null = null) => invoke<void>("mark_seen", { id, coachee });
/** Writes a comment or reply on an entry. */
/** `coachee`: the entry is one that coachee shared (null: this journal's own). */
export const addComment = (id: string, comment: NewComment, coachee: string | null = null) =>
  invoke<CommentView>("add_comment", { id, comment, coachee });
/** Replaces the text of a comment this journal's owner wrote (it goes with the next bundle). */
export const editComment = (id: string, text: string) => invoke<CommentView>("edit_comment", { id, text });
/** Withdraws a comment this journal's owner wrote: its words are erased here, and with the next bundle wherever it went. */
export const withdrawComment = (id: string) => invoke<CommentView>("withdraw_comment", { id });
/** Who an entry of this journal was shared with, and whether it was withdrawn from them. */
export const entryShares = (id: string) => invoke<EntryShare[]>("entry_shares", { id });
/** Withdraws an entry from `from` and saves the bundle that removes their copy where the leader picks; null if they cancelled. */
export const unshareEntry = (id: string, from: string) => invoke<ShareReport | null>("unshare_entry", { id, from });
/** Where backups go and how recent the last one is. */
export const backupStatus = () => invoke<BackupStatus>("backup_status");
/** Asks for the folder backups go to; null if the leader cancelled. */
export const chooseBackupFolder = () => invoke<BackupStatus | null>("choose_backup_folder");
/** Makes a backup now in the chosen folder. */
export const backupNow = () => invoke<BackupReport>("backup_now");
/** Restores the backup called `name` (from the backup list) into a new folder beside the journal. */
export const restoreBackup = (name: string) => invoke<RestoredBackup>("restore_backup", { name });
/** Puts the journal restored last in place of the one in use (kept beside it). */
export const useRestoredBackup = () => invoke<SwappedJournal>("use_restored_backup");
/** Asks a receive in progress to stop before it changes anything. */
export const cancelReceive = () => invoke<void>("cancel_receive");
/** Exactly what sharing these entries with `to` would send. */
export const sharePreview = (to: string, ids: string[], fields: ShareFields) =>
  invoke<ShareContent>("share_preview", { to, ids, fields });
/** Saves a bundle for `to` where the leader picks; null if they cancelled. */
export const shareEntries = (to: string, ids: string[], fields: ShareFields, redact = false) =>
  invoke<ShareReport | null>("share_entries", { to, ids, fields, redact });
/** Every detail that may identify someone in what this share would send. */
export const shareFindings = (to: string, ids: string[], fields: ShareFields) =>
  invoke<FindingToReview[]>("share_findings", { to, ids, fields });
/** Marks a finding as fine for its text: the check no longer reports it. */
export const markFindingFine = (kind: IdentifierKind, text: string) => invoke<void>("mark_finding_fine", { kind, text });
export const unmarkFindingFine = (kind: IdentifierKind, text: string) => invoke<void>("unmark_finding_fine", { kind, text });
export const dismissedFindings = () => invoke<DismissedFinding[]>("dismissed_findings");
/** The details that may identify someone in a draft, for the editor's marks (char offsets). */
export const checkDraft = (draft: EntryDraft) => invoke<DraftFindings[]>("check_draft", { draft });
/** The details that may identify someone in an export of the whole journal. */
export const exportFindings = () => invoke<FindingToReview[]>("export_findings");

/** The development plan (open actions first, soonest due first), or one reflection's. */
export const actions = (entry: string | null = null) => invoke<Action[]>("actions", { entry });
/** Plans an action from a reflection: from its box `field` (its "what next" box) or as a whole. */
export const addAction = (entry: string, field: string | null, draft: ActionDraft) => invoke<Action>("add_action", { entry, field, draft });
/** Changes what an action says, its date or its items. */
export const updateAction = (id: string, draft: ActionDraft) => invoke<Action>("update_action", { id, draft });
/** Closes an action as done or dropped with a note, or opens it again ("open"). */
export const setActionStatus = (id: string, status: ActionStatus, note: string | null = null) =>
  invoke<Action>("set_action_status", { id, status, note });
/** Actions done per quarter, per theme, oldest quarter first. */
export const actionsDoneByQuarter = () => invoke<QuarterDone[]>("actions_done_by_quarter");
/** Takes an action out of the plan for good. */
export const deleteAction = (id: string) => invoke<void>("delete_action", { id });

/** The two files an appraisal pack can be made as. */
export type PackFormat = "pdf" | "docx";
/** The appraisal years to offer, the one holding `today` (YYYY-MM-DD) first. */
export const appraisalYears = (today: string) => invoke<AppraisalYear[]>("appraisal_years", { today });
/** What the pack of the appraisal year starting in `year` would hold: the reflections matching `query` (empty: all), with `fields`. */
export const appraisalPackPreview = (query: string, year: number, fields: ShareFields) =>
  invoke<PackPreview>("appraisal_pack_preview", { query, year, fields });
/** Makes the appraisal pack where the leader picks, calling `progress` as it goes; null if they cancelled. */
export function makeAppraisalPack(
  query: string,
  year: number,
  fields: ShareFields,
  format: PackFormat,
  redact: boolean,
  progress: (p: WorkProgress) => void,
): Promise<ExportDone | null> {
  const onProgress = new Channel<WorkProgress>();
  onProgress.onmessage = progress;
  return invoke<ExportDone | null>("make_appraisal_pack", { query, year, fields, format, redact, onProgress });
}
export const watchList = () => invoke<string[]>("watch_list");
export const setWatchList = (names: string[]) => invoke<string[]>("set_watch_list", { names });
export const redactionPlan = (id: string) => invoke<RedactionPlan>("redaction_plan", { id });
export const redactEntry = (id: string, everyVersion: boolean) => invoke<Redacted>("redact_entry", { id, everyVersion });
/** Receives a .waymark file the leader picks; null if they cancelled. */
export const receiveBundle = () => invoke<ReceiveReport | null>("receive_bundle");
/** Receives the files last dropped on the window (`receive`), or forgets them. */
export const receiveDroppedFiles = (receive: boolean) =>
  invoke<DroppedBundle[]>("receive_dropped_files", { receive });
/** Saves a feedback bundle (every comment on what `to` shared) where the coach picks; null if they cancelled. */
export const sendFeedback = (to: string) => invoke<ShareReport | null>("send_feedback", { to });
/** Everyone who shared entries with this journal, with how much. */
export const coachees = () => invoke<CoacheeSummary[]>("coachees");
/** Deletes for good what the coachee `name` shared here (removing them from contacts too). */
export const deleteShared = (name: string) => invoke<DeletedShared>("delete_shared", { name });
/** Searches what coachees shared: the one called `only`, or all of them. */
export const searchCoachees = (query: string, options: SearchOptions, only: string | null) =>
  invoke<CoacheeResults[]>("search_coachees", { query, options, only });
/** Every bundle sent or received, newest first. */
export const shareLog = () => invoke<ShareLogEntry[]>("share_log");

/** Opens a web or mail link in the system's browser or mail program (after the leader said so). */
export const openLink = (url: string) => invoke<void>("open_link", { url });

/** Turns whatever a command rejected with into a sentence to show. */
export function errorMessage(error: unknown): string {
  if (typeof error === "string") return error;
  if (error && typeof error === "object" && "message" in error) {
    return String((error as { message: unknown }).message);
  }
  return "Something went wrong, and Waymark could not tell what.";
}

/**
 * Where in the search text a refused query's mistake is, if the engine placed it: the
 * characters (code points) of the term at fault, `start` inclusive, `end` exclusive.
 */
export function errorSpan(error: unknown): { start: number; end: number } | null {
  if (error && typeof error === "object" && "start" in error && "end" in error) {
    const { start, end } = error as { start: unknown; end: unknown };
    if (typeof start === "number" && typeof end === "number") return { start, end };
  }
  return null;
}

/** Tells the shell whether the editor holds unsaved changes (closing the window then asks). */
export const setUnsaved = (unsaved: boolean) => invoke<void>("set_unsaved", { unsaved });
/** Closes the window for good (after asking, or when nothing is unsaved). */
export const closeWindow = () => invoke<void>("close_window");
