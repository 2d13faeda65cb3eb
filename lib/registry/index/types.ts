// The index: everything a request needs, computed once per snapshot (docs/browse-api.md §3).
// Immutable: a new snapshot gives a new index, which replaces the old one whole; entries whose
// inputs did not change are shared between the two (lib/registry/index/update.ts).

import type { ReportedFinding, ScanCounts, Severity } from "../findings";
import type { ParsedVersion } from "../version";
import type { StorageBackend } from "../storage";
import type { Depot, Finding, GroupBinding, Module, Provider, ResourceKind, Version } from "../types";

export type SyncState = "synced" | "progressing" | "failed";

/** A VersionRow (docs/browse-api.md §5.4) without its download fields, which join later (docs/browse-api.md §7.2). */
export interface VersionEntry {
  readonly version: Version;
  readonly normalized: string;
  readonly parsed: ParsedVersion;
  /** Trimmed raw spec.version. */
  readonly raw: string;
  readonly os: string;
  readonly arch: string;
  readonly syncState: SyncState;
  /** Counts and time of the Version's own scans (docs/browse-api.md §3.7), when it has any. */
  readonly scanSummary?: { readonly scanCounts: ScanCounts; readonly lastScanned: string };
}

export interface ResourceEntry {
  readonly kind: ResourceKind;
  /** Graph node id: `module/{ns}/{name}` or `provider/{ns}/{name}`. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly registryName: string;
  readonly resource: Module | Provider;
  readonly isPublic: boolean;
  /** Linked Versions in row order (docs/browse-api.md §5.4): newest first. */
  readonly versions: readonly VersionEntry[];
  /** The latest version's spelling (docs/browse-api.md §3.5), if any. */
  readonly latestVersion?: string;
  readonly latestParsed?: ParsedVersion;
  /** Linked Versions that are the same version as the latest, in row order. */
  readonly latestRows: readonly VersionEntry[];
  readonly scanCounts?: ScanCounts;
  readonly lastScanned?: string;
  /** Parsed lastScanned (NaN when unparseable or absent). */
  readonly lastScannedAt: number;
  readonly highestSeverity?: Severity;
  /** Latest source findings (deduplicated) — detail `sourceScanFindings`. */
  readonly latestSourceFindings: readonly ReportedFinding[];
  /** Providers: latest binary findings per `os/arch`, keys sorted; undefined when no row has a binary scan. */
  readonly latestBinaryFindings?: Readonly<Record<string, readonly ReportedFinding[]>>;
  /** Sync class of the Module or Provider's own status (docs/browse-api.md §3.6). */
  readonly syncState: SyncState;
  /** Some linked Version is not synced. */
  readonly hasUnsyncedVersions: boolean;
  /** Providers: the distinct `os`/`arch` of the linked Versions, sorted. */
  readonly platforms: readonly { readonly os: string; readonly arch: string }[];
  /** Lower-cased card fields `q` matches against, each separately (docs/browse-api.md §6.2). */
  readonly searchFields: readonly string[];
  /** Lower-cased `os\0arch` of every linked Version (for the `os`/`arch` filter). */
  readonly platformKeys: ReadonlySet<string>;
  readonly managingDepot?: DepotEntry;
  /** Own backend, else the managing depot's, else "unknown" (docs/browse-api.md §2.11). */
  readonly effectiveBackend: StorageBackend | "unknown";
  readonly storageBytes: number;
  readonly syncCounts: { readonly synced: number; readonly progressing: number; readonly failed: number };
}

/** A depot status entry that resolved to a resource: the text as written and the resource's id. */
export interface DepotManaged {
  readonly text: string;
  readonly id: string;
}

export interface DepotEntry {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly depot: Depot;
  readonly isPublic: boolean;
  readonly storageBackend?: StorageBackend;
  /**
   * Resolved entries, one per resource (first entry wins), in status order; text trimmed as written.
   * By resource id (look it up in `byId`), not by entry: a depot then stays the same object while
   * the resources it manages change (lib/registry/index/update.ts).
   */
  readonly modules: readonly DepotManaged[];
  readonly providers: readonly DepotManaged[];
}

export interface RegistryIndex {
  readonly snapshotId: number;
  readonly builtAt: number;
  /** Modules then providers, each sorted by namespace then name. */
  readonly resources: readonly ResourceEntry[];
  readonly modules: readonly ResourceEntry[];
  readonly providers: readonly ResourceEntry[];
  /** Key: `${kind}/${namespace}/${name}`. */
  readonly byId: ReadonlyMap<string, ResourceEntry>;
  /** Sorted by namespace then name. */
  readonly depots: readonly DepotEntry[];
  /** Public-labelled namespace names, sorted. */
  readonly publicNamespaces: readonly string[];
  /** GroupBindings of OPENDEPOT_NAMESPACE in ascending byte order of name. */
  readonly groupBindings: readonly GroupBinding[];
  /** README text (still base64) by `namespace/configmap` → data. */
  readonly configMapData: ReadonlyMap<string, Readonly<Record<string, string>>>;
  readonly counts: Readonly<Record<string, number>>;
  /** Set by an incremental update (lib/registry/index/update.ts): what derived values may be patched from. */
  readonly lineage?: IndexLineage;
  /** Values computed from this index on first use, dropped with it (lib/registry/index/derived.ts). */
  readonly derived: Map<string, unknown>;
}

/**
 * The index an incremental update started from and the resource ids whose entries changed. A
 * field of the index rather than a module's WeakMap: Next bundles the code that updates the index
 * (the runtime, started from instrumentation) apart from the route handlers that read it, and
 * each bundle has its own copy of every module-level map.
 */
export interface IndexLineage {
  /**
   * Held only until the next update (which clears it), so at most one older index is kept alive
   * for the visible sets and sort orders carried from it, never a chain.
   */
  previous: RegistryIndex | undefined;
  readonly changedIds: ReadonlySet<string>;
}

export type { Finding };
