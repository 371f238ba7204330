// Filter chips for search, read from and written into the query text itself, so the
// box always shows the query the engine parses (see journal/src/query.rs). Only the
// filter's own term changes; the rest of what was typed stays as it was.

/** The filters the search view offers as controls. */
export type Filters = {
  /** A theme id (`theme:`), or "". */
  theme: string;
  /** A behaviour id (`tag:` naming a behaviour), or "". */
  behaviour: string;
  /** First day, YYYY-MM-DD (`after:`, inclusive), or "" (also when typed as a month or year). */
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

/**
 * The query split into its terms, quotes kept: `tag:"sharing power"` and
 * `"shared decision"` are one term each; an unclosed quote runs to the end.
 */
export function terms(query: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of query) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && /\s/.test(ch)) {
      if (current) out.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  if (current) out.push(current);
  return out;
}

/** A term's key and unquoted value (`tag:"a b"` → ["tag", "a b"]); null for plain words. */
function keyValue(term: string): [string, string] | null {
  const m = /^([a-z][a-z-]*):(.*)$/.exec(term);
  if (!m) return null;
  return [m[1], m[2].replace(/^"(.*)"?$/, "$1").replace(/"$/, "")];
}

const YES = new Set(["yes", "y", "true", "1"]);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Which filter, if any, a term sets (negated terms, `-theme:x`, set none). */
function filterOf(term: string, behaviours: ReadonlySet<string>): FilterKey | null {
  const kv = keyValue(term);
  if (!kv) return null;
  const [key, value] = kv;
  switch (key) {
    case "theme":
      return "theme";
    case "tag":
      return behaviours.has(value) ? "behaviour" : null;
    case "after":
      return "from";
    case "before":
      return "to";
    case "template":
      return "template";
    case "starred":
      return YES.has(value.toLowerCase()) ? "starred" : null;
    default:
      return null;
  }
}

/** The filters a query sets; the first term for each filter counts. */
export function readFilters(query: string, behaviours: ReadonlySet<string>): Filters {
  const f: Filters = { ...NO_FILTERS };
  const seen = new Set<FilterKey>();
  for (const term of terms(query)) {
    const key = filterOf(term, behaviours);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const value = keyValue(term)?.[1] ?? "";
    if (key === "starred") f.starred = true;
    else if (key === "from" || key === "to") f[key] = DAY.test(value) ? value : "";
    else f[key] = value;
  }
  return f;
}

/** The query term for a filter value, or null when the filter is off. */
export function termFor(key: FilterKey, value: string | boolean): string | null {
  if (value === false || value === "") return null;
  switch (key) {
    case "theme":
      return `theme:${value}`;
    case "behaviour":
      return `tag:${value}`;
    case "from":
      return `after:${value}`;
    case "to":
      return `before:${value}`;
    case "template":
      return `template:${value}`;
    case "starred":
      return "starred:yes";
  }
}

/**
 * The query with one filter set (or cleared, for "" or false): its first term is
 * replaced where it stands, any repeat of it dropped, or the term added at the end.
 */
export function withFilter(query: string, key: FilterKey, value: string | boolean, behaviours: ReadonlySet<string>): string {
  const term = termFor(key, value);
  const out: string[] = [];
  let placed = false;
  for (const t of terms(query)) {
    if (filterOf(t, behaviours) !== key) {
      out.push(t);
    } else if (!placed) {
      placed = true;
      if (term) out.push(term);
    }
  }
  if (!placed && term) out.push(term);
  return out.join(" ");
}

/** The query with every filter the controls offer cleared; words and other terms stay. */
export function withoutFilters(query: string, behaviours: ReadonlySet<string>): string {
  return terms(query)
    .filter((t) => filterOf(t, behaviours) === null)
    .join(" ");
}

/** Whether any filter is on. */
export function anyFilter(f: Filters): boolean {
  return f.starred || [f.theme, f.behaviour, f.from, f.to, f.template].some((v) => v !== "");
}
