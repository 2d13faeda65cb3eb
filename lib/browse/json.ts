// Response objects shared by several endpoints (docs/browse-api.md §5): cards and version rows with
// their download fields joined in. Keys are emitted in the spec's table order.

import type { DownloadRecord } from "../registry/download-records";
import type { JoinedDownloads } from "../downloads/join";
import type { CardJson, ResourceEntry, RowJson, VersionEntry } from "../registry/index/types";

export type Card = CardJson & { totalDownloads?: number; lastDownloadedAt?: string };

export type VersionRow = RowJson & {
  fileName?: string;
  checksum?: string;
  downloadCount?: number;
  lastDownloadedAt?: string;
  archiveSizeBytes?: number;
};

export function cardJson(r: ResourceEntry, downloads: JoinedDownloads | undefined): Card {
  const rec = downloads?.resourceTotals.get(r);
  if (!rec) return r.card;
  return {
    ...r.card,
    totalDownloads: rec.count,
    ...(rec.lastAt !== undefined ? { lastDownloadedAt: rec.lastAt } : {}),
  };
}

export function rowJson(v: VersionEntry, perVersion: ReadonlyMap<string, DownloadRecord> | undefined): VersionRow {
  const { fileName, checksum, archiveSizeBytes } = { ...v.version.spec, ...v.version.status };
  const rec = perVersion?.get(v.normalized);
  return {
    ...v.row,
    ...(fileName !== "" ? { fileName } : {}),
    ...(checksum !== "" ? { checksum } : {}),
    ...(rec ? { downloadCount: rec.count, ...(rec.lastAt !== undefined ? { lastDownloadedAt: rec.lastAt } : {}) } : {}),
    ...(archiveSizeBytes !== undefined ? { archiveSizeBytes } : {}),
  };
}
