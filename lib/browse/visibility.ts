// What a Viewer may see, computed once per (index, viewer class) by the rules of
// lib/auth/visibility.ts and reused by every endpoint, so a request never re-evaluates grants
// over the whole registry.

import { LRUCache } from "lru-cache";
import type { Viewer } from "../auth/viewer";
import { viewerCacheKey } from "../auth/viewer";
import { canSeeDepot, canSeeResource } from "../auth/visibility";
import { lowerBound } from "../registry/compare";
import { derivedOf, getOrMake, peekDerived } from "../registry/index/derived";
import type { DepotEntry, RegistryIndex, ResourceEntry } from "../registry/index/types";

export interface VisibleSet {
  /** Modules then providers, each in (namespace, name) order. */
  readonly resources: readonly ResourceEntry[];
  readonly ids: ReadonlySet<string>;
  /** Visible depots in (namespace, name) order. */
  readonly depots: readonly DepotEntry[];
  /** Values derived from this set (sort orders, filter options), computed once; see derived(). */
  readonly derived: Map<string, unknown>;
  /**
   * Values that also depend on a downloads table, for the table they were last asked for. The
   * table is held weakly: the poller replaces it every few seconds with Valkey, and a cached set
   * must not keep the old ones alive.
   */
  byTable?: { readonly table: WeakRef<object>; readonly derived: Map<string, unknown> };
  /** The same Viewer class's set of the index this one's index was updated from, and what differs. */
  readonly carried?: {
    readonly previous: WeakRef<VisibleSet>;
    /** Entries of the previous set that are not in this one. */
    readonly removed: ReadonlySet<ResourceEntry>;
    /** Entries of this set that were not in the previous one. */
    readonly added: readonly ResourceEntry[];
  };
}

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
    const existing = tableDerived(visible, downloads);
    if (existing) store = existing;
    else visible.byTable = { table: new WeakRef(downloads), derived: (store = new Map()) };
  }
  return getOrMake(store, key, () => compute(visible)) as T;
}

/** The set's values for `downloads`, if it has any for that table. */
function tableDerived(visible: VisibleSet, downloads: object): Map<string, unknown> | undefined {
  const slot = visible.byTable;
  return slot && slot.table.deref() === downloads ? slot.derived : undefined;
}

/**
 * Viewer classes kept per index: each set holds its sort orders and statistics (about 1 MiB per
 * class at 12,000 resources), and a registry with many GroupBindings has as many classes; the
 * least recently used is computed again when it returns (a filter pass, milliseconds).
 */
export const MAX_VIEWER_CLASSES = 32;

/** Where each index keeps its sets (lib/registry/index/derived.ts), the pages' bundle too. */
const SETS = "browse/visibility/sets";

export function visibleSet(index: RegistryIndex, viewer: Viewer): VisibleSet {
  const perViewer = derivedOf(index, SETS, () => new LRUCache<string, VisibleSet>({ max: MAX_VIEWER_CLASSES }));
  const key = viewerCacheKey(viewer);
  const hit = perViewer.get(key);
  if (hit) return hit;
  const set = carriedSet(index, viewer, key) ?? freshSet(index, viewer);
  perViewer.set(key, set);
  return set;
}

function visibleDepots(index: RegistryIndex, viewer: Viewer, ids: ReadonlySet<string>): DepotEntry[] {
  return index.depots.filter((d) =>
    canSeeDepot(viewer, d, () => [...d.modules, ...d.providers].some((e) => ids.has(e.id))),
  );
}

function freshSet(index: RegistryIndex, viewer: Viewer): VisibleSet {
  const resources = index.resources.filter((r) => canSeeResource(viewer, r));
  const ids = new Set(resources.map((r) => r.id));
  return { resources, ids, depots: visibleDepots(index, viewer, ids), derived: new Map() };
}

/**
 * The set of an index updated from one whose set for this Viewer class is still cached: only the
 * changed entries are judged again (the rules depend on the entry and the class alone).
 */
function carriedSet(index: RegistryIndex, viewer: Viewer, key: string): VisibleSet | undefined {
  const lineage = index.lineage;
  const before = lineage?.previous;
  const prev = before && peekDerived<LRUCache<string, VisibleSet>>(before, SETS)?.get(key);
  if (!lineage || !before || !prev || before.groupBindings !== index.groupBindings) return undefined;
  const removed = new Set<ResourceEntry>();
  const added: ResourceEntry[] = [];
  let sameIds = true;
  for (const id of lineage.changedIds) {
    const was = prev.ids.has(id);
    const now = index.byId.get(id);
    const is = now !== undefined && canSeeResource(viewer, now);
    if (was) removed.add(before.byId.get(id)!);
    if (is) added.push(now);
    if (was !== is) sameIds = false;
  }
  const carried = { previous: new WeakRef(prev), removed, added };
  if (sameIds) {
    // The common case (a status change): the same ids, some entries replaced in place.
    const resources =
      added.length === 0
        ? prev.resources
        : prev.resources.map((r) => (lineage.changedIds.has(r.id) ? index.byId.get(r.id)! : r));
    const depots = index.depots === before.depots ? prev.depots : visibleDepots(index, viewer, prev.ids);
    return { resources, ids: prev.ids, depots, derived: new Map(), carried };
  }
  const ids = new Set(prev.ids);
  for (const id of lineage.changedIds) ids.delete(id);
  for (const r of added) ids.add(r.id);
  const resources = index.resources.filter((r) => (lineage.changedIds.has(r.id) ? ids.has(r.id) : prev.ids.has(r.id)));
  return { resources, ids, depots: visibleDepots(index, viewer, ids), derived: new Map(), carried };
}

/**
 * A sort order of the previous set (same key, same downloads table) with the changed entries taken out and put back
 * where `compare` places them, instead of sorting every entry again. `compare` must be a total
 * order, so the result is what a full sort gives; undefined when there is nothing to carry.
 */
export function carriedOrder(
  visible: VisibleSet,
  key: string,
  compare: (a: ResourceEntry, b: ResourceEntry) => number,
  downloads?: object,
): ResourceEntry[] | undefined {
  const c = visible.carried;
  const prev = c?.previous.deref();
  const store = prev && (downloads ? tableDerived(prev, downloads) : prev.derived);
  const old = store?.get(key) as readonly ResourceEntry[] | undefined;
  if (!c || !old || c.removed.size + c.added.length > Math.max(32, old.length / 8)) return undefined;
  const out = c.removed.size > 0 ? old.filter((r) => !c.removed.has(r)) : [...old];
  for (const r of c.added) out.splice(lowerBound(out, r, compare), 0, r);
  return out;
}

/** The depot's managed names visible to the Viewer, as written, in status order (docs/browse-api.md §3.8). */
export function visibleManagedNames(d: DepotEntry, visible: VisibleSet): { modules: string[]; providers: string[] } {
  return {
    modules: d.modules.filter((e) => visible.ids.has(e.id)).map((e) => e.text),
    providers: d.providers.filter((e) => visible.ids.has(e.id)).map((e) => e.text),
  };
}
