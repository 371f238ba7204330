// Keeping your place: a view that can be returned to (the journal list, search, a
// coachee's entries) keeps what it showed when the leader opened an entry from it, and
// takes it back when they come back. Anything else opens at its top.

/** What a view remembers of where the leader was. */
export type Place = {
  /** How far its scroller was scrolled (the journal list's own, or the page's). */
  scrollTop: number;
  /** The entry the leader opened from it, whose row gets the focus back. */
  opened: string | null;
  /** Whatever else the view needs to show the same thing again (query, filters, how many results). */
  state: Record<string, unknown>;
};

const kept = new Map<string, Place>();

/** Remembers `place` for the view called `view`, replacing what was kept before. */
export function keepPlace(view: string, place: Place): void {
  kept.set(view, place);
}

/** The place kept for `view` when coming back to it, or null when arriving afresh (which also forgets it). */
export function placeFor(view: string, returning: boolean): Place | null {
  const place = kept.get(view) ?? null;
  if (!returning) kept.delete(view);
  return returning ? place : null;
}

/** A string kept in a place's state, or `fallback`. */
export function keptString(place: Place | null, key: string, fallback: string): string {
  const value = place?.state[key];
  return typeof value === "string" ? value : fallback;
}

/** A number kept in a place's state, or `fallback`. */
export function keptNumber(place: Place | null, key: string, fallback: number): number {
  const value = place?.state[key];
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

/** A boolean kept in a place's state, or `fallback`. */
export function keptBoolean(place: Place | null, key: string, fallback: boolean): boolean {
  const value = place?.state[key];
  return typeof value === "boolean" ? value : fallback;
}

/**
 * Sets `node.scrollTop` once it can scroll that far (content still arriving makes it
 * shorter at first), trying for up to `frames` animation frames; resolves with whether
 * it got there.
 */
export function scrollWhenTall(node: HTMLElement, top: number, frames = 120): Promise<boolean> {
  return new Promise((resolve) => {
    let left = frames;
    const attempt = () => {
      node.scrollTop = top;
      if (Math.abs(node.scrollTop - top) <= 1 || left-- <= 0) resolve(Math.abs(node.scrollTop - top) <= 1);
      else requestAnimationFrame(attempt);
    };
    attempt();
  });
}
