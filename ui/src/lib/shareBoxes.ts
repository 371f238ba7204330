// Which template boxes the share dialog offers: only those of the templates the
// chosen entries follow, grouped by template, so a Rolfe entry is never offered
// Gibbs's six stages.
import type { Template } from "../bindings/Template";
import type { TemplateInfo } from "../bindings/TemplateInfo";

/** One template's boxes as the share dialog lists them. */
export type BoxGroup = Pick<TemplateInfo, "template" | "title" | "fields">;

/** The box groups for entries following `used`, in the engine's template order; templates without boxes (free writing) are left out. */
export function boxGroups(templates: TemplateInfo[], used: Iterable<Template>): BoxGroup[] {
  const wanted = new Set(used);
  return templates.filter((t) => wanted.has(t.template) && t.fields.length > 0);
}

/** Why the chosen boxes cannot be shared, in the leader's words, or "" when they can. */
export function boxesProblem(whole: boolean, keys: string[]): string {
  return !whole && keys.length === 0 ? "Tick at least one box to share." : "";
}
