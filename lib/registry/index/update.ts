// Updates the index from one snapshot to the next instead of rebuilding it (docs/architecture.md "Data flow"):
// every entry whose inputs are the same objects as before is reused as it is. Sources keep an
// unchanged object the same object across snapshots, so "unchanged" is an identity check.
//
// The rule: a changed Version rebuilds its owner's entry (before and after the change); a changed
// Module or Provider rebuilds its own entry, and when it appears, disappears or changes its config
// name, every entry of its namespace (linking there may change); a changed Depot rebuilds its
// DepotEntry; a resource whose managing depot changed gets a copy pointing at the new one. The
// sorted lists are copied with the changed entries in place. GroupBinding and Namespace changes,
// and large change sets, take the full build (buildIndex), which is also the tests' oracle.

import { lowerBound } from "../compare";
import type { Snapshot, SnapshotChanges } from "../snapshot";
import type { Module, Namespace, Provider, RegistryObject, ResourceKind, Version } from "../types";
import {
  buildDepot,
  buildIndex,
  buildResource,
  buildVersionEntry,
  byNsName,
  configMapData,
  managingDepots,
  namespaceMap,
  snapshotCounts,
  withDepot,
  type BuildOptions,
  type ResourceBase,
} from "./build";
import { getOrMake, peekDerived } from "./derived";
import { linkTable, ownerOf, type LinkTable } from "./link";
import { PatchedMap } from "./patched-map";
import type { DepotEntry, DepotManaged, RegistryIndex, ResourceEntry, VersionEntry } from "./types";

type Resource = Module | Provider;

/** What an update needs from the index before it, beyond its public shape. */
interface UpdateState {
  readonly options: BuildOptions;
  /** Only names and config names are read from it, so it stays valid while no resource appears, disappears or is renamed. */
  readonly links: LinkTable;
  readonly namespaces: ReadonlyMap<string, Namespace>;
  readonly managing: ReadonlyMap<string, DepotEntry>;
}

/** Where each index keeps its UpdateState (lib/registry/index/derived.ts). */
const UPDATE_STATE = "registry/index/update-state";

export interface UpdateOptions extends BuildOptions {
  /** More changed objects than this take the full build (default: a tenth of the snapshot, at least 256). */
  readonly maxChanges?: number;
}

export interface UpdateResult {
  readonly index: RegistryIndex;
  readonly mode: "incremental" | "full";
  /** Why the full build was taken. */
  readonly reason?: string;
  /** Objects added, removed or replaced since the previous snapshot (undefined after a full build's early exit). */
  readonly changedObjects?: number;
  /** Resource entries rebuilt or re-pointed (incremental only). */
  readonly changedResources?: number;
}

/** The index of `next`, reusing what `previous` (built from `previous.snapshot`) already computed. */
export function updateIndex(
  previous: { readonly snapshot: Snapshot; readonly index: RegistryIndex } | undefined,
  next: Snapshot,
  options: UpdateOptions,
): UpdateResult {
  const full = (reason: string, changedObjects?: number): UpdateResult => ({
    index: fullIndex(next, options),
    mode: "full",
    reason,
    ...(changedObjects !== undefined ? { changedObjects } : {}),
  });
  if (!previous) return full("first snapshot");
  const { snapshot: before, index: prev } = previous;
  const state = peekDerived<UpdateState>(prev, UPDATE_STATE);
  if (!state || prev.snapshotId !== before.id) return full("previous index unknown");
  if (state.options.bindingsNamespace !== options.bindingsNamespace) return full("options changed");
  if (!sameItems(before.groupBindings, next.groupBindings)) return full("group bindings changed");
  if (!sameItems(before.namespaces, next.namespaces)) return full("namespaces changed");

  const changes = next.changes?.from === before.id ? next.changes : undefined;
  const diff = <K extends RegistryObject["kind"]>(kind: K) => (changes ? changesOf(changes, kind) : undefined);
  const modules = diff("Module") ?? diffObjects(before.modules, next.modules);
  const providers = diff("Provider") ?? diffObjects(before.providers, next.providers);
  const versions = diff("Version") ?? diffObjects(before.versions, next.versions);
  const depotDiff = diff("Depot") ?? diffObjects(before.depots, next.depots);
  const configMaps = diff("ConfigMap") ?? diffObjects(before.configMaps, next.configMaps);
  const changedObjects = [modules, providers, versions, depotDiff, configMaps].reduce(
    (n, d) => n + d.removed.length + d.added.length,
    0,
  );
  const total = next.modules.length + next.providers.length + next.versions.length + next.depots.length;
  const maxChanges = options.maxChanges ?? Math.max(256, Math.floor(total / 10));
  if (changedObjects > maxChanges) return full("large change set", changedObjects);

  // Resources: a replacement with the same names links the same Versions; anything else relinks its namespace.
  const removedRes = new Map([...modules.removed, ...providers.removed].map((r) => [resourceId(r), r]));
  const addedRes = new Map([...modules.added, ...providers.added].map((r) => [resourceId(r), r]));
  const relinkNs = new Set<string>();
  const dirty = new Set<string>();
  let idsChanged = false;
  for (const [id, r] of removedRes) {
    const a = addedRes.get(id);
    if (!a) idsChanged = true;
    if (!a || a.config.name !== r.config.name) relinkNs.add(r.metadata.namespace);
    else dirty.add(id);
  }
  for (const [id, a] of addedRes) {
    if (removedRes.has(id)) continue;
    idsChanged = true;
    relinkNs.add(a.metadata.namespace);
  }
  const links = relinkNs.size > 0 ? linkTable(next.modules, next.providers) : state.links;

  // Versions outside relinked namespaces: their owner's rows lose the old object and gain the new one.
  const removedRows = new Map<string, Set<Version>>();
  const addedRows = new Map<string, Version[]>();
  for (const v of versions.removed) {
    if (relinkNs.has(v.metadata.namespace)) continue;
    const owner = ownerOf(v, links);
    if (!owner) continue;
    const id = resourceId(owner);
    dirty.add(id);
    getOrMake(removedRows, id, () => new Set()).add(v);
  }
  for (const v of versions.added) {
    if (relinkNs.has(v.metadata.namespace)) continue;
    const owner = ownerOf(v, links);
    if (!owner) continue;
    const id = resourceId(owner);
    dirty.add(id);
    getOrMake(addedRows, id, () => []).push(v);
  }

  // Relinked namespaces: every Version there is linked again, rows reused where object and kind are the same.
  const relinked = new Map<string, Version[]>();
  const knownRows = new Map<Version, { kind: ResourceKind; row: VersionEntry }>();
  if (relinkNs.size > 0) {
    for (const r of prev.resources) {
      if (!relinkNs.has(r.namespace)) continue;
      dirty.add(r.id);
      for (const row of r.versions) knownRows.set(row.version, { kind: r.kind, row });
    }
    for (const id of addedRes.keys()) if (relinkNs.has(addedRes.get(id)!.metadata.namespace)) dirty.add(id);
    for (const v of next.versions) {
      if (!relinkNs.has(v.metadata.namespace)) continue;
      const owner = ownerOf(v, links);
      if (owner) getOrMake(relinked, resourceId(owner), () => []).push(v);
    }
  }

  const bases = new Map<string, ResourceBase>();
  for (const id of dirty) {
    const old = prev.byId.get(id);
    const res: Resource | undefined = addedRes.get(id) ?? (removedRes.has(id) ? undefined : old?.resource);
    if (!res) continue; // gone
    const kind: ResourceKind = res.kind === "Module" ? "module" : "provider";
    let rows: VersionEntry[];
    if (relinkNs.has(res.metadata.namespace)) {
      rows = (relinked.get(id) ?? []).map((v) => {
        const known = knownRows.get(v);
        return known && known.kind === kind ? known.row : buildVersionEntry(v, kind);
      });
    } else {
      const gone = removedRows.get(id);
      rows = (old?.versions ?? []).filter((row) => !gone?.has(row.version));
      for (const v of addedRows.get(id) ?? []) rows.push(buildVersionEntry(v, kind));
    }
    bases.set(id, buildResource(kind, res, rows, state.namespaces));
  }

  // Depots: rebuilt when the Depot changed, or re-resolved when resources appeared or disappeared.
  let depots = prev.depots;
  if (depotDiff.removed.length > 0 || depotDiff.added.length > 0 || idsChanged) {
    // A dirty id without a base is a resource that is gone.
    const exists = (id: string) => bases.has(id) || (prev.byId.has(id) && !dirty.has(id));
    const old = new Map(prev.depots.map((d) => [d.depot, d]));
    depots = next.depots
      .map((d) => {
        const o = old.get(d);
        if (o && !idsChanged) return o;
        const fresh = buildDepot(d, state.namespaces, exists);
        return o && sameManaged(o.modules, fresh.modules) && sameManaged(o.providers, fresh.providers) ? o : fresh;
      })
      .sort(byNsName);
    if (sameItems(depots, prev.depots)) depots = prev.depots;
  }
  const managing = depots === prev.depots ? state.managing : managingDepots(depots);

  const replaced = new Map<string, ResourceEntry | undefined>();
  for (const id of dirty) {
    const base = bases.get(id);
    replaced.set(id, base ? withDepot(base, managing.get(id)) : undefined);
  }
  if (managing !== state.managing) {
    for (const id of new Set([...state.managing.keys(), ...managing.keys()])) {
      if (replaced.has(id) || state.managing.get(id) === managing.get(id)) continue;
      const old = prev.byId.get(id);
      if (old) replaced.set(id, withDepot(old, managing.get(id)));
    }
  }

  const moduleList = applyReplaced(prev.modules, "module", replaced, prev.byId);
  const providerList = applyReplaced(prev.providers, "provider", replaced, prev.byId);
  const byId = replaced.size > 0 ? PatchedMap.of(prev.byId, replaced) : prev.byId;
  const index: RegistryIndex = {
    snapshotId: next.id,
    builtAt: Date.now(),
    resources:
      moduleList === prev.modules && providerList === prev.providers
        ? prev.resources
        : [...moduleList, ...providerList],
    modules: moduleList,
    providers: providerList,
    byId,
    depots,
    publicNamespaces: prev.publicNamespaces,
    groupBindings: prev.groupBindings,
    configMapData: configMaps.removed.length + configMaps.added.length > 0 ? configMapData(next) : prev.configMapData,
    counts: snapshotCounts(next),
    lineage: { previous: prev, changedIds: new Set(replaced.keys()) },
    derived: new Map(),
  };
  // The previous index now lets go of its own predecessor: one step of history, not a chain.
  if (prev.lineage) prev.lineage.previous = undefined;
  index.derived.set(UPDATE_STATE, {
    options: state.options,
    links,
    namespaces: state.namespaces,
    managing,
  } satisfies UpdateState);
  return { index, mode: "incremental", changedObjects, changedResources: replaced.size };
}

/** The full build, remembering what the next update needs. */
function fullIndex(snapshot: Snapshot, options: BuildOptions): RegistryIndex {
  const index = buildIndex(snapshot, options);
  index.derived.set(UPDATE_STATE, {
    options: { bindingsNamespace: options.bindingsNamespace },
    links: linkTable(snapshot.modules, snapshot.providers),
    namespaces: namespaceMap(snapshot),
    managing: managingDepots(index.depots),
  } satisfies UpdateState);
  return index;
}

function resourceId(r: Resource): string {
  return `${r.kind === "Module" ? "module" : "provider"}/${r.metadata.namespace}/${r.metadata.name}`;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameManaged(a: readonly DepotManaged[], b: readonly DepotManaged[]): boolean {
  return a.length === b.length && a.every((e, i) => e.id === b[i]!.id && e.text === b[i]!.text);
}

/**
 * The sorted list with replaced entries in place, removed ones dropped and new ones sorted in. A
 * changed entry keeps its (namespace, name), so it is found by binary search: a status change
 * costs a copy of the list, not a lookup per entry.
 */
function applyReplaced(
  list: readonly ResourceEntry[],
  kind: ResourceKind,
  replaced: ReadonlyMap<string, ResourceEntry | undefined>,
  before: ReadonlyMap<string, ResourceEntry>,
): readonly ResourceEntry[] {
  let out: (ResourceEntry | undefined)[] | undefined;
  let removed = false;
  const fresh: ResourceEntry[] = [];
  for (const [id, e] of replaced) {
    if (e ? e.kind !== kind : !id.startsWith(`${kind}/`)) continue;
    out ??= list.slice();
    const old = before.get(id);
    const at = old ? positionOf(list, old) : -1;
    if (at < 0) {
      if (e) fresh.push(e);
    } else {
      out[at] = e;
      if (!e) removed = true;
    }
  }
  if (!out) return list;
  const kept = removed ? out.filter((r) => r !== undefined) : (out as ResourceEntry[]);
  return fresh.length > 0 ? [...kept, ...fresh].sort(byNsName) : kept;
}

/** Where `entry` is in `list` (sorted by byNsName, one entry per namespace and name), or -1. */
function positionOf(list: readonly ResourceEntry[], entry: ResourceEntry): number {
  const at = lowerBound(list, entry, byNsName);
  return list[at] === entry ? at : list.indexOf(entry);
}

/** What diffObjects would find for one kind, read from the patch that made the snapshot. */
function changesOf<K extends RegistryObject["kind"]>(
  changes: SnapshotChanges,
  kind: K,
): { removed: Extract<RegistryObject, { kind: K }>[]; added: Extract<RegistryObject, { kind: K }>[] } {
  const ofKind = (o: RegistryObject): o is Extract<RegistryObject, { kind: K }> => o.kind === kind;
  return { removed: changes.removed.filter(ofKind), added: changes.added.filter(ofKind) };
}

/**
 * Objects of `before` missing from `after` and the other way round, by identity. Sources keep
 * unchanged objects in place, so the common head and tail are skipped before anything is hashed.
 */
export function diffObjects<T>(before: readonly T[], after: readonly T[]): { removed: T[]; added: T[] } {
  if (before === after) return { removed: [], added: [] };
  let start = 0;
  const min = Math.min(before.length, after.length);
  while (start < min && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  const midB = before.slice(start, endB);
  const midA = after.slice(start, endA);
  if (midB.length <= 1 && midA.length <= 1) return { removed: midB, added: midA };
  const inA = new Set(midA);
  const inB = new Set(midB);
  return { removed: midB.filter((o) => !inA.has(o)), added: midA.filter((o) => !inB.has(o)) };
}
