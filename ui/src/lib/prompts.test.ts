import { describe, expect, it } from "vitest";
import type { Framework } from "../bindings/Framework";
import { matchesPrompt, promptFor, promptsByTheme } from "./prompts";

const framework = {
  themes: [
    { id: "being", name: "Being", meaning: "", aliases: [] },
    { id: "leading", name: "Leading", meaning: "", aliases: [] },
  ],
  behaviours: [
    { id: "trust", theme: "being", name: "Trust", label: "Trust", description: "", prompt: "Who trusts me?", aliases: [] },
    { id: "enable", theme: "leading", name: "Enable", label: "Enabling others", description: "", prompt: "Did I step back?", aliases: [] },
  ],
  qualities: [
    { id: "hosting", theme: "leading", behaviour: "enable", behaviour_inferred: true, label: "Hosting style", statement: "", prompt: "When did I convene?", aliases: [] },
    { id: "warmth", theme: "being", behaviour: "trust", behaviour_inferred: true, label: "Warmth", statement: "", prompt: "Was I warm?", aliases: [] },
  ],
} as unknown as Framework;

describe("prompts", () => {
  it("lays prompts out theme → behaviour → its qualities, in framework order", () => {
    const laid = promptsByTheme(framework);
    expect(laid.map((t) => t.id)).toEqual(["being", "leading"]);
    expect(laid[1].groups).toEqual([
      {
        behaviour: { id: "enable", kind: "behaviour", label: "Enabling others", prompt: "Did I step back?" },
        qualities: [{ id: "hosting", kind: "quality", label: "Hosting style", prompt: "When did I convene?" }],
      },
    ]);
  });

  it("finds the question for a behaviour or quality, and none for a theme or unknown id", () => {
    expect(promptFor(framework, "hosting")).toBe("When did I convene?");
    expect(promptFor(framework, "trust")).toBe("Who trusts me?");
    expect(promptFor(framework, "being")).toBeNull();
    expect(promptFor(framework, "nope")).toBeNull();
    expect(promptFor(null, "trust")).toBeNull();
  });

  it("filters on every typed word in the label or the question", () => {
    const item = { id: "hosting", kind: "quality" as const, label: "Hosting style", prompt: "When did I convene people?" };
    expect(matchesPrompt(item, "")).toBe(true);
    expect(matchesPrompt(item, "host convene")).toBe(true);
    expect(matchesPrompt(item, "HOSTING")).toBe(true);
    expect(matchesPrompt(item, "hosting budget")).toBe(false);
  });
});
