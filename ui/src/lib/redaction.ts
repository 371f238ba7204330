// Taking the details that may identify someone out of an entry in the journal itself,
// after one question: the current version only, or every version (the entry's
// history keeps what was written unless the leader says otherwise).
import type { Redacted } from "../bindings/Redacted";
import * as api from "./api";
import { ask, notify, report } from "./app.svelte";
import { detailsLine } from "./marks";

/** "1 version", "3 versions". */
const versions = (n: number) => (n === 1 ? "1 version" : `${n} versions`);

/** Asks, then redacts the entry `id` in the journal; what was done, or null if nothing was. */
export async function redactInJournal(id: string, title: string): Promise<Redacted | null> {
  try {
    const plan = await api.redactionPlan(id);
    const now = plan.current.length;
    const earlier = plan.earlier_versions;
    if (now === 0 && earlier === 0) {
      notify(`Nothing in “${title}” may identify someone.`);
      return null;
    }
    // Saving the redacted text keeps the version it replaces in the history, so that
    // version holds the details too unless every version is rewritten.
    const held = earlier + (now > 0 ? 1 : 0);
    const parts = [
      now > 0
        ? `${detailsLine(now)} in “${title}”: ${plan.current.map((f) => `“${f.text}”`).join(", ")}. In your journal they will be replaced by words saying what was removed (“[name removed]”), saved as a new version.`
        : `The current version of “${title}” holds none, but its history does.`,
      `The entry's history keeps ${held === 1 ? "1 version" : `${held} versions`} holding them unless you remove them from every version (that cannot be undone).`,
      "Copies already shared, exported or backed up keep their text.",
    ];
    const buttons: Parameters<typeof ask>[2] = [{ label: "Cancel", value: "cancel" }];
    if (now > 0) buttons.push({ label: "Keep the history as written", value: "current" });
    buttons.push({ label: "From every version", value: "every", kind: "primary" });
    const answer = await ask("Remove these details from your journal?", parts.join(" "), buttons);
    if (answer === "cancel" || answer === "") return null;
    const done = await api.redactEntry(id, answer === "every");
    const said = [
      done.details > 0 ? `replaced ${done.details === 1 ? "1 detail" : `${done.details} details`}` : "",
      done.versions_rewritten > 0 ? `rewrote ${versions(done.versions_rewritten)} of its history without them` : "",
    ].filter(Boolean);
    notify(`In “${done.entry.title}”: ${said.join(" and ")}.`);
    return done;
  } catch (e) {
    report("The details could not be removed", e);
    return null;
  }
}
