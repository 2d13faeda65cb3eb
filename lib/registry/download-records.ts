// Download records as the stores hold them (docs/browse-api.md §7), before they are joined with a
// registry snapshot. Names and versions are exactly as written by OpenDepot's server (or the file).

import type { ResourceKind } from "./types";

export interface DownloadRecord {
  readonly count: number;
  readonly lastAt?: string;
}

export interface LeaderboardMember {
  readonly namespace: string;
  readonly kind: ResourceKind;
  readonly name: string;
  /** As recorded, not normalized. */
  readonly version: string;
  readonly score: number;
  /** `lastAt` of the matching version record, when known. */
  readonly lastAt?: string;
}

export interface RawDownloads {
  readonly source: "file" | "valkey";
  /** When the table was built (ms since epoch); the 10-minute staleness rule counts from here. */
  readonly builtAt: number;
  /** Key: resourceKey(namespace, kind, name). */
  readonly resources: ReadonlyMap<string, DownloadRecord>;
  /** Key: versionKey(namespace, kind, name, version as recorded). */
  readonly versions: ReadonlyMap<string, DownloadRecord>;
  readonly leaderboard: readonly LeaderboardMember[];
}

export function resourceKey(namespace: string, kind: string, name: string): string {
  return `${namespace}\u0000${kind}\u0000${name}`;
}

export function versionKey(namespace: string, kind: string, name: string, version: string): string {
  return `${namespace}\u0000${kind}\u0000${name}\u0000${version}`;
}

/** Latest of two RFC 3339 strings compared as instants; the original string is kept. */
function laterTimestamp(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(tb)) return a;
  if (Number.isNaN(ta)) return b;
  return tb > ta ? b : a;
}

export function mergeRecord(a: DownloadRecord | undefined, b: DownloadRecord): DownloadRecord {
  if (!a) return b;
  const lastAt = laterTimestamp(a.lastAt, b.lastAt);
  return { count: a.count + b.count, ...(lastAt !== undefined ? { lastAt } : {}) };
}
