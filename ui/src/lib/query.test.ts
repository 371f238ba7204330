import { describe, expect, it } from "vitest";
import type { Clause } from "../bindings/Clause";
import engine from "../bindings/fixtures/parsed-queries.json";
import {
  anyFilter,
  NO_FILTERS,
  onTerm,
  queryOf,
  readFilters,
  tagTerm,
  nameItemsBy,
  themeTerm,
  utf16Offset,
  withFilter,
  withoutFilters,
  withTerm,
  writtenAs,
  type FilterKey,
  type Parsed,
} from "./query";

// What the engine parses each query into (written by journal/tests/query_fixtures.rs).
const parsedByEngine = engine as unknown as Record<string, Clause[]>;
const behaviours = new Set(["trust", "lead-enable-others", "authenticity"]);

/** The engine's reading of `text`; the fixture must hold it. */
function read(text: string): Parsed {
  const clauses = parsedByEngine[text];
  if (!clauses) throw new Error(`add ${JSON.stringify(text)} to journal/tests/query_fixtures.rs`);
  return { text, clauses };
}

/** Writes a filter and checks the clauses moved with the text are what the engine reads from it. */
function write(text: string, key: FilterKey, value: string | boolean): string {
  const next = withFilter(read(text), key, value, behaviours);
  expect(next).toEqual(read(next.text));
  return next.text;
}

describe("reading filters from the engine's clauses", () => {
  it("reads each filter the controls show", () => {
    const f = readFilters(
      read("trust theme:delivering tag:lead-enable-others after:2026-01-01 before:2026-03-31 template:rolfe starred:yes").clauses,
      behaviours,
    );
    expect(f).toEqual({
      theme: "delivering",
      behaviour: "lead-enable-others",
      from: "2026-01-01",
      to: "2026-03-31",
      template: "rolfe",
      starred: true,
    });
    expect(anyFilter(f)).toBe(true);
  });

  it("leaves plain words, qualities, negations, whole months and starred:no to the text", () => {
    const f = readFilters(read("tag:hosting-style -theme:being on:2026-01 starred:no trust").clauses, behaviours);
    expect(f).toEqual(NO_FILTERS);
    expect(anyFilter(f)).toBe(false);
  });

  it("shows a behaviour however it was named, as the engine resolved it", () => {
    expect(readFilters(read('tag:"building trust" plan').clauses, behaviours).behaviour).toBe("trust");
  });

  it("takes the first clause when a filter is repeated, and a year's first day as From", () => {
    expect(readFilters(read("theme:being delegate theme:delivering").clauses, behaviours).theme).toBe("being");
    expect(readFilters(read("after:2025 board").clauses, behaviours).from).toBe("2025-01-01");
  });
});

describe("writing filters into the query", () => {
  it("adds a filter at the end of what was typed", () => {
    expect(write("delegate trust", "theme", "delivering")).toBe("delegate trust theme:delivering");
    expect(write("", "starred", true)).toBe("starred:yes");
    expect(write("board", "from", "2026-01-01")).toBe("board after:2026-01-01");
    expect(write("board", "to", "2026-03-31")).toBe("board before:2026-03-31");
    expect(write("board", "behaviour", "trust")).toBe("board tag:trust");
    expect(write("board", "template", "gibbs")).toBe("board template:gibbs");
  });

  it("replaces a filter where it stands and drops its repeats", () => {
    expect(write("theme:being delegate theme:delivering", "theme", "relating-and-communicating")).toBe(
      "theme:relating-and-communicating delegate",
    );
    expect(write("after:2025 board", "from", "2026-02-01")).toBe("after:2026-02-01 board");
  });

  it("clears a filter and leaves everything else as typed", () => {
    expect(write('"shared decision" starred:yes tag:hosting', "starred", false)).toBe('"shared decision" tag:hosting');
    expect(write("tag:trust tag:hosting", "behaviour", "")).toBe("tag:hosting");
    expect(write("board", "theme", "")).toBe("board");
  });

  it("never touches a negated term or a quality tag", () => {
    expect(write("-theme:being tag:hosting-style", "theme", "delivering")).toBe(
      "-theme:being tag:hosting-style theme:delivering",
    );
  });

  it("counts characters as the engine does, not UTF-16 units", () => {
    expect(write("🙂 café theme:being", "theme", "delivering")).toBe("🙂 café theme:delivering");
    expect(withoutFilters(read("🙂 café theme:being"), behaviours)).toEqual(read("🙂 café"));
    expect(writtenAs("🙂 café theme:being", parsedByEngine["🙂 café theme:being"][1])).toBe("café");
    expect(utf16Offset("🙂 café", 2)).toBe(3);
  });

  it("round-trips: what is written is what is read", () => {
    let q = "listening";
    q = write(q, "theme", "being");
    q = write(q, "behaviour", "trust");
    q = write(q, "from", "2026-01-01");
    q = write(q, "to", "2026-02-01");
    q = write(q, "template", "rolfe");
    q = write(q, "starred", true);
    expect(q).toBe("listening theme:being tag:trust after:2026-01-01 before:2026-02-01 template:rolfe starred:yes");
    expect(readFilters(read(q).clauses, behaviours)).toEqual({
      theme: "being",
      behaviour: "trust",
      from: "2026-01-01",
      to: "2026-02-01",
      template: "rolfe",
      starred: true,
    });
    expect(withoutFilters(read(q), behaviours)).toEqual(read("listening"));
  });
});

describe("building queries from elsewhere in the app", () => {
  it("writes terms the engine reads back as the same clauses", () => {
    expect(queryOf(tagTerm("trust"), "")).toBe("tag:trust");
    expect(queryOf(themeTerm("being"), onTerm("2026-03"))).toBe("theme:being on:2026-03");
    expect(tagTerm("two words")).toBe('tag:"two words"');
    // Once the framework is known, items are written with the label a leader sees.
    nameItemsBy((id) => (id === "resilience-courage-and-bravery" ? "Courage" : id === "vision-shared-direction" ? "Shared direction" : id));
    expect(tagTerm("resilience-courage-and-bravery")).toBe("tag:Courage");
    expect(tagTerm("vision-shared-direction")).toBe('tag:"Shared direction"');
    nameItemsBy((id) => id);
  });

  it("adds a term once", () => {
    expect(withTerm(read("tag:trust tag:hosting"), "tag:hosting")).toBe("tag:trust tag:hosting");
    expect(withTerm(read("board"), "tag:trust")).toBe("board tag:trust");
    expect(withTerm(read(""), "tag:trust")).toBe("tag:trust");
  });
});
