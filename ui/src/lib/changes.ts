// What changed between two versions of an entry, put into words for the history. The
// comparison itself is the engine's (journal/src/changes.rs); this only counts and names.

import type { RevisionChanges } from "../bindings/RevisionChanges";
import type { Segment } from "../bindings/Segment";

/** How many words the segments of `kind` hold. */
export function wordCount(segments: Segment[], kind: Segment["kind"]): number {
  return segments
    .filter((s) => s.kind === kind)
    .reduce((n, s) => n + s.text.split(/\s+/).filter(Boolean).length, 0);
}

/** "1 word" or "3 words". */
function words(n: number): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? "word" : "words"}`;
}

/**
 * One line saying what changed, for the top of a version's changes: "4 words added and
 * 2 removed in What? and Notes; title, date and tags changed", or "Nothing changed".
 */
export function changeSummary(changes: RevisionChanges): string {
  const all = [...(changes.title ?? []), ...changes.fields.flatMap((f) => f.segments)];
  const added = wordCount(all, "added");
  const removed = wordCount(all, "removed");
  const parts: string[] = [];
  if (added && removed) parts.push(`${words(added)} added and ${removed.toLocaleString("en-GB")} removed`);
  else if (added) parts.push(`${words(added)} added`);
  else if (removed) parts.push(`${words(removed)} removed`);
  if (parts.length && changes.fields.length) parts[0] += ` in ${listed(changes.fields.map((f) => f.label))}`;
  const other: string[] = [];
  if (changes.title) other.push("title");
  if (changes.date) other.push("date");
  if (changes.template) other.push("template");
  if (changes.tags_added.length || changes.tags_removed.length) other.push("tags");
  if (changes.labels_added.length || changes.labels_removed.length) other.push("labels");
  if (changes.starred !== null) other.push("star");
  if (other.length) parts.push(`${listed(other)} changed`);
  if (!parts.length) return "Nothing changed";
  const line = parts.join("; ");
  return line.charAt(0).toUpperCase() + line.slice(1);
}

/** "a", "a and b", "a, b and c". */
function listed(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
