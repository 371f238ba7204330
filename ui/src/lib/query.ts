// The only UI code that reads or writes search query text. It never parses the
// language: what a query means comes from the engine, as the clauses of a search's
// results, each with the characters it was written in (see journal/src/search/syntax.rs).
// Filter controls read those clauses, and writing a filter replaces its clause's
// characters, so the rest of what was typed stays exactly as it was.

import type { Clause } from "../bindings/Clause";
import type { ClauseKind } from "../bindings/ClauseKind";
import type { Template } from "../bindings/Template";

/** Query text and the engine's reading of it (clauses in the order written). */
export type Parsed = { text: string; clauses: Clause[] };

/** The filters the search view offers as controls. */
export type Filters = {
  /** A theme id (`theme:`), or "". */
  theme: string;
  /** A behaviour id (`tag:` naming a behaviour), or "". */
  behaviour: string;
  /** First day, YYYY-MM-DD (`after:`, inclusive), or "". */
  from: string;
  /** Last day, YYYY-MM-DD (`before:`, inclusive), or "". */
  to: string;
  /** A template (`template:`), or "". */
  template: string;
  /** Starred entries only (`starred:yes`). */
  starred: boolean;
};

export type FilterKey = keyof Filters;

export const NO_FILTERS: Filters = { theme: "", behaviour: "", from: "", to: "", template: "", starred: false };

/** Characters (code points, as the engine counts them) of `text`. */
const chars = (text: string) => Array.from(text);

/** The UTF-16 offset (what an input's selection takes) of code point `index` in `text`. */
export function utf16Offset(text: string, index: number): number {
  return chars(text).slice(0, index).join("").length;
}

/** The text of a clause, as it was written. */
export function writtenAs(text: string, clause: { start: number; end: number }): string {
  return chars(text).slice(clause.start, clause.end).join("");
}

/**
 * Which control a clause is, if any: one filter per clause, never a negated one
 * (`-theme:being` stays text), a `tag:` only when it names a behaviour, a date only
 * when it has one end (`after:` or `before:`; `on:` stays text).
 */
export function filterOf(clause: Clause, behaviours: ReadonlySet<string>): FilterKey | null {
  if (clause.negated) return null;
  const k = clause.kind;
  switch (k.kind) {
    case "theme":
      return "theme";
    case "tag":
      return behaviours.has(k.value.id) ? "behaviour" : null;
    case "date":
      if (k.value.from && !k.value.to) return "from";
      if (k.value.to && !k.value.from) return "to";
      return null;
    case "template":
      return "template";
    case "starred":
      return k.value ? "starred" : null;
    default:
      return null;
  }
}

/** The value a filter clause sets its control to. */
function valueOf(k: ClauseKind): string | boolean {
  switch (k.kind) {
    case "theme":
      return k.value;
    case "tag":
      return k.value.id;
    case "date":
      return k.value.from ?? k.value.to ?? "";
    case "template":
      return k.value;
    case "starred":
      return k.value;
    default:
      return "";
  }
}

/** The filters a query sets; the first clause for each filter counts. */
export function readFilters(clauses: readonly Clause[], behaviours: ReadonlySet<string>): Filters {
  const f: Filters = { ...NO_FILTERS };
  const seen = new Set<FilterKey>();
  for (const c of clauses) {
    const key = filterOf(c, behaviours);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    Object.assign(f, { [key]: valueOf(c.kind) });
  }
  return f;
}

/** Whether any filter is on. */
export function anyFilter(f: Filters): boolean {
  return f.starred || [f.theme, f.behaviour, f.from, f.to, f.template].some((v) => v !== "");
}

/** A value as the language takes it: quoted when it holds a space. */
const value = (v: string) => (/\s/.test(v) ? `"${v}"` : v);

/** How a framework item is named in a query: its label, once the framework is known (see `nameItemsBy`). */
let itemName: (id: string) => string = (id) => id;

/**
 * Names framework items in the terms written from here by `name` (the label a leader
 * sees on chips, in Growth and the Framework view), so the query says `tag:Courage`,
 * not the item's id; the engine reads a label as well as an id.
 */
export function nameItemsBy(name: (id: string) => string): void {
  itemName = name;
}

/** `tag:` for a framework item id (a behaviour, quality or theme's item), written with its label. */
export const tagTerm = (id: string) => `tag:${value(itemName(id))}`;
/** `theme:` for a theme id. */
export const themeTerm = (id: string) => `theme:${value(id)}`;
/** `on:` for a day (YYYY-MM-DD), a month (YYYY-MM) or a year. */
export const onTerm = (period: string) => `on:${period}`;
/** Terms joined into one query. */
export const queryOf = (...terms: string[]) => terms.filter((t) => t !== "").join(" ");

/** The term and the clause the engine would read from it, for a filter value; null when off. */
function written(key: FilterKey, v: string | boolean): { term: string; kind: ClauseKind } | null {
  if (key === "starred") return v === true ? { term: "starred:yes", kind: { kind: "starred", value: true } } : null;
  if (typeof v !== "string" || v === "") return null;
  switch (key) {
    case "theme":
      return { term: themeTerm(v), kind: { kind: "theme", value: v } };
    case "behaviour":
      return { term: tagTerm(v), kind: { kind: "tag", value: { id: v } } };
    case "from":
      return { term: `after:${v}`, kind: { kind: "date", value: { from: v, to: null } } };
    case "to":
      return { term: `before:${v}`, kind: { kind: "date", value: { from: null, to: v } } };
    case "template":
      return { term: `template:${v}`, kind: { kind: "template", value: v as Template } };
  }
}

type Edit = { start: number; end: number; insert: string; kind: ClauseKind | null };

/**
 * Applies edits (each replacing one clause's characters, or adding at the end when
 * `start` is the text's length) and returns the new text with its clauses moved to
 * match, so the controls stay right without waiting for the engine. A removed term
 * takes the space after it (or before it, at the end) with it.
 */
function apply(parsed: Parsed, edits: Edit[]): Parsed {
  const text = chars(parsed.text);
  const byStart = [...edits].sort((a, b) => a.start - b.start);
  let out: string[] = [];
  const clauses: Clause[] = [];
  let at = 0;
  let e = 0;
  const emit = (s: string) => (out = out.concat(chars(s)));
  const clauseStarts = new Map(parsed.clauses.map((c) => [c.start, c]));
  while (at <= text.length) {
    const edit = byStart[e];
    if (edit && edit.start === at) {
      e += 1;
      if (edit.insert) {
        if (edit.start === text.length && out.length && !/\s/.test(out[out.length - 1])) emit(" ");
        const start = out.length;
        emit(edit.insert);
        if (edit.kind) clauses.push({ kind: edit.kind, negated: false, start, end: out.length });
        at = edit.end;
      } else {
        // Drop the term and the space after it; at the very end, the space before it.
        let end = edit.end;
        while (end < text.length && /\s/.test(text[end])) end += 1;
        if (end === text.length) while (out.length && /\s/.test(out[out.length - 1])) out.pop();
        at = end;
      }
      continue;
    }
    if (at === text.length) break;
    const clause = clauseStarts.get(at);
    if (clause && !byStart.some((x) => x.start === clause.start && x.end === clause.end)) {
      const start = out.length;
      emit(text.slice(clause.start, clause.end).join(""));
      clauses.push({ ...clause, start, end: out.length });
      at = clause.end;
      continue;
    }
    out.push(text[at]);
    at += 1;
  }
  return { text: out.join(""), clauses };
}

/**
 * The query with one filter set (or cleared, for "" or false): its first clause is
 * replaced where it stands, any repeat of it dropped, or the term added at the end.
 */
export function withFilter(parsed: Parsed, key: FilterKey, v: string | boolean, behaviours: ReadonlySet<string>): Parsed {
  const next = written(key, v);
  const edits: Edit[] = [];
  for (const c of parsed.clauses) {
    if (filterOf(c, behaviours) !== key) continue;
    const first = edits.length === 0;
    edits.push({ start: c.start, end: c.end, insert: first && next ? next.term : "", kind: first && next ? next.kind : null });
  }
  if (!edits.length && next) {
    const end = chars(parsed.text).length;
    edits.push({ start: end, end, insert: next.term, kind: next.kind });
  }
  return apply(parsed, edits);
}

/** The query with every filter the controls offer cleared; words and other terms stay. */
export function withoutFilters(parsed: Parsed, behaviours: ReadonlySet<string>): Parsed {
  const edits = parsed.clauses
    .filter((c) => filterOf(c, behaviours) !== null)
    .map((c) => ({ start: c.start, end: c.end, insert: "", kind: null }));
  return apply(parsed, edits);
}

/**
 * The query with `term` added at the end, unless a clause is already written exactly
 * so. The engine reads the new term on the next search.
 */
export function withTerm(parsed: Parsed, term: string): string {
  if (parsed.clauses.some((c) => writtenAs(parsed.text, c) === term)) return parsed.text;
  const words = parsed.text.trimEnd();
  return words ? `${words} ${term}` : term;
}
