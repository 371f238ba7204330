// Keyboard movement across a row of tabs (WAI-ARIA tabs pattern): arrows move,
// Home/End jump, and focus wraps around.

/** The index the focus moves to for a key press, or null if the key is not ours. */
export function nextIndex(key: string, current: number, count: number): number | null {
  if (count <= 0) return null;
  switch (key) {
    case "ArrowRight":
    case "ArrowDown":
      return (current + 1) % count;
    case "ArrowLeft":
    case "ArrowUp":
      return (current - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}
