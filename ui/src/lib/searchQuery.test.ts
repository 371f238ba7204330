import { describe, expect, it } from "vitest";
import { anyFilter, NO_FILTERS, readFilters, terms, withFilter, withoutFilters } from "./searchQuery";

const behaviours = new Set(["trust", "lead-enable-others"]);

describe("search query terms", () => {
  it("keeps quoted phrases and quoted values as one term", () => {
    expect(terms(' delegate  "shared decision" tag:"sharing power" -budget ')).toEqual([
      "delegate",
      '"shared decision"',
      'tag:"sharing power"',
      "-budget",
    ]);
    expect(terms('board "away day')).toEqual(["board", '"away day']);
    expect(terms("")).toEqual([]);
  });
});

describe("reading filters from the query", () => {
  it("reads each filter the controls show", () => {
    const f = readFilters(
      "trust theme:delivering tag:lead-enable-others after:2026-01-01 before:2026-03-31 template:rolfe starred:yes",
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

  it("leaves plain words, qualities, negations, months and starred:no to the text", () => {
    const f = readFilters("tag:hosting-style -theme:being after:2026-01 starred:no trust", behaviours);
    expect(f).toEqual(NO_FILTERS);
    expect(anyFilter(f)).toBe(false);
  });

  it("takes the first term when a filter is repeated", () => {
    expect(readFilters("theme:being theme:delivering", behaviours).theme).toBe("being");
  });
});

describe("writing filters into the query", () => {
  it("adds a filter at the end of what was typed", () => {
    expect(withFilter("delegate trust", "theme", "delivering", behaviours)).toBe("delegate trust theme:delivering");
    expect(withFilter("", "starred", true, behaviours)).toBe("starred:yes");
    expect(withFilter("board", "from", "2026-01-01", behaviours)).toBe("board after:2026-01-01");
    expect(withFilter("board", "to", "2026-03-31", behaviours)).toBe("board before:2026-03-31");
    expect(withFilter("board", "behaviour", "trust", behaviours)).toBe("board tag:trust");
    expect(withFilter("board", "template", "gibbs", behaviours)).toBe("board template:gibbs");
  });

  it("replaces a filter where it stands and drops its repeats", () => {
    expect(withFilter("theme:being delegate theme:delivering", "theme", "relating-and-communicating", behaviours)).toBe(
      "theme:relating-and-communicating delegate",
    );
    expect(withFilter("after:2025 board", "from", "2026-02-01", behaviours)).toBe("after:2026-02-01 board");
  });

  it("clears a filter and leaves everything else as typed", () => {
    expect(withFilter('"shared decision" starred:yes tag:hosting', "starred", false, behaviours)).toBe(
      '"shared decision" tag:hosting',
    );
    expect(withFilter("tag:trust tag:hosting", "behaviour", "", behaviours)).toBe("tag:hosting");
    expect(withFilter("board", "theme", "", behaviours)).toBe("board");
  });

  it("never touches a negated term or a quality tag", () => {
    expect(withFilter("-theme:being tag:hosting-style", "theme", "delivering", behaviours)).toBe(
      "-theme:being tag:hosting-style theme:delivering",
    );
  });

  it("round-trips: what is written is what is read", () => {
    let q = "listening";
    q = withFilter(q, "theme", "being", behaviours);
    q = withFilter(q, "behaviour", "trust", behaviours);
    q = withFilter(q, "from", "2026-01-01", behaviours);
    q = withFilter(q, "to", "2026-02-01", behaviours);
    q = withFilter(q, "template", "rolfe", behaviours);
    q = withFilter(q, "starred", true, behaviours);
    expect(q).toBe("listening theme:being tag:trust after:2026-01-01 before:2026-02-01 template:rolfe starred:yes");
    expect(readFilters(q, behaviours)).toEqual({
      theme: "being",
      behaviour: "trust",
      from: "2026-01-01",
      to: "2026-02-01",
      template: "rolfe",
      starred: true,
    });
    expect(withoutFilters(q, behaviours)).toBe("listening");
  });
});
