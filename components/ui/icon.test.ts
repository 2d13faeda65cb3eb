import { Check } from "lucide";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Icon } from "./icon";

describe("Icon", () => {
  it("draws lucide's data as an <svg> with lucide's attributes, hidden from assistive technology", () => {
    const html = renderToStaticMarkup(createElement(Icon, { node: Check, className: "h-4 w-4" }));
    expect(html).toMatch(/^<svg [^>]*viewBox="0 0 24 24"/);
    expect(html).toContain('class="lucide h-4 w-4"');
    expect(html).toContain('stroke-width="2"');
    expect(html).toContain('aria-hidden="true"');
    expect(html).toContain(`<path d="${Check[0]![1].d}"></path>`);
  });

  it("is exposed when it has a name", () => {
    const html = renderToStaticMarkup(createElement(Icon, { node: Check, "aria-label": "Selected", role: "img" }));
    expect(html).not.toContain("aria-hidden");
    expect(html).toContain('aria-label="Selected"');
  });
});
