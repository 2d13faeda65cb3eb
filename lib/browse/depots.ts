// GET /opendepot/ui/v1/depots (docs/browse-api.md §6.6).

import type { Viewer } from "../auth/viewer";
import { single, type QueryParams } from "./params";
import type { BrowseState } from "./state";
import { derived, visibleManagedNames, visibleSet } from "./visibility";

export interface DepotSummary {
  namespace: string;
  name: string;
  modules: string[];
  providers: string[];
  pollingIntervalMinutes?: number;
  storageBackend?: string;
}

export const DEPOT_PARAMS = ["namespace"] as const;

export function listDepots(state: BrowseState, viewer: Viewer, q: QueryParams): { items: DepotSummary[] } {
  const namespace = single(q, "namespace");
  const visible = visibleSet(state.index, viewer);
  return {
    items: visible.depots
      .filter((d) => namespace === undefined || d.namespace === namespace)
      .map((d) => {
        const names = visibleManagedNames(d, visible);
        const polling = d.depot.pollingIntervalMinutes;
        return {
          namespace: d.namespace,
          name: d.name,
          modules: names.modules,
          providers: names.providers,
          ...(polling !== undefined ? { pollingIntervalMinutes: polling } : {}),
          ...(d.storageBackend ? { storageBackend: d.storageBackend } : {}),
        };
      }),
  };
}

/** `namespace/name` of every visible depot, in list order (the Depots page's filter options). */
export function visibleDepotNames(state: BrowseState, viewer: Viewer): readonly string[] {
  return derived(visibleSet(state.index, viewer), "depot-names", (v) =>
    v.depots.map((d) => `${d.namespace}/${d.name}`),
  );
}
