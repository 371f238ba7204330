// Links in what a leader or a coach wrote never take the window away from Waymark: a
// click on one asks first, showing the address, and opens it in the system's browser
// or mail program only if the leader says so (the shell's navigation guard refuses any
// other page in the window; see src-tauri/src/links.rs).

import * as api from "./api";
import { ask, notify, report } from "./app.svelte";

/** The address of the link a click landed on, if it is a link out of the page. */
export function linkOf(target: EventTarget | null): string | null {
  const anchor = target instanceof Element ? target.closest("a[href]") : null;
  if (!(anchor instanceof HTMLAnchorElement)) return null;
  const href = anchor.getAttribute("href") ?? "";
  // A link within the page (a footnote, say) is no journey.
  if (href.startsWith("#")) return null;
  return anchor.href;
}

/** Asks what to do with a clicked link, and does it: open it outside, copy it, or nothing. */
export async function askAboutLink(url: string): Promise<void> {
  const mail = url.startsWith("mailto:");
  const answer = await ask(
    mail ? "Write an email?" : "Open a link outside Waymark?",
    `This link leads to ${url}\n\nWaymark keeps your journal on this computer and never goes online itself. ${
      mail ? "Your mail program opens" : "Your web browser opens this address"
    } only if you choose to.`,
    [
      { label: "Cancel", value: "cancel" },
      { label: "Copy address", value: "copy" },
      { label: mail ? "Open in mail" : "Open in browser", value: "open", kind: "primary" },
    ],
  );
  try {
    if (answer === "open") await api.openLink(url);
    if (answer === "copy") {
      await navigator.clipboard.writeText(url);
      notify("Address copied.");
    }
  } catch (e) {
    report(answer === "open" ? "The link could not be opened" : "The address could not be copied", e);
  }
}

/** For the whole document: a click on a link asks instead of following it. */
export function onLinkClick(event: MouseEvent): void {
  const url = linkOf(event.target);
  if (!url) return;
  event.preventDefault();
  void askAboutLink(url);
}
