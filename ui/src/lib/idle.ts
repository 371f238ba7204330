// Locking an encrypted journal after the leader has been away: how long, kept in the
// webview's storage (a preference, nothing private), and the clock that decides.

/** The choices offered, in seconds; 0 is never. */
export const IDLE_CHOICES: { label: string; seconds: number }[] = [
  { label: "1 minute", seconds: 60 },
  { label: "5 minutes", seconds: 300 },
  { label: "15 minutes", seconds: 900 },
  { label: "30 minutes", seconds: 1800 },
  { label: "Never", seconds: 0 },
];

/** Where the choice is kept. */
export const IDLE_KEY = "waymark.idleLockSeconds";
/** Until the leader chooses: 15 minutes. */
export const DEFAULT_IDLE_SECONDS = 900;

/** What `stored` (the kept text, if any) says the idle time is, in seconds (0: never). */
export function idleSeconds(stored: string | null): number {
  if (stored === null) return DEFAULT_IDLE_SECONDS;
  const n = Number(stored);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : DEFAULT_IDLE_SECONDS;
}

/** Whether a journal idle since `lastActivity` should lock at `now` (both in ms). */
export function shouldLock(lastActivity: number, now: number, seconds: number): boolean {
  return seconds > 0 && now - lastActivity >= seconds * 1000;
}
