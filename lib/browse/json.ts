// The wire shapes shared by several endpoints (docs/browse-api.md §5): cards and version rows, built
// from the index's facts, with their download fields joined in. Keys are emitted in the spec's
// table order. The download-free part of each is built once per index entry and reused.

import type { JoinedDownloads } from "../downloads/join";
import type { ScanCounts } from "../registry/findings";
import type { DownloadRecord } from "../registry/download-records";
import type { ResourceEntry, SyncState, VersionEntry } from "../registry/index/types";
import type { ResourceKind } from "../registry/types";
import { processShared } from "../process-shared";

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

// Entries live as long as their index; so do these. One per process (lib/process-shared.ts).
const cards = processShared("browse/json/cards", () => new WeakMap<ResourceEntry, CardBase>());
const rows = processShared("browse/json/rows", () => new WeakMap<VersionEntry, VersionRowBase>());

export function cardBase(r: ResourceEntry): CardBase {
  let card = cards.get(r);
  if (card) return card;
  const res = r.resource;
  const m = res.kind === "Module" ? res : undefined;
  const p = res.kind === "Provider" ? res : undefined;
  card = {
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
  cards.set(r, card);
  return card;
}

export function rowBase(v: VersionEntry, kind: ResourceKind): VersionRowBase {
  let row = rows.get(v);
  if (row) return row;
  const s = v.version.status;
  row = {
    name: v.version.metadata.name,
    version: v.normalized,
    synced: s.synced,
    ...(s.syncStatus !== "" ? { syncStatus: s.syncStatus } : {}),
    syncState: v.syncState,
    ...(kind === "provider" && v.os !== "" ? { os: v.os } : {}),
    ...(kind === "provider" && v.arch !== "" ? { arch: v.arch } : {}),
    ...(v.scanSummary ? { scanCounts: v.scanSummary.scanCounts, lastScanned: v.scanSummary.lastScanned } : {}),
  };
  rows.set(v, row);
  return row;
}

export function cardJson(r: ResourceEntry, downloads: JoinedDownloads | undefined): Card {
  const rec = downloads?.resourceTotals.get(r.id);
  const card = cardBase(r);
  if (!rec) return card;
  return {
    ...card,
    totalDownloads: rec.count,
    ...(rec.lastAt !== undefined ? { lastDownloadedAt: rec.lastAt } : {}),
  };
}

export function rowJson(
  v: VersionEntry,
  kind: ResourceKind,
  perVersion: ReadonlyMap<string, DownloadRecord> | undefined,
): VersionRow {
  const { fileName, checksum, archiveSizeBytes } = { ...v.version.spec, ...v.version.status };
  const rec = perVersion?.get(v.normalized);
  return {
    ...rowBase(v, kind),
    ...(fileName !== "" ? { fileName } : {}),
    ...(checksum !== "" ? { checksum } : {}),
    ...(rec ? { downloadCount: rec.count, ...(rec.lastAt !== undefined ? { lastDownloadedAt: rec.lastAt } : {}) } : {}),
    ...(archiveSizeBytes !== undefined ? { archiveSizeBytes } : {}),
  };
}
