import { describe, expect, it } from "vitest";
import { ALL_VIEWER, PUBLIC_VIEWER } from "../auth/viewer";
import { graphResponse, module, ns, provider, qs, stateFromYaml } from "../testing/fixture";
import { listDepots, visibleDepotNames } from "./depots";

const G = "opendepot.defdev.io/v1alpha1";
const depot = (namespace: string, name: string, modules: string[], providers: string[], isPublic = true) => `---
apiVersion: ${G}
kind: Depot
metadata:
  name: ${name}
  namespace: ${namespace}
${isPublic ? '  labels:\n    opendepot.defdev.io/public: "true"\n' : ""}spec:
  pollingIntervalMinutes: 0
  global:
    storageConfig:
      gcs: {bucket: b}
status:
  modules: [${modules.map((m) => JSON.stringify(m)).join(", ")}]
  providers: [${providers.map((m) => JSON.stringify(m)).join(", ")}]
`;

const state = stateFromYaml(
  ns("a", true) +
    ns("b", true) +
    ns("c", false) +
    module("a", "m1", "", { isPublic: true }) +
    module("a", "m2", "", { isPublic: true }) +
    module("b", "m3", "", { isPublic: true }) +
    module("a", "m-unmanaged", "", { isPublic: true }) +
    module("c", "private") +
    provider("a", "p1", { isPublic: true }) +
    depot("a", "d1", ["m1", "b/m3", "m1", "missing"], ["p1"]) +
    depot("a", "d2", ["a/m2", "m1"], []) +
    depot("c", "dc", ["private", "a/m1"], [], false),
);

describe("/depots/graph (docs/browse-api.md §6.7)", () => {
  it("links plain and ns/name entries, one node per resource, edges between returned nodes only", () => {
    const g = graphResponse(state, PUBLIC_VIEWER, qs(), Date.UTC(2026, 10, 22, 12, 0, 0, 500));
    expect(g.depots.map((d) => d.id)).toEqual(["depot/a/d1", "depot/a/d2"]);
    expect(g.depots[0]!.managedModuleNames).toEqual(["m1", "b/m3"]);
    expect(g.modules.map((m) => m.id)).toEqual(["module/a/m-unmanaged", "module/a/m1", "module/a/m2", "module/b/m3"]);
    expect(g.edges.map((e) => e.id)).toEqual([
      "edge/depot/a/d1/module/a/m1",
      "edge/depot/a/d1/module/b/m3",
      "edge/depot/a/d1/provider/a/p1",
      "edge/depot/a/d2/module/a/m2",
      "edge/depot/a/d2/module/a/m1",
    ]);
    expect(g.modules.find((m) => m.id === "module/a/m1")!.depotID).toBe("depot/a/d1");
    expect(g.summary).toEqual({ totalDepots: 2, totalModules: 4, totalProviders: 1, totalNodesInScope: 7 });
    expect(g.truncated).toBe(false);
    expect(g.generatedAt).toBe("2026-11-22T12:00:00Z");
  });

  it("never shows a private depot or private names to the public viewer, and shows them to all", () => {
    const body = JSON.stringify(graphResponse(state, PUBLIC_VIEWER, qs()));
    expect(body).not.toContain("dc");
    expect(body).not.toContain("private");
    const all = graphResponse(state, ALL_VIEWER, qs());
    expect(all.depots.map((d) => d.name)).toEqual(["d1", "d2", "dc"]);
  });

  it("truncates by keeping depots whole, then unmanaged resources", () => {
    const g = graphResponse(state, PUBLIC_VIEWER, qs("limit=5"));
    // d1 costs 4 (itself, m1, m3, p1); d2 costs 2 (itself, m2) and does not fit.
    expect(g.depots.map((d) => d.name)).toEqual(["d1"]);
    expect(g.modules.map((m) => m.name)).toEqual(["m1", "m3"]);
    expect(g.truncated).toBe(true);
    expect(g.summary.totalNodesInScope).toBe(7);
    const g2 = graphResponse(state, PUBLIC_VIEWER, qs("limit=6"));
    expect(g2.modules.map((m) => m.name)).toEqual(["m1", "m2", "m3"]);
    expect(g2.truncated).toBe(true);
  });

  it("filters by namespace and by depot, and rejects a malformed depot", () => {
    const g = graphResponse(state, PUBLIC_VIEWER, qs("namespace=a"));
    expect(g.modules.map((m) => m.name)).toEqual(["m-unmanaged", "m1", "m2"]);
    expect(g.edges.some((e) => e.target === "module/b/m3")).toBe(false);
    const d = graphResponse(state, PUBLIC_VIEWER, qs("depot=a/d2"));
    expect(d.depots.map((x) => x.name)).toEqual(["d2"]);
    expect(d.modules.map((m) => m.name)).toEqual(["m1", "m2"]);
    expect(() => graphResponse(state, PUBLIC_VIEWER, qs("depot=a/b/c"))).toThrowError(
      expect.objectContaining({ param: "depot" }) as Error,
    );
    expect(graphResponse(state, PUBLIC_VIEWER, qs("namespace=%2F%2F")).depots).toEqual([]);
  });
});

describe("/depots (docs/browse-api.md §6.6)", () => {
  it("lists visible depots with visible names, always with both lists", () => {
    expect(listDepots(state, PUBLIC_VIEWER, qs())).toEqual({
      items: [
        {
          namespace: "a",
          name: "d1",
          modules: ["m1", "b/m3"],
          providers: ["p1"],
          pollingIntervalMinutes: 0,
          storageBackend: "gcs",
        },
        {
          namespace: "a",
          name: "d2",
          modules: ["a/m2", "m1"],
          providers: [],
          pollingIntervalMinutes: 0,
          storageBackend: "gcs",
        },
      ],
    });
    expect(listDepots(state, ALL_VIEWER, qs("namespace=c")).items.map((d) => d.modules)).toEqual([["private", "a/m1"]]);
  });
});

describe("visibleDepotNames", () => {
  it("names the depots /depots lists, in its order", () => {
    for (const viewer of [PUBLIC_VIEWER, ALL_VIEWER]) {
      expect(visibleDepotNames(state, viewer)).toEqual(
        listDepots(state, viewer, qs()).items.map((d) => `${d.namespace}/${d.name}`),
      );
    }
  });
});
