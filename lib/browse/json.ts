// The wire shapes shared by several endpoints (docs/browse-api.md §5): cards and version rows, built
// from the index's facts, with their download fields joined in. Keys are emitted in the spec's
// table order. The download-free part of each is built once per index entry and reused.

import type { JoinedDownloads } from "../downloads/join";
import type { ScanCounts } from "../registry/findings";
import type { DownloadRecord } from "../registry/download-records";
import { entryMemo } from "../registry/index/entry-memo";
import type { RegistryIndex, ResourceEntry, SyncState, VersionEntry } from "../registry/index/types";
import type { ResourceKind } from "../registry/types";

/** A Card (docs/browse-api.md §5.3) without its download fields. */
export interface CardBase {
  kind: ResourceKind;
  namespace: string;
  name: string;
  registryName: string;
  latestVersion?: string;
  synced: boolean;
  syncStatus?: string;
  syncState: SyncState;
  hasUnsyncedVersions?: true;
  provider?: string;
  repoUrl?: string;
  providerNamespace?: string;
  platforms?: { os: string; arch: string }[];
  scanCounts?: ScanCounts;
  lastScanned?: string;
  public: boolean;
}

/** A VersionRow (docs/browse-api.md §5.4) without its download and archive fields. */
export interface VersionRowBase {
  name: string;
  version: string;
  synced: boolean;
  syncStatus?: string;
  syncState: SyncState;
  os?: string;
  arch?: string;
  scanCounts?: ScanCounts;
  lastScanned?: string;
}

export type Card = CardBase & { totalDownloads?: number; lastDownloadedAt?: string };

export type VersionRow = VersionRowBase & {
  fileName?: string;
  checksum?: string;
  downloadCount?: number;
  lastDownloadedAt?: string;
  archiveSizeBytes?: number;
};

// Kept as long as their index (lib/registry/index/entry-memo.ts).
const cards = entryMemo<ResourceEntry, CardBase>("browse/json/cards");
const rows = entryMemo<VersionEntry, VersionRowBase>("browse/json/rows");

export function cardBase(index: RegistryIndex, r: ResourceEntry): CardBase {
  return cards.get(index, r, makeCardBase);
}

function makeCardBase(r: ResourceEntry): CardBase {
  const res = r.resource;
  const m = res.kind === "Module" ? res : undefined;
  const p = res.kind === "Provider" ? res : undefined;
  return {
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    registryName: r.registryName,
    ...(r.latestVersion !== undefined ? { latestVersion: r.latestVersion } : {}),
    synced: res.status.synced,
    ...(res.status.syncStatus !== "" ? { syncStatus: res.status.syncStatus } : {}),
    syncState: r.syncState,
    ...(r.hasUnsyncedVersions ? { hasUnsyncedVersions: true as const } : {}),
    ...(m && m.config.provider !== "" ? { provider: m.config.provider } : {}),
    ...(m && m.config.repoUrl !== "" ? { repoUrl: m.config.repoUrl } : {}),
    ...(p && p.config.namespace !== "" ? { providerNamespace: p.config.namespace } : {}),
    ...(r.platforms.length > 0 ? { platforms: r.platforms.map((x) => ({ os: x.os, arch: x.arch })) } : {}),
    ...(r.scanCounts ? { scanCounts: r.scanCounts, lastScanned: r.lastScanned! } : {}),
    public: r.isPublic,
  };
}

export function rowBase(index: RegistryIndex, v: VersionEntry, kind: ResourceKind): VersionRowBase {
  return rows.get(index, v, (entry) => makeRowBase(entry, kind));
}

function makeRowBase(v: VersionEntry, kind: ResourceKind): VersionRowBase {
  const s = v.version.status;
  return {
    name: v.version.metadata.name,
    version: v.normalized,
    synced: s.synced,
    ...(s.syncStatus !== "" ? { syncStatus: s.syncStatus } : {}),
    syncState: v.syncState,
    ...(kind === "provider" && v.os !== "" ? { os: v.os } : {}),
    ...(kind === "provider" && v.arch !== "" ? { arch: v.arch } : {}),
    ...(v.scanSummary ? { scanCounts: v.scanSummary.scanCounts, lastScanned: v.scanSummary.lastScanned } : {}),
  };
}

export function cardJson(index: RegistryIndex, r: ResourceEntry, downloads: JoinedDownloads | undefined): Card {
  const rec = downloads?.resourceTotals.get(r.id);
  const card = cardBase(index, r);
  if (!rec) return card;
  return {
    ...card,
    totalDownloads: rec.count,
    ...(rec.lastAt !== undefined ? { lastDownloadedAt: rec.lastAt } : {}),
  };
}

export function rowJson(
  index: RegistryIndex,
  v: VersionEntry,
  kind: ResourceKind,
  perVersion: ReadonlyMap<string, DownloadRecord> | undefined,
): VersionRow {
  const { fileName, checksum, archiveSizeBytes } = { ...v.version.spec, ...v.version.status };
  const rec = perVersion?.get(v.normalized);
  return {
    ...rowBase(index, v, kind),
    ...(fileName !== "" ? { fileName } : {}),
    ...(checksum !== "" ? { checksum } : {}),
    ...(rec ? { downloadCount: rec.count, ...(rec.lastAt !== undefined ? { lastDownloadedAt: rec.lastAt } : {}) } : {}),
    ...(archiveSizeBytes !== undefined ? { archiveSizeBytes } : {}),
  };
}
