// GET /opendepot/ui/v1/stats (docs/browse-api.md §6.8): every figure over what the Viewer may see.

import { compareStrings } from "../registry/compare";
import type { Viewer } from "../auth/viewer";
import { addCounts, totalCount, zeroCounts } from "../registry/findings";
import { single, type QueryParams } from "./params";
import type { JoinedDownloads } from "../downloads/join";
import { downloadsInUse, type BrowseState } from "./state";
import { derived, visibleSet, type VisibleSet } from "./visibility";

export interface StatsResponse {
  totalModules: number;
  totalProviders: number;
  totalDepots: number;
  totalVersions: number;
  totalStorageBytes: number;
  totalDownloads: number;
  downloadsAvailable: boolean;
  syncHealth: { syncedVersions: number; unsyncedVersions: number; failedVersions: number };
  securityPosture: {
    critical: number;
    high: number;
    medium: number;
    low: number;
    unknown: number;
    totalAffectedResources: number;
  };
  storageDistribution: { backend: string; count: number }[];
  mostDownloaded: {
    namespace: string;
    kind: string;
    name: string;
    version: string;
    downloadCount: number;
    lastDownloadedAt?: string;
  }[];
}

export const STATS_PARAMS = ["namespace"] as const;

export function getStats(state: BrowseState, viewer: Viewer, q: QueryParams, now = Date.now()): StatsResponse {
  const namespace = single(q, "namespace");
  const visible = visibleSet(state.index, viewer);
  const downloads = downloadsInUse(state, now);
  // Kept per (index, Viewer class, downloads table) for the namespaces that exist; any other value
  // is computed (to zeros) without filling the memo. Without a table in use the memo is the set's own.
  const known =
    namespace === undefined ||
    derived(visible, "namespace-set", (v) => new Set([...v.resources, ...v.depots].map((x) => x.namespace))).has(
      namespace,
    );
  if (!known) return computeStats(visible, downloads, namespace);
  return derived(visible, `stats/${namespace ?? ""}`, () => computeStats(visible, downloads, namespace), downloads);
}

function computeStats(
  visible: VisibleSet,
  downloads: JoinedDownloads | undefined,
  namespace: string | undefined,
): StatsResponse {
  const inNs = <T extends { namespace: string }>(x: T) => namespace === undefined || x.namespace === namespace;
  const resources = visible.resources.filter(inNs);

  let totalModules = 0;
  let totalVersions = 0;
  let totalStorageBytes = 0;
  let totalDownloads = 0;
  let affected = 0;
  let posture = zeroCounts();
  const sync = { syncedVersions: 0, unsyncedVersions: 0, failedVersions: 0 };
  const backends = new Map<string, number>();
  for (const r of resources) {
    if (r.kind === "module") totalModules += 1;
    totalVersions += r.versions.length;
    totalStorageBytes += r.storageBytes;
    totalDownloads += downloads?.resourceTotals.get(r.id)?.count ?? 0;
    sync.syncedVersions += r.syncCounts.synced;
    sync.unsyncedVersions += r.syncCounts.progressing;
    sync.failedVersions += r.syncCounts.failed;
    if (r.scanCounts) {
      posture = addCounts(posture, r.scanCounts);
      if (totalCount(r.scanCounts) > 0) affected += 1;
    }
    if (r.versions.length > 0)
      backends.set(r.effectiveBackend, (backends.get(r.effectiveBackend) ?? 0) + r.versions.length);
  }

  const mostDownloaded: StatsResponse["mostDownloaded"] = [];
  for (const c of downloads?.ranked ?? []) {
    if (mostDownloaded.length === 10) break;
    if (!visible.ids.has(c.resource.id) || !inNs(c.resource)) continue;
    mostDownloaded.push({
      namespace: c.resource.namespace,
      kind: c.resource.kind,
      name: c.resource.name,
      version: c.version,
      downloadCount: c.downloadCount,
      ...(c.lastDownloadedAt !== undefined ? { lastDownloadedAt: c.lastDownloadedAt } : {}),
    });
  }

  return {
    totalModules,
    totalProviders: resources.length - totalModules,
    totalDepots: visible.depots.filter(inNs).length,
    totalVersions,
    totalStorageBytes,
    totalDownloads,
    downloadsAvailable: downloads !== undefined,
    syncHealth: sync,
    securityPosture: { ...posture, totalAffectedResources: affected },
    storageDistribution: [...backends]
      .map(([backend, count]) => ({ backend, count }))
      .sort((a, b) => b.count - a.count || compareStrings(a.backend, b.backend)),
    mostDownloaded,
  };
}
