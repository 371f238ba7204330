import { describe, expect, it } from "vitest";
import { linkOf } from "./links";

function inside(html: string): Element {
  const box = document.createElement("div");
  box.innerHTML = html;
  const target = box.querySelector("[data-target]");
  if (!target) throw new Error("no target");
  return target;
}

describe("links in what people wrote", () => {
  it("finds the address a click landed on, inside the link too", () => {
    expect(linkOf(inside('<a data-target href="https://example.org/page">x</a>'))).toBe("https://example.org/page");
    expect(linkOf(inside('<a href="mailto:lee@example.org"><em data-target>Lee</em></a>'))).toBe("mailto:lee@example.org");
  });

  it("leaves clicks elsewhere, and links within the page, alone", () => {
    expect(linkOf(inside("<p data-target>plain text</p>"))).toBeNull();
    expect(linkOf(inside('<a data-target href="#note-1">1</a>'))).toBeNull();
    expect(linkOf(inside("<a data-target>no address</a>"))).toBeNull();
    expect(linkOf(null)).toBeNull();
  });
});
