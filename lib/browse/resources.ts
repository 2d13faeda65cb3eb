// GET /opendepot/ui/v1/resources (docs/browse-api.md §6.2): filter, sort and page the visible cards.

import { compareStrings as cmp } from "../registry/compare";
import type { Viewer } from "../auth/viewer";
import { SEVERITIES, severityRank, type Severity } from "../registry/findings";
import type { ResourceEntry } from "../registry/index/types";
import { compareTotal } from "../registry/version";
import { cardJson, type Card } from "./json";
import { enumParam, pageParams, paginate, repeated, single, type Page, type QueryParams, PAGE_PARAMS } from "./params";
import { downloadsInUse, type BrowseState } from "./state";
import { carriedOrder, derived, visibleSet, type VisibleSet } from "./visibility";
import type { JoinedDownloads } from "../downloads/join";
import { RESOURCE_KINDS, type ResourceKind } from "../registry/types";

export const SORT_KEYS = [
  "name",
  "namespace",
  "latest_version",
  "synced",
  "severity",
  "last_scanned",
  "downloads",
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface ResourceQuery {
  kind?: ResourceKind;
  sortBy: SortKey;
  sortDir: "asc" | "desc";
  severity?: Severity;
  synced?: boolean;
  namespaces: string[];
  q?: string;
  os?: string;
  arch?: string;
  publicOnly: boolean;
  page: number;
  pageSize: number;
}

export const RESOURCE_PARAMS = [
  "kind",
  "sort_by",
  "sort_dir",
  "severity",
  "synced",
  "q",
  "os",
  "arch",
  "namespace",
  "public_only",
  ...PAGE_PARAMS,
] as const;

/** Validates in the spec's order: kind, sort_by, sort_dir, severity, synced. */
export function parseResourceQuery(q: QueryParams): ResourceQuery {
  const kind = enumParam(single(q, "kind"), "kind", RESOURCE_KINDS);
  const sortBy = enumParam(single(q, "sort_by"), "sort_by", SORT_KEYS) ?? "name";
  const sortDir = enumParam(single(q, "sort_dir"), "sort_dir", ["asc", "desc"] as const) ?? "asc";
  const severity = enumParam(single(q, "severity"), "severity", SEVERITIES);
  const synced = enumParam(single(q, "synced"), "synced", ["true", "false"] as const);
  const text = single(q, "q")?.trim().toLowerCase();
  const os = single(q, "os")?.trim().toLowerCase();
  const arch = single(q, "arch")?.trim().toLowerCase();
  return {
    ...(kind ? { kind } : {}),
    sortBy,
    sortDir,
    ...(severity ? { severity } : {}),
    ...(synced ? { synced: synced === "true" } : {}),
    namespaces: repeated(q, "namespace"),
    ...(text ? { q: text } : {}),
    ...(os ? { os } : {}),
    ...(arch ? { arch } : {}),
    publicOnly: q.get("public_only") === "true",
    ...pageParams(q),
  };
}

function matchesPlatform(r: ResourceEntry, os: string | undefined, arch: string | undefined): boolean {
  for (const key of r.platformKeys) {
    const [o, a] = key.split("\u0000");
    if ((os === undefined || o === os) && (arch === undefined || a === arch)) return true;
  }
  return false;
}

/** The entries matching the query, in their given order. */
export function filterResources(all: readonly ResourceEntry[], query: ResourceQuery): ResourceEntry[] {
  const namespaces = query.namespaces.length > 0 ? new Set(query.namespaces) : undefined;
  const minRank = query.severity ? severityRank(query.severity) : undefined;
  const platform = query.os !== undefined || query.arch !== undefined;
  return all.filter((r) => {
    if (query.kind && r.kind !== query.kind) return false;
    if (namespaces && !namespaces.has(r.namespace)) return false;
    if (query.q !== undefined && !r.searchFields.some((f) => f.includes(query.q!))) return false;
    if (query.synced !== undefined && r.resource.status.synced !== query.synced) return false;
    if (platform && (r.kind !== "provider" || !matchesPlatform(r, query.os, query.arch))) return false;
    if (minRank !== undefined && (!r.highestSeverity || severityRank(r.highestSeverity) < minRank)) return false;
    if (query.publicOnly && !r.isPublic) return false;
    return true;
  });
}

/** Primary key comparator, ascending; `undefined` from `missing` means the card has no value. */
function primary(sortBy: SortKey, downloads: JoinedDownloads | undefined) {
  const missing = (r: ResourceEntry): boolean => {
    switch (sortBy) {
      case "latest_version":
        return r.latestParsed === undefined;
      case "severity":
        return r.scanCounts === undefined;
      case "last_scanned":
        return Number.isNaN(r.lastScannedAt);
      default:
        return false;
    }
  };
  // Severity: most severe first, then clean (scanned, all zero) below LOW and UNKNOWN.
  const sevKey = (r: ResourceEntry) => (r.highestSeverity ? 4 - severityRank(r.highestSeverity) : 5);
  const dl = (r: ResourceEntry) => downloads?.resourceTotals.get(r.id)?.count ?? 0;
  const compare = (a: ResourceEntry, b: ResourceEntry): number => {
    switch (sortBy) {
      case "name":
        return cmp(a.name, b.name);
      case "namespace":
        return cmp(a.namespace, b.namespace);
      case "latest_version":
        return compareTotal(a.latestParsed!, a.latestVersion!, b.latestParsed!, b.latestVersion!);
      case "synced":
        return Number(b.resource.status.synced) - Number(a.resource.status.synced);
      case "severity":
        return sevKey(a) - sevKey(b);
      case "last_scanned":
        return a.lastScannedAt - b.lastScannedAt;
      case "downloads":
        return dl(a) - dl(b);
    }
  };
  return { missing, compare };
}

/** The order: `desc` reverses the primary key only; missing values last; ties ascending (a total order). */
function orderOf(sortBy: SortKey, sortDir: "asc" | "desc", downloads?: JoinedDownloads) {
  const { missing, compare } = primary(sortBy, downloads);
  const sign = sortDir === "desc" ? -1 : 1;
  return (a: ResourceEntry, b: ResourceEntry) => {
    const ma = missing(a);
    const mb = missing(b);
    if (ma !== mb) return ma ? 1 : -1;
    const p = ma ? 0 : sign * compare(a, b);
    return p || cmp(a.namespace, b.namespace) || cmp(a.name, b.name) || cmp(a.kind, b.kind);
  };
}

export function sortResources(
  list: ResourceEntry[],
  sortBy: SortKey,
  sortDir: "asc" | "desc",
  downloads?: JoinedDownloads,
) {
  return list.sort(orderOf(sortBy, sortDir, downloads));
}

/**
 * The visible resources in one sort order, computed once per (index, Viewer class) — and per
 * downloads table for `downloads`. The order is total, so filtering it gives exactly what sorting
 * the filtered list would.
 */
function sortedResources(
  visible: VisibleSet,
  sortBy: SortKey,
  sortDir: "asc" | "desc",
  downloads: JoinedDownloads | undefined,
): readonly ResourceEntry[] {
  const table = sortBy === "downloads" ? downloads : undefined;
  const key = `order/${sortBy}/${sortDir}`;
  return derived(
    visible,
    key,
    (v) =>
      carriedOrder(v, key, orderOf(sortBy, sortDir, table), table) ??
      sortResources([...v.resources], sortBy, sortDir, table),
    table,
  );
}

function hasFilters(q: ResourceQuery): boolean {
  return (
    q.kind !== undefined ||
    q.namespaces.length > 0 ||
    q.q !== undefined ||
    q.synced !== undefined ||
    q.os !== undefined ||
    q.arch !== undefined ||
    q.severity !== undefined ||
    q.publicOnly
  );
}

export function listResources(state: BrowseState, viewer: Viewer, q: QueryParams, now = Date.now()): Page<Card> {
  const query = parseResourceQuery(q);
  const downloads = downloadsInUse(state, now);
  const ordered = sortedResources(visibleSet(state.index, viewer), query.sortBy, query.sortDir, downloads);
  const sorted = hasFilters(query) ? filterResources(ordered, query) : ordered;
  const page = paginate(sorted, query.page, query.pageSize);
  return { ...page, items: page.items.map((r) => cardJson(state.index, r, downloads)) };
}

/** The OS and architecture values among the visible providers (the Registry's filter options). */
export function platformOptions(
  state: BrowseState,
  viewer: Viewer,
): { os: readonly string[]; arch: readonly string[] } {
  return derived(visibleSet(state.index, viewer), "platform-options", (v) => {
    const os = new Set<string>();
    const arch = new Set<string>();
    for (const r of v.resources) {
      for (const p of r.platforms) {
        if (p.os) os.add(p.os);
        if (p.arch) arch.add(p.arch);
      }
    }
    return { os: [...os].sort(cmp), arch: [...arch].sort(cmp) };
  });
}
