import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NamespaceLinks } from "./namespace-links";

const NAMESPACES = [
  { name: "a", public: true },
  { name: "b", public: false },
];

const links = (pathname: string, query: string) => {
  const html = renderToStaticMarkup(
    createElement(NamespaceLinks, {
      pathname,
      params: new URLSearchParams(query),
      namespaces: NAMESPACES,
      checkIcon: null,
    }),
  );
  return [...html.matchAll(/<a href="([^"]*)"( aria-current="true")?/g)].map((m) => ({
    href: m[1]!.replaceAll("&amp;", "&"),
    current: m[2] !== undefined,
  }));
};

describe("NamespaceLinks (rendered by the server from the request)", () => {
  it("on the Registry page: toggles a namespace in the query, keeps the other filters, drops the page", () => {
    expect(links("/", "namespace=a&kind=module&page=3")).toEqual([
      { href: "/?kind=module", current: true },
      { href: "/?kind=module&namespace=a&namespace=b", current: false },
    ]);
  });

  it("elsewhere: a shortcut to the Registry filtered by the namespace, nothing marked", () => {
    expect(links("/stats", "namespace=a")).toEqual([
      { href: "/?namespace=a", current: false },
      { href: "/?namespace=b", current: false },
    ]);
  });
});
