import { describe, expect, it } from "vitest";
import { isFlightRequest, PAGE_CACHE_HOOK as GUARD_HOOK } from "../../scripts/request-guard.mjs";
import { PAGE_CACHE_HOOK } from "./page-cache";

// The page cache's behaviour is pinned against the built app (e2e/http/page-cache.test.ts); these
// pin the two agreements between it and the request guard, which runs outside the bundle.
describe("page cache and request guard", () => {
  it("meet at the same global key", () => {
    expect(PAGE_CACHE_HOOK).toBe(GUARD_HOOK);
  });
  it("leave every client-side navigation and prefetch to Next", () => {
    const req = (url: string, headers: Record<string, string> = {}) => ({ url, headers }) as never;
    for (const h of [
      "rsc",
      "next-router-state-tree",
      "next-router-prefetch",
      "next-router-segment-prefetch",
      "next-url",
    ])
      expect(isFlightRequest(req("/stats", { [h]: "1" })), h).toBe(true);
    expect(isFlightRequest(req("/stats?_rsc=abc"))).toBe(true);
    expect(isFlightRequest(req("/?q=x&_rsc=1"))).toBe(true);
    expect(isFlightRequest(req("/stats"))).toBe(false);
    expect(isFlightRequest(req("/?q=_rsc"))).toBe(false);
  });
});
