// Every endpoint reads only the query parameters it declares, so the result cache, keyed on the
// declared ones (onlyParams), can never serve one query's result for another.

import { describe, expect, it } from "vitest";
import { ALL_VIEWER } from "../auth/viewer";
import { module, ns, qs, stateFromYaml } from "../testing/fixture";
import { DEPOT_PARAMS, listDepots } from "./depots";
import { depotGraphBody, GRAPH_PARAMS } from "./graph";
import { listNamespaces, NAMESPACE_PARAMS } from "./namespaces";
import { onlyParams, type QueryParams } from "./params";
import { listResources, RESOURCE_PARAMS } from "./resources";
import { getScanFindings, SCAN_FINDINGS_PARAMS } from "./scan-findings";
import { getStats, STATS_PARAMS } from "./stats";
import { listVersions, VERSION_PARAMS } from "./versions";

const state = stateFromYaml(ns("a", true) + module("a", "vpc", "1.0.0", { isPublic: true }));

/** A query that answers every name with nothing and records which names were asked for. */
function recording(): QueryParams & { names: Set<string> } {
  const names = new Set<string>();
  return {
    names,
    get: (name) => (names.add(name), null),
    getAll: (name) => (names.add(name), []),
  };
}

describe("declared parameters", () => {
  const path = { namespace: "a", kind: "module", name: "vpc" };
  const cases: [string, readonly string[], (q: QueryParams) => unknown][] = [
    ["resources", RESOURCE_PARAMS, (q) => listResources(state, ALL_VIEWER, q)],
    ["namespaces", NAMESPACE_PARAMS, (q) => listNamespaces(state, ALL_VIEWER, q)],
    ["stats", STATS_PARAMS, (q) => getStats(state, ALL_VIEWER, q)],
    ["depots", DEPOT_PARAMS, (q) => listDepots(state, ALL_VIEWER, q)],
    ["graph", GRAPH_PARAMS, (q) => depotGraphBody(state, ALL_VIEWER, q)],
    ["versions", VERSION_PARAMS, (q) => listVersions(state, ALL_VIEWER, path, q)],
    ["scan-findings", SCAN_FINDINGS_PARAMS, (q) => getScanFindings(state, ALL_VIEWER, path, q)],
  ];
  for (const [name, declared, run] of cases) {
    it(`${name} reads exactly the parameters it declares`, () => {
      const q = recording();
      run(q);
      expect([...q.names].sort()).toEqual([...declared].sort());
    });
  }

  it("onlyParams keeps the declared names, every occurrence in order, and nothing else", () => {
    expect(
      onlyParams(qs("namespace=b&x=1&toString=2&namespace=a&__proto__=3&kind=module"), RESOURCE_PARAMS).toString(),
    ).toBe("namespace=b&namespace=a&kind=module");
  });
});
