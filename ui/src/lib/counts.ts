// Numbers as a leader reads them: thousands separated ("21,148"), and a noun that
// agrees with its count ("1 entry", "2 entries").

/** `n` with thousands separators, the British way: 21,148. */
export function count(n: number): string {
  return n.toLocaleString("en-GB");
}

/** `n` and its noun: "1 entry", "21,148 entries" (`plural` for nouns that do not just add "s"). */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${count(n)} ${n === 1 ? singular : plural}`;
}

/** "1 entry", "21,148 entries". */
export const entries = (n: number) => counted(n, "entry", "entries");

/** How much of a long list is on screen: "21,148 entries", or "50 of 21,148 entries" while more are to come. */
export function shownOf(shown: number, total: number): string {
  return shown < total ? `${count(shown)} of ${entries(total)}` : entries(total);
}
