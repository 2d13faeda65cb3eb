// The result cache never serves one Viewer class, snapshot or downloads state another's result.

import { describe, expect, it } from "vitest";
import { ALL_VIEWER, PUBLIC_VIEWER, bindingGrants, type Viewer } from "../auth/viewer";
import { module, ns, qs, stateFromYaml } from "../testing/fixture";
import type { GroupBinding } from "../registry/types";
import { defaultResultCacheBytes, normalizedQuery, ResultCache } from "./result-cache";
import { DOWNLOADS_MAX_AGE_MS, type BrowseState } from "./state";

const MANIFESTS = ns("platform", true) + module("platform", "vpc", "", { isPublic: true });

function scoped(name: string, expression: string, moduleResources: string[]): Viewer {
  const binding: GroupBinding = {
    kind: "GroupBinding",
    metadata: { name, namespace: "opendepot-system", labels: {}, ownerReferences: [] },
    expression,
    moduleResources,
    providerResources: [],
  };
  return {
    kind: "scoped",
    identity: { subject: "u", groups: [], tokenSource: "header", expiresAt: 0 },
    binding: bindingGrants(binding),
  };
}

describe("normalizedQuery", () => {
  it("orders parameters by name and keeps the order of repeated values", () => {
    expect(normalizedQuery(qs("sort_by=name&namespace=b&kind=module&namespace=a"))).toBe(
      "kind=module&namespace=b&namespace=a&sort_by=name",
    );
    expect(normalizedQuery(qs("page=2&page=1"))).not.toBe(normalizedQuery(qs("page=1&page=2")));
  });
});

describe("ResultCache keys", () => {
  const state = stateFromYaml(MANIFESTS);
  const now = Date.now();

  it("separate Viewer classes and bindings, but not people of one class", () => {
    const c = new ResultCache();
    const key = (v: Viewer) => c.key(state, v, "/opendepot/ui/v1/resources", qs(), now);
    const a = scoped("developers", '"developers" in groups', ["terraform-*"]);
    const sameBindingOtherPerson: Viewer = {
      ...a,
      identity: { subject: "other", groups: ["developers"], tokenSource: "session", expiresAt: 1 },
    } as Viewer;
    const otherGrants = scoped("developers", '"developers" in groups', ["*"]);
    const otherExpression = scoped("developers", '"devs" in groups', ["terraform-*"]);
    const keys = [key(PUBLIC_VIEWER), key(ALL_VIEWER), key(a), key(otherGrants), key(otherExpression)];
    expect(new Set(keys).size).toBe(keys.length);
    expect(key(sameBindingOtherPerson)).toBe(key(a));
  });

  it("separate paths and queries, and equal queries written in another order share a key", () => {
    const c = new ResultCache();
    const k = (path: string, q: string) => c.key(state, PUBLIC_VIEWER, path, qs(q), now);
    expect(k("/r", "a=1&b=2")).toBe(k("/r", "b=2&a=1"));
    expect(k("/r", "a=1")).not.toBe(k("/r", "a=2"));
    expect(k("/r/x", "")).not.toBe(k("/r/y", ""));
  });

  it("drop every entry when the state changes, and never reuse a key across states", () => {
    const c = new ResultCache();
    const k1 = c.key(state, PUBLIC_VIEWER, "/r", qs(), now);
    const body = new TextEncoder().encode("{}");
    c.set(k1, body);
    expect(c.get(k1)).toBe(body);
    const next = stateFromYaml(MANIFESTS);
    const k2 = c.key(next, PUBLIC_VIEWER, "/r", qs(), now);
    expect(k2).not.toBe(k1);
    expect(c.get(k1)).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it("separate results with and without a downloads table in use (a stale Valkey table)", () => {
    const c = new ResultCache();
    const withTable: BrowseState = {
      ...state,
      downloads: { source: "valkey", builtAt: now, resourceTotals: new Map(), versionTotals: new Map(), ranked: [] },
    };
    const fresh = c.key(withTable, PUBLIC_VIEWER, "/r", qs(), now);
    const stale = c.key(withTable, PUBLIC_VIEWER, "/r", qs(), now + DOWNLOADS_MAX_AGE_MS + 1);
    expect(fresh).not.toBe(stale);
  });

  it("stays within its byte budget", () => {
    const c = new ResultCache({ maxBytes: 10_000, sizeOf: (v) => v.byteLength });
    for (let i = 0; i < 100; i++) c.set(c.key(state, PUBLIC_VIEWER, `/r/${i}`, qs(), now), new Uint8Array(2000));
    expect(c.size).toBeLessThanOrEqual(5);
  });
});

describe("ResultCache across a state swap", () => {
  it("keeps the newer state's entries when a request on the older state finishes late", () => {
    const c = new ResultCache();
    const older = stateFromYaml(MANIFESTS);
    const newer = stateFromYaml(MANIFESTS);
    c.key(older, PUBLIC_VIEWER, "/r", qs(), Date.now());
    const k = c.key(newer, PUBLIC_VIEWER, "/r", qs(), Date.now());
    c.set(k, new Uint8Array(2));
    c.key(older, PUBLIC_VIEWER, "/r", qs(), Date.now()); // a late request on the older state
    expect(c.get(k)).toBeDefined();
  });
});

describe("defaultResultCacheBytes", () => {
  const MIB = 1024 * 1024;
  it("is a sixty-fourth of the heap ceiling, between 8 and 16 MiB", () => {
    expect(defaultResultCacheBytes(768 * MIB)).toBe(12 * MIB);
    expect(defaultResultCacheBytes(1048 * MIB)).toBe(16 * MIB);
    expect(defaultResultCacheBytes(344 * MIB)).toBe(8 * MIB);
  });
});
