// Keyboard shortcuts, matched in one place so the help overlay and the handler agree.

/** What a shortcut does. */
export type Action = "new" | "search" | "save" | "close" | "help" | "lock";

/** The parts of a key press that matter here. */
export type KeyPress = {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** True when focus is in a text box, where plain keys are typing. */
  typing: boolean;
};

/** The shortcuts, for the help overlay. */
export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: "Ctrl+N", action: "New entry" },
  { keys: "Ctrl+K or /", action: "Search" },
  { keys: "Ctrl+S", action: "Save the entry being written" },
  { keys: "Ctrl+L", action: "Lock an encrypted journal now" },
  { keys: "Escape", action: "Close the open dialog, entry or editor" },
  { keys: "?", action: "Show or hide this help" },
  { keys: "↓ ↑ then Enter", action: "From the search box, move through the results and open one" },
];

/** The action for a key press, or null if it is not a shortcut (Cmd counts as Ctrl on macOS). */
export function matchShortcut(press: KeyPress): Action | null {
  const command = (press.ctrlKey || press.metaKey) && !press.altKey;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (command) {
    if (key === "n") return "new";
    if (key === "k") return "search";
    if (key === "s") return "save";
    if (key === "l") return "lock";
    return null;
  }
  if (press.key === "Escape") return "close";
  if (press.typing || press.altKey || press.ctrlKey || press.metaKey) return null;
  if (press.key === "/") return "search";
  if (press.key === "?") return "help";
  return null;
}

/** Whether an element takes typed text (so "/" and "?" are left to it). */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
  }
  return false;
}
