// Sizes set through the CSSOM rather than style attributes, which the strict
// Content-Security-Policy (style-src 'self') forbids.

/** Svelte action: sets the element's height and vertical offset in pixels. */
export function px(node: HTMLElement, size: { height?: number; top?: number }) {
  const apply = (s: { height?: number; top?: number }) => {
    node.style.height = s.height === undefined ? "" : `${s.height}px`;
    node.style.transform = s.top === undefined ? "" : `translateY(${s.top}px)`;
  };
  apply(size);
  return { update: apply };
}
