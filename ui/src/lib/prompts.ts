// Reflective prompts from the framework data, laid out for the Prompts view and
// looked up for the editor and the growth view. No wording lives here: every
// question comes from the framework file.

import type { Framework } from "../bindings/Framework";

/** One item with its question, ready to start an entry from. */
export type PromptItem = {
  id: string;
  kind: "behaviour" | "quality";
  label: string;
  prompt: string;
};

/** A behaviour's prompt followed by those of the qualities beside it. */
export type PromptGroup = { behaviour: PromptItem; qualities: PromptItem[] };

/** A theme and its groups, in document order. */
export type PromptTheme = { id: string; name: string; groups: PromptGroup[] };

/** Every prompt, theme → behaviour → quality, in the framework's order. */
export function promptsByTheme(framework: Framework): PromptTheme[] {
  return framework.themes.map((t) => ({
    id: t.id,
    name: t.name,
    groups: framework.behaviours
      .filter((b) => b.theme === t.id)
      .map((b) => ({
        behaviour: { id: b.id, kind: "behaviour" as const, label: b.label, prompt: b.prompt },
        qualities: framework.qualities
          .filter((q) => q.behaviour === b.id)
          .map((q) => ({ id: q.id, kind: "quality" as const, label: q.label, prompt: q.prompt })),
      })),
  }));
}

/** The question for a behaviour or quality, or null for anything else (themes have none). */
export function promptFor(framework: Framework | null, id: string): string | null {
  if (!framework) return null;
  return (
    framework.behaviours.find((b) => b.id === id)?.prompt ??
    framework.qualities.find((q) => q.id === id)?.prompt ??
    null
  );
}

/** Whether an item's label or question holds every typed word (for filtering the list). */
export function matchesPrompt(item: PromptItem, text: string): boolean {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const hay = `${item.label} ${item.prompt}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}
