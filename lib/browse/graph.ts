// GET /opendepot/ui/v1/depots/graph (docs/browse-api.md §6.7): nodes in scope, bounded by `limit`,
// with depots kept whole or dropped, and edges only between returned nodes.

import type { Viewer } from "../auth/viewer";
import { BadRequestError } from "../errors";
import type { ScanCounts } from "../registry/findings";
import type { DepotEntry, RegistryIndex, ResourceEntry } from "../registry/index/types";
import { cardBase } from "./json";
import { lenientInt, repeated, single, type QueryParams } from "./params";
import type { BrowseState } from "./state";
import { visibleManagedNames, visibleSet, type VisibleSet } from "./visibility";

export interface GraphDepotNode {
  id: string;
  namespace: string;
  name: string;
  storageBackend?: string;
  pollingIntervalMinutes?: number;
  managedModuleNames: string[];
  managedProviderNames: string[];
}

interface ResourceNodeBase {
  id: string;
  namespace: string;
  name: string;
  registryName: string;
}
export type GraphModuleNode = ResourceNodeBase & {
  provider?: string;
  synced: boolean;
  syncStatus?: string;
  repoURL?: string;
  latestVersion?: string;
  depotID?: string;
  scanCounts?: ScanCounts;
};
export type GraphProviderNode = ResourceNodeBase & {
  providerNamespace?: string;
  synced: boolean;
  syncStatus?: string;
  latestVersion?: string;
  depotID?: string;
  scanCounts?: ScanCounts;
};

export interface GraphResponse {
  depots: GraphDepotNode[];
  modules: GraphModuleNode[];
  providers: GraphProviderNode[];
  edges: { id: string; source: string; target: string }[];
  summary: { totalDepots: number; totalModules: number; totalProviders: number; totalNodesInScope: number };
  truncated: boolean;
  generatedAt: string;
}

export interface GraphQuery {
  namespace?: string;
  depots?: { namespace: string; name: string }[];
  limit: number;
}

export const GRAPH_PARAMS = ["depot", "namespace", "limit"] as const;

/** Validation order: depot. */
function parseGraphQuery(q: QueryParams): GraphQuery {
  const depotValues = repeated(q, "depot");
  const depots = depotValues.map((v) => {
    const slash = v.indexOf("/");
    const ns = slash < 0 ? "" : v.slice(0, slash);
    const name = slash < 0 ? "" : v.slice(slash + 1);
    if (ns === "" || name === "" || name.includes("/")) {
      throw new BadRequestError(
        `invalid value ${JSON.stringify(v.slice(0, 64))} for depot; expected namespace/name`,
        "depot",
      );
    }
    return { namespace: ns, name };
  });
  const namespace = single(q, "namespace");
  return {
    ...(namespace !== undefined ? { namespace } : {}),
    ...(depots.length > 0 ? { depots } : {}),
    limit: lenientInt(q, "limit", 2000, 10000),
  };
}

interface Scope {
  depots: DepotEntry[];
  modules: ResourceEntry[];
  providers: ResourceEntry[];
}

function inScope(visible: VisibleSet, query: GraphQuery): Scope {
  const nsOk = (ns: string) => query.namespace === undefined || ns === query.namespace;
  const wanted = query.depots ? new Set(query.depots.map((d) => `${d.namespace}/${d.name}`)) : undefined;
  const depots = visible.depots.filter((d) => nsOk(d.namespace) && (!wanted || wanted.has(`${d.namespace}/${d.name}`)));
  let resources = visible.resources.filter((r) => nsOk(r.namespace));
  if (wanted) {
    // With a depot filter, only the resources those depots manage are in scope.
    const managed = new Set(depots.flatMap((d) => [...d.modules, ...d.providers].map((e) => e.id)));
    resources = resources.filter((r) => managed.has(r.id));
  }
  return {
    depots,
    modules: resources.filter((r) => r.kind === "module"),
    providers: resources.filter((r) => r.kind === "provider"),
  };
}

/** Applies the node budget (docs/browse-api.md §6.7 truncation steps 1–2); returns the kept node ids. */
function truncate(scope: Scope, limit: number): { kept: Set<string>; total: number } {
  const inScopeIds = new Set([...scope.modules, ...scope.providers].map((r) => r.id));
  const total = scope.depots.length + inScopeIds.size;
  const kept = new Set<string>();
  let used = 0;
  let depotDropped = false;
  for (const d of scope.depots) {
    const fresh = [...d.modules, ...d.providers].map((e) => e.id).filter((id) => inScopeIds.has(id) && !kept.has(id));
    const unique = [...new Set(fresh)];
    if (used + 1 + unique.length > limit) {
      depotDropped = true;
      break;
    }
    kept.add(d.id);
    for (const id of unique) kept.add(id);
    used += 1 + unique.length;
  }
  if (!depotDropped) {
    for (const r of [...scope.modules, ...scope.providers]) {
      if (used >= limit) break;
      if (kept.has(r.id)) continue;
      kept.add(r.id);
      used += 1;
    }
  }
  return { kept, total };
}

function resourceNode(index: RegistryIndex, r: ResourceEntry, depotNodes: ReadonlySet<string>) {
  const c = cardBase(index, r);
  const depotID = r.managingDepot && depotNodes.has(r.managingDepot.id) ? r.managingDepot.id : undefined;
  return {
    id: r.id,
    namespace: r.namespace,
    name: r.name,
    registryName: r.registryName,
    ...(c.provider !== undefined ? { provider: c.provider } : {}),
    ...(c.providerNamespace !== undefined ? { providerNamespace: c.providerNamespace } : {}),
    synced: c.synced,
    ...(c.syncStatus !== undefined ? { syncStatus: c.syncStatus } : {}),
    ...(c.repoUrl !== undefined ? { repoURL: c.repoUrl } : {}),
    ...(c.latestVersion !== undefined ? { latestVersion: c.latestVersion } : {}),
    ...(depotID ? { depotID } : {}),
    ...(c.scanCounts ? { scanCounts: c.scanCounts } : {}),
  };
}

/** `YYYY-MM-DDTHH:MM:SSZ`, whole seconds. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** Everything but `generatedAt`: fixed per (snapshot, Viewer class, query), so it can be cached. */
export function depotGraphBody(state: BrowseState, viewer: Viewer, q: QueryParams): Omit<GraphResponse, "generatedAt"> {
  const query = parseGraphQuery(q);
  const visible = visibleSet(state.index, viewer);
  const scope = inScope(visible, query);
  const { kept, total } = truncate(scope, query.limit);
  const depots = scope.depots.filter((d) => kept.has(d.id));
  const depotIds = new Set(depots.map((d) => d.id));
  const modules = scope.modules.filter((r) => kept.has(r.id)).map((r) => resourceNode(state.index, r, depotIds));
  const providers = scope.providers.filter((r) => kept.has(r.id)).map((r) => resourceNode(state.index, r, depotIds));
  const edges: GraphResponse["edges"] = [];
  const seen = new Set<string>();
  for (const d of depots) {
    for (const e of [...d.modules, ...d.providers]) {
      if (!kept.has(e.id)) continue;
      const id = `edge/${d.id}/${e.id}`;
      if (seen.has(id)) continue;
      seen.add(id);
      edges.push({ id, source: d.id, target: e.id });
    }
  }
  return {
    depots: depots.map((d) => {
      const names = visibleManagedNames(d, visible);
      const polling = d.depot.pollingIntervalMinutes;
      return {
        id: d.id,
        namespace: d.namespace,
        name: d.name,
        ...(d.storageBackend ? { storageBackend: d.storageBackend } : {}),
        ...(polling !== undefined ? { pollingIntervalMinutes: polling } : {}),
        managedModuleNames: names.modules,
        managedProviderNames: names.providers,
      };
    }),
    modules,
    providers,
    edges,
    summary: {
      totalDepots: depots.length,
      totalModules: modules.length,
      totalProviders: providers.length,
      totalNodesInScope: total,
    },
    truncated: kept.size < total,
  };
}
