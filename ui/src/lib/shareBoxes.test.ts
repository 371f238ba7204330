import { describe, expect, it } from "vitest";
import type { TemplateInfo } from "../bindings/TemplateInfo";
import { boxesProblem, boxGroups } from "./shareBoxes";

const field = (key: string) => ({ key, label: key, prompt: "" });
const templates: TemplateInfo[] = [
  { template: "free", title: "Free writing", name: "Free writing", fields: [], code_field: null, code_themes: [], action_field: null },
  { template: "rolfe", title: "Rolfe", name: "Rolfe", fields: [field("what"), field("so-what"), field("now-what")], code_field: null, code_themes: [], action_field: null },
  { template: "gibbs", title: "Gibbs", name: "Gibbs", fields: [field("description"), field("feelings")], code_field: null, code_themes: [], action_field: null },
];

describe("the boxes the share dialog offers", () => {
  it("are only those of the entries' templates, in template order", () => {
    expect(boxGroups(templates, ["rolfe"]).map((g) => g.template)).toEqual(["rolfe"]);
    expect(boxGroups(templates, ["gibbs", "rolfe", "rolfe"]).map((g) => g.template)).toEqual(["rolfe", "gibbs"]);
  });

  it("leave out free writing, which has no boxes", () => {
    expect(boxGroups(templates, ["free"])).toEqual([]);
    expect(boxGroups(templates, ["free", "gibbs"]).map((g) => g.template)).toEqual(["gibbs"]);
  });

  it("must include one ticked box when sharing only boxes", () => {
    expect(boxesProblem(false, [])).toBe("Tick at least one box to share.");
    expect(boxesProblem(false, ["what"])).toBe("");
    expect(boxesProblem(true, [])).toBe("");
  });
});
