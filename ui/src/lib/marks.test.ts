import { describe, expect, it } from "vitest";
import { detailsLine, flaggedLabels, markAt, placeOf, segments, toBox, type CharSpan } from "./marks";

const span = (start: number, end: number, text: string, kind = "postcode"): CharSpan => ({
  kind,
  start,
  end,
  text,
  reason: `reason for ${text}`,
});

describe("marks in a text box", () => {
  it("turns the engine's character offsets into UTF-16 offsets past an emoji", () => {
    const text = "🙂 Met at SW1A 1AA today";
    // The emoji is one character to the engine and two units to the text box.
    const [s] = toBox(text, [span(9, 17, "SW1A 1AA")]);
    expect([s.from, s.to]).toEqual([10, 18]);
    expect(text.slice(s.from, s.to)).toBe("SW1A 1AA");
  });

  it("drops a mark whose words are no longer where they were found", () => {
    expect(toBox("Met at SW1A 1AB", [span(7, 15, "SW1A 1AA")])).toEqual([]);
    expect(toBox("short", [span(7, 15, "SW1A 1AA")])).toEqual([]);
  });

  it("cuts the text into plain and marked runs that put it back together", () => {
    const text = "Mrs Patel lives at SW1A 1AA.";
    const spans = toBox(text, [span(0, 9, "Mrs Patel", "titled-name"), span(19, 27, "SW1A 1AA")]);
    const runs = segments(text, spans);
    expect(runs.map((r) => r.text).join("")).toBe(text);
    expect(runs.filter((r) => r.mark).map((r) => r.text)).toEqual(["Mrs Patel", "SW1A 1AA"]);
    expect(runs[runs.length - 1]).toEqual({ text: ".", mark: null });
  });

  it("finds the detail at the cursor, ends included", () => {
    const spans = toBox("at SW1A 1AA", [span(3, 11, "SW1A 1AA")]);
    expect(markAt(spans, 3)?.text).toBe("SW1A 1AA");
    expect(markAt(spans, 11)?.text).toBe("SW1A 1AA");
    expect(markAt(spans, 1)).toBeNull();
  });

  it("says how many details in words", () => {
    expect(detailsLine(1)).toBe("1 detail may identify someone");
    expect(detailsLine(3)).toBe("3 details may identify someone");
  });

  it("marks the labels a detail falls in", () => {
    // "team, Mrs Patel, ward" : "Mrs Patel" is characters 6 to 15.
    const flagged = flaggedLabels(["team", "Mrs Patel", "ward"], [span(6, 15, "Mrs Patel", "titled-name")]);
    expect([...flagged.keys()]).toEqual([1]);
  });
});

describe("where a finding is", () => {
  it("names the place as the editor does", () => {
    const fields = [{ key: "so-what", label: "So what?", prompt: "" }];
    expect(placeOf("title", fields)).toBe("Title");
    expect(placeOf("so-what", fields)).toBe("So what?");
    expect(placeOf("comment:0192", fields)).toBe("Your comment");
  });
});
