// What a Viewer may see, computed once per (index, viewer class) by the rules of
// lib/auth/visibility.ts and reused by every endpoint, so a request never re-evaluates grants
// over the whole registry.

import { LRUCache } from "lru-cache";
import type { Viewer } from "../auth/viewer";
import { viewerCacheKey } from "../auth/viewer";
import { canSeeDepot, canSeeResource } from "../auth/visibility";
import type { DepotEntry, RegistryIndex, ResourceEntry } from "../registry/index/types";

export interface VisibleSet {
  /** Modules then providers, each in (namespace, name) order. */
  readonly resources: readonly ResourceEntry[];
  readonly ids: ReadonlySet<string>;
  /** Visible depots in (namespace, name) order. */
  readonly depots: readonly DepotEntry[];
  /** Values derived from this set (sort orders, filter options), computed once; see derived(). */
  readonly derived: Map<string, unknown>;
}

// Values that also depend on a downloads table live with that table, so they are collected with it
// when the poller replaces it (every few seconds with Valkey) instead of piling up on the set.
const perTable = new WeakMap<object, WeakMap<VisibleSet, Map<string, unknown>>>();

/**
 * A value computed from a visible set once per (index, Viewer class), e.g. a sort order; pass the
 * downloads table in use when the value depends on it.
 */
export function derived<T>(
  visible: VisibleSet,
  key: string,
  compute: (visible: VisibleSet) => T,
  downloads?: object,
): T {
  let store = visible.derived;
  if (downloads) {
    let sets = perTable.get(downloads);
    if (!sets) perTable.set(downloads, (sets = new WeakMap()));
    const existing = sets.get(visible);
    if (existing) store = existing;
    else sets.set(visible, (store = new Map()));
  }
  if (store.has(key)) return store.get(key) as T;
  const value = compute(visible);
  store.set(key, value);
  return value;
}

/**
 * Viewer classes kept per index: each set holds its sort orders and statistics (about 1 MiB per
 * class at 12,000 resources), and a registry with many GroupBindings has as many classes; the
 * least recently used is computed again when it returns (a filter pass, milliseconds).
 */
export const MAX_VIEWER_CLASSES = 32;

const cache = new WeakMap<RegistryIndex, LRUCache<string, VisibleSet>>();

export function visibleSet(index: RegistryIndex, viewer: Viewer): VisibleSet {
  let perViewer = cache.get(index);
  if (!perViewer) cache.set(index, (perViewer = new LRUCache({ max: MAX_VIEWER_CLASSES })));
  const key = viewerCacheKey(viewer);
  const hit = perViewer.get(key);
  if (hit) return hit;
  const resources = index.resources.filter((r) => canSeeResource(viewer, r));
  const ids = new Set(resources.map((r) => r.id));
  const depots = index.depots.filter((d) =>
    canSeeDepot(viewer, d, () => [...d.modules, ...d.providers].some((e) => ids.has(e.resource.id))),
  );
  const set = { resources, ids, depots, derived: new Map<string, unknown>() };
  perViewer.set(key, set);
  return set;
}

/** The depot's managed names visible to the Viewer, as written, in status order (docs/browse-api.md §3.8). */
export function visibleManagedNames(d: DepotEntry, visible: VisibleSet): { modules: string[]; providers: string[] } {
  return {
    modules: d.modules.filter((e) => visible.ids.has(e.resource.id)).map((e) => e.text),
    providers: d.providers.filter((e) => visible.ids.has(e.resource.id)).map((e) => e.text),
  };
}
