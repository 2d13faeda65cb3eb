// GET /opendepot/ui/v1/namespaces (docs/browse-api.md §6.1).

import { compareStrings } from "../registry/compare";
import type { Viewer } from "../auth/viewer";
import { enumParam, single, type QueryParams } from "./params";
import type { BrowseState } from "./state";
import { derived, visibleSet } from "./visibility";

export interface NamespacesResponse {
  items: { name: string; public: boolean }[];
}

export const NAMESPACE_PARAMS = ["include"] as const;

export function listNamespaces(state: BrowseState, viewer: Viewer, q: QueryParams): NamespacesResponse {
  const include = enumParam(single(q, "include"), "include", ["visible"] as const);
  const { index } = state;
  const publicNs = new Set(index.publicNamespaces);
  if (!include) return { items: index.publicNamespaces.map((name) => ({ name, public: true })) };
  const items = derived(visibleSet(index, viewer), "namespaces", (visible) => {
    const names = new Set(publicNs);
    for (const r of visible.resources) names.add(r.namespace);
    for (const d of visible.depots) names.add(d.namespace);
    return [...names].sort(compareStrings).map((name) => ({ name, public: publicNs.has(name) }));
  });
  return { items };
}
