// A snapshot: the objects currently loaded from a source, grouped by kind. Immutable once built.

import type { RawDownloads } from "./download-records";
import type { SchemaWarning } from "./schemas";
import type { ConfigMap, Depot, GroupBinding, Module, Namespace, Provider, RegistryObject, Version } from "./types";

export interface SourceError {
  /** File path relative to the registry folder, or a Kubernetes resource kind. */
  readonly file: string;
  readonly message: string;
}

export interface Snapshot {
  /** Increases with every new snapshot of a process; part of every result-cache key. */
  readonly id: number;
  readonly loadedAt: number;
  readonly modules: readonly Module[];
  readonly providers: readonly Provider[];
  readonly versions: readonly Version[];
  readonly depots: readonly Depot[];
  readonly groupBindings: readonly GroupBinding[];
  readonly namespaces: readonly Namespace[];
  readonly configMaps: readonly ConfigMap[];
  /** Download records the source itself carries (the file source's downloads.yaml). */
  readonly downloads?: RawDownloads;
  readonly errors: readonly SourceError[];
  readonly warnings: readonly SchemaWarning[];
  /** Set by patchSnapshot: what changed since the snapshot it patched. */
  readonly changes?: SnapshotChanges;
}

/**
 * The objects a patch took out of its snapshot's lists and put in (a replacement is both), so
 * that the index update need not compare every list of 100,000 objects to find them.
 */
export interface SnapshotChanges {
  /** The id of the snapshot patched. */
  readonly from: number;
  readonly removed: readonly RegistryObject[];
  readonly added: readonly RegistryObject[];
}

let lastId = 0;

function nextSnapshotId(): number {
  lastId += 1;
  return lastId;
}

export interface ComposeInput {
  /** Objects in read order (the later of two with the same identity wins). */
  readonly objects: Iterable<{ object: RegistryObject; origin: string }>;
  readonly downloads?: RawDownloads;
  readonly errors: readonly SourceError[];
  readonly warnings: readonly SchemaWarning[];
}

/** The identity of an object: two objects with the same identity are one object in two versions. */
export function identity(o: RegistryObject): string {
  if (o.kind === "Namespace") return `Namespace\u0000${o.name}`;
  return `${o.kind}\u0000${o.metadata.namespace}\u0000${o.metadata.name}`;
}

/** Groups objects by kind, resolving duplicate identities (later wins, with a warning; docs/browse-api.md §2.1). */
export function composeSnapshot(input: ComposeInput, now = Date.now()): Snapshot {
  const byId = new Map<string, RegistryObject>();
  const warnings: SchemaWarning[] = [...input.warnings];
  for (const { object, origin } of input.objects) {
    const key = identity(object);
    if (byId.has(key)) {
      byId.delete(key); // re-insert so iteration order follows the winning object
      const name = object.kind === "Namespace" ? object.name : `${object.metadata.namespace}/${object.metadata.name}`;
      warnings.push({
        kind: object.kind,
        object: name,
        origin,
        field: "metadata.name",
        message: "duplicate identity; the later object wins",
      });
    }
    byId.set(key, object);
  }
  const modules: Module[] = [];
  const providers: Provider[] = [];
  const versions: Version[] = [];
  const depots: Depot[] = [];
  const groupBindings: GroupBinding[] = [];
  const namespaces: Namespace[] = [];
  const configMaps: ConfigMap[] = [];
  for (const o of byId.values()) {
    switch (o.kind) {
      case "Module":
        modules.push(o);
        break;
      case "Provider":
        providers.push(o);
        break;
      case "Version":
        versions.push(o);
        break;
      case "Depot":
        depots.push(o);
        break;
      case "GroupBinding":
        groupBindings.push(o);
        break;
      case "Namespace":
        namespaces.push(o);
        break;
      case "ConfigMap":
        configMaps.push(o);
        break;
    }
  }
  return {
    id: nextSnapshotId(),
    loadedAt: now,
    modules,
    providers,
    versions,
    depots,
    groupBindings,
    namespaces,
    configMaps,
    ...(input.downloads ? { downloads: input.downloads } : {}),
    errors: input.errors,
    warnings,
  };
}

export interface SnapshotPatch {
  /** Old object → its new version (the same identity). */
  readonly replace?: ReadonlyMap<RegistryObject, RegistryObject>;
  /** New identities, appended to their kind's list. */
  readonly add?: readonly RegistryObject[];
  readonly remove?: ReadonlySet<RegistryObject>;
  readonly downloads?: RawDownloads;
  readonly errors: readonly SourceError[];
  readonly warnings: readonly SchemaWarning[];
}

type KindLists = Pick<
  Snapshot,
  "modules" | "providers" | "versions" | "depots" | "groupBindings" | "namespaces" | "configMaps"
>;

const LIST_OF: Record<RegistryObject["kind"], keyof KindLists> = {
  Module: "modules",
  Provider: "providers",
  Version: "versions",
  Depot: "depots",
  GroupBinding: "groupBindings",
  Namespace: "namespaces",
  ConfigMap: "configMaps",
};

/**
 * The previous snapshot with a few objects replaced, added or removed: only the lists of the kinds
 * touched are copied, and no identity key is computed for the others (one changed file or watch
 * event must not cost a pass of string keys over 100,000 objects). The caller keeps identities
 * unique: a replacement has its old object's identity, an addition a new one.
 */
export function patchSnapshot(previous: Snapshot, patch: SnapshotPatch, now = Date.now()): Snapshot {
  const lists: { -readonly [K in keyof KindLists]: RegistryObject[] | KindLists[K] } = {
    modules: previous.modules,
    providers: previous.providers,
    versions: previous.versions,
    depots: previous.depots,
    groupBindings: previous.groupBindings,
    namespaces: previous.namespaces,
    configMaps: previous.configMaps,
  };
  const copied = new Set<keyof KindLists>();
  const writable = (kind: RegistryObject["kind"]): RegistryObject[] => {
    const name = LIST_OF[kind];
    if (!copied.has(name)) {
      copied.add(name);
      lists[name] = [...lists[name]];
    }
    return lists[name] as RegistryObject[];
  };
  const removed: RegistryObject[] = [];
  const added: RegistryObject[] = [];
  const replace = [...(patch.replace ?? [])];
  const byKind = new Map<RegistryObject["kind"], [RegistryObject, RegistryObject][]>();
  for (const pair of replace) {
    const list = byKind.get(pair[0].kind) ?? [];
    list.push(pair);
    byKind.set(pair[0].kind, list);
  }
  for (const [kind, pairs] of byKind) {
    const list = writable(kind);
    // indexOf per object while they are few; a position map when a whole file changed.
    const at = pairs.length > 16 ? new Map(list.map((o, i) => [o, i])) : undefined;
    for (const [old, next] of pairs) {
      const i = at ? (at.get(old) ?? -1) : list.indexOf(old);
      if (i < 0 || old === next) continue; // absent: it lost to a duplicate, as its replacement does
      list[i] = next;
      removed.push(old);
      added.push(next);
    }
  }
  if (patch.remove && patch.remove.size > 0) {
    const kinds = new Set([...patch.remove].map((o) => o.kind));
    for (const kind of kinds) {
      const name = LIST_OF[kind];
      lists[name] = (lists[name] as readonly RegistryObject[]).filter((o) => {
        if (!patch.remove!.has(o)) return true;
        removed.push(o);
        return false;
      });
      copied.add(name);
    }
  }
  for (const o of patch.add ?? []) {
    writable(o.kind).push(o);
    added.push(o);
  }
  return {
    id: nextSnapshotId(),
    loadedAt: now,
    ...(lists as KindLists),
    ...(patch.downloads ? { downloads: patch.downloads } : {}),
    errors: patch.errors,
    warnings: patch.warnings,
    changes: { from: previous.id, removed, added },
  };
}
