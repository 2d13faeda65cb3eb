import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NavLinks } from "./nav-links";

describe("NavLinks", () => {
  const current = (pathname: string) =>
    [
      ...renderToStaticMarkup(
        createElement(NavLinks, { pathname, icons: { registry: null, depots: null, stats: null } }),
      ).matchAll(/aria-current="page"[^>]*title="([^"]+)"/g),
    ].map((m) => m[1]);

  it("marks the page the request is for, and only it", () => {
    expect(current("/")).toEqual(["Registry"]);
    expect(current("/depots")).toEqual(["Depots"]);
    expect(current("/stats")).toEqual(["Stats"]);
    expect(current("/platform/module/vpc")).toEqual([]);
  });
});
