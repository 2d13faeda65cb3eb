// The Depots page's graph and layout: depot clusters, bounded by the page's node budget,
// computed once per (snapshot, Viewer class, query).

import { describe, expect, it } from "vitest";
import { ALL_VIEWER, PUBLIC_VIEWER } from "../auth/viewer";
import { module, ns, qs, stateFromYaml } from "../testing/fixture";
import { depotsView, PAGE_GRAPH_LIMIT, PAGE_GRAPH_MAX, type DepotsView } from "./depots-view";
import { ResultCache } from "./result-cache";

const G = "opendepot.defdev.io/v1alpha1";
const depot = (name: string, modules: string[]) =>
  `---\napiVersion: ${G}\nkind: Depot\nmetadata:\n  name: ${name}\n  namespace: a\n  labels:\n    opendepot.defdev.io/public: "true"\nspec:\n  global:\n    storageConfig:\n      gcs: {bucket: b}\nstatus:\n  modules: [${modules.join(", ")}]\n`;

const many = Array.from({ length: PAGE_GRAPH_LIMIT + 50 }, (_, i) => `m${String(i).padStart(3, "0")}`);
const state = stateFromYaml(
  ns("a", true) +
    many.map((m, i) => module("a", m, "", { isPublic: i % 2 === 0 })).join("") +
    depot("d1", ["m000", "m002"]) +
    depot("d2", ["m004"]),
);

describe("depotsView", () => {
  it("lays each depot out above the resources it manages; unmanaged resources are not drawn", () => {
    const { layout, graph } = depotsView(
      new ResultCache<DepotsView>({ maxEntries: 4 }),
      state,
      PUBLIC_VIEWER,
      qs("limit=20"),
    );
    const at = new Map(layout.nodes.map((n) => [n.id, n]));
    expect([...at.keys()].sort()).toEqual([
      "depot/a/d1",
      "depot/a/d2",
      "module/a/m000",
      "module/a/m002",
      "module/a/m004",
    ]);
    expect(layout.unmanaged).toBe(graph.modules.length - 3);
    for (const e of layout.edges) expect(at.get(e.source)!.y).toBeLessThan(at.get(e.target)!.y);
    expect(at.get("depot/a/d1")!.facts).toMatchObject({ storageBackend: "gcs", modules: 2 });
  });

  it("asks for PAGE_GRAPH_LIMIT nodes unless the URL says otherwise", () => {
    const cache = new ResultCache<DepotsView>({ maxEntries: 4 });
    expect(depotsView(cache, state, ALL_VIEWER, qs()).graph.summary).toMatchObject({
      totalNodesInScope: many.length + 2,
    });
    expect(depotsView(cache, state, ALL_VIEWER, qs()).graph.modules).toHaveLength(PAGE_GRAPH_LIMIT - 2);
    expect(depotsView(cache, state, ALL_VIEWER, qs("limit=1000")).graph.modules).toHaveLength(many.length);
  });

  it("computes once per Viewer class and query; the list and graph views share it", () => {
    const cache = new ResultCache<DepotsView>({ maxEntries: 4 });
    const first = depotsView(cache, state, PUBLIC_VIEWER, qs("namespace=a"));
    expect(depotsView(cache, state, PUBLIC_VIEWER, qs("namespace=a&view=list"))).toBe(first);
    const all = depotsView(cache, state, ALL_VIEWER, qs("namespace=a"));
    expect(all).not.toBe(first);
    expect(all.graph.modules.length).toBeGreaterThan(first.graph.modules.length);
  });

  it("keys on the graph's own parameters only, and clamps the limit to what the page offers", () => {
    const cache = new ResultCache<DepotsView>({ maxEntries: 4 });
    const first = depotsView(cache, state, PUBLIC_VIEWER, qs("namespace=a&limit=50"));
    for (const junk of ["x=1", "toString=2", "__proto__=3", "limit=050", "utm_source=mail&view=graph"]) {
      expect(depotsView(cache, state, PUBLIC_VIEWER, qs(`namespace=a&limit=50&${junk}`)), junk).toBe(first);
    }
    const big = depotsView(cache, state, ALL_VIEWER, qs("limit=10000"));
    expect(depotsView(cache, state, ALL_VIEWER, qs(`limit=${PAGE_GRAPH_MAX}`))).toBe(big);
    expect(big.layout.nodes.length).toBeLessThanOrEqual(PAGE_GRAPH_MAX);
  });
});
