import type { TemplateField } from "../bindings/TemplateField";

// Where the details that may identify someone sit in a text box. The engine counts
// characters (Unicode scalar values); a text box counts UTF-16 units, so an emoji or
// a letter outside the basic plane before a finding would shift every mark after it
// unless the offsets are converted here.

/** A detail found in a box, as the engine sends it (offsets in characters). */
export interface CharSpan {
  kind: string;
  start: number;
  end: number;
  text: string;
  reason: string;
}

/** The same detail with offsets in UTF-16 units, as a text box and its selection count. */
export interface BoxSpan extends CharSpan {
  from: number;
  to: number;
}

/** One run of a box's text for its backdrop: plain, or a detail to underline. */
export interface Segment {
  text: string;
  mark: BoxSpan | null;
}

/** `spans` with UTF-16 offsets into `text`; spans beyond its end (a stale answer) are dropped. */
export function toBox(text: string, spans: CharSpan[]): BoxSpan[] {
  const chars = Array.from(text);
  // units[i]: UTF-16 offset of character i; units[chars.length]: the text's length.
  const units = new Array<number>(chars.length + 1);
  units[0] = 0;
  for (let i = 0; i < chars.length; i++) units[i + 1] = units[i] + chars[i].length;
  return spans
    .filter((s) => s.start < s.end && s.end <= chars.length)
    .map((s) => ({ ...s, from: units[s.start], to: units[s.end] }))
    // The text may have changed since it was checked: only marks that still hold
    // the words found are drawn, so a mark never sits on the wrong letters.
    .filter((s) => text.slice(s.from, s.to) === s.text);
}

/** `text` cut into plain runs and marked runs, in order, for drawing underlines. */
export function segments(text: string, spans: BoxSpan[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.from - b.from)) {
    if (s.from < at) continue;
    if (s.from > at) out.push({ text: text.slice(at, s.from), mark: null });
    out.push({ text: text.slice(s.from, s.to), mark: s });
    at = s.to;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: null });
  return out;
}

/** The detail the cursor is in or touching (at `caret`, a UTF-16 offset), if any. */
export function markAt(spans: BoxSpan[], caret: number): BoxSpan | null {
  return spans.find((s) => caret >= s.from && caret <= s.to) ?? null;
}

/** "1 detail may identify someone", "2 details may identify someone". */
export function detailsLine(n: number): string {
  return n === 1 ? "1 detail may identify someone" : `${n} details may identify someone`;
}

/**
 * Which labels hold a detail, from spans found in the labels joined by ", " (as the
 * engine checks them): label index to the reasons, for marking the label chips.
 */
export function flaggedLabels(labels: string[], spans: CharSpan[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  let start = 0;
  labels.forEach((label, i) => {
    const end = start + Array.from(label).length;
    const reasons = spans.filter((s) => s.start < end && s.end > start).map((s) => s.reason);
    if (reasons.length) out.set(i, reasons);
    start = end + 2;
  });
  return out;
}

/** Where in an entry a finding is, in the words the editor uses ("Title", "What?", "Your comment"). */
export function placeOf(field: string, fields: TemplateField[]): string {
  if (field === "title") return "Title";
  if (field === "body") return "Text";
  if (field === "labels") return "Labels";
  if (field.startsWith("comment:")) return "Your comment";
  return fields.find((f) => f.key === field)?.label ?? field;
}
