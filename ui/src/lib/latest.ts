// Runs the newest request as soon as possible without piling requests up: a call while
// one is running asks for one more run afterwards (with whatever is newest then), so
// typing fast costs one search in flight and one to follow, never a queue.

/** Wraps `work` so that calls coalesce while it runs; the promise settles when idle. */
export function latestRunner(work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await work();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
}
