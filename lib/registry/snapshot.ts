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

function identity(o: RegistryObject): string {
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
