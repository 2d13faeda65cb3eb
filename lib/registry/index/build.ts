// Builds the index from a snapshot: links, latest versions, findings, cards and depot links are
// computed here once, so that no request ever rescans all Versions.

import { compareStrings as cmp } from "../compare";
import { countFindings, dedupeFindings, findingToJson, highestSeverity, type ScanCounts } from "../findings";
import type { Snapshot } from "../snapshot";
import { backendName } from "../storage";
import {
  isLabelledPublic,
  isPublicObject,
  type Depot,
  type Finding,
  type Module,
  type Namespace,
  type Provider,
  type ResourceKind,
  type Scan,
  type Version,
} from "../types";
import { compareTotal, isRelease, isSameVersion, normalizeVersion, parseVersion, type ParsedVersion } from "../version";
import { linkVersions } from "./link";
import { binaryFindingsByPlatform } from "./scans";
import type { DepotEntry, RegistryIndex, ResourceEntry, SyncState, VersionEntry } from "./types";

export interface BuildOptions {
  /** Namespace whose GroupBindings are evaluated (OPENDEPOT_NAMESPACE). */
  readonly bindingsNamespace: string;
}

/** Sync class (docs/browse-api.md §3.6). */
function syncClass(synced: boolean, syncStatus: string): SyncState {
  const s = syncStatus.toLowerCase();
  if (s.includes("failed") || s.includes("error")) return "failed";
  return synced ? "synced" : "progressing";
}

/** Instant of an RFC 3339 string; NaN ranks lowest wherever instants are compared. */
function instant(s: string | undefined): number {
  return s === undefined || s === "" ? Number.NaN : Date.parse(s);
}

function laterScan(current: string | undefined, candidate: string): string | undefined {
  if (current === undefined) return candidate;
  const a = instant(current);
  const b = instant(candidate);
  if (Number.isNaN(b)) return current;
  if (Number.isNaN(a) || b > a) return candidate;
  return current;
}

/** Row order (docs/browse-api.md §5.4): newest first up to the normalized string, then raw, os, arch, name ascending. */
function compareRows(a: VersionEntry, b: VersionEntry): number {
  // compareTotal with equal raw strings stops at the normalized-string step.
  const byVersion = compareTotal(b.parsed, "", a.parsed, "");
  if (byVersion !== 0) return byVersion;
  return (
    cmp(a.raw, b.raw) || cmp(a.os, b.os) || cmp(a.arch, b.arch) || cmp(a.version.metadata.name, b.version.metadata.name)
  );
}

function countedScans(v: Version, kind: ResourceKind): Scan[] {
  const scans: Scan[] = [];
  if (v.status.sourceScan) scans.push(v.status.sourceScan);
  if (kind === "provider" && v.status.binaryScan) scans.push(v.status.binaryScan);
  return scans;
}

function scanSummary(scans: readonly Scan[]): { scanCounts: ScanCounts; lastScanned: string } | undefined {
  if (scans.length === 0) return undefined;
  let lastScanned: string | undefined;
  const findings: Finding[] = [];
  for (const s of scans) {
    lastScanned = laterScan(lastScanned, s.scannedAt);
    findings.push(...s.findings);
  }
  return { scanCounts: countFindings(dedupeFindings(findings)), lastScanned: lastScanned ?? "" };
}

/** A Version's row; depends on the Version object and its owner's kind only, so it is reused while both stay. */
export function buildVersionEntry(v: Version, kind: ResourceKind): VersionEntry {
  const raw = v.spec.version.trim();
  const normalized = normalizeVersion(v.spec.version);
  const syncState = syncClass(v.status.synced, v.status.syncStatus);
  const os = v.spec.operatingSystem;
  const arch = v.spec.architecture;
  const summary = scanSummary(countedScans(v, kind));
  return {
    version: v,
    normalized,
    parsed: parseVersion(normalized),
    raw,
    os,
    arch,
    syncState,
    ...(summary ? { scanSummary: summary } : {}),
  };
}

/** The latest version (docs/browse-api.md §3.5): its spelling and the linked rows that are the same version. */
function resolveLatest(
  statusLatest: string,
  rows: readonly VersionEntry[],
): { latestVersion?: string; latestRows: VersionEntry[] } {
  const s = normalizeVersion(statusLatest);
  let target: ParsedVersion | undefined;
  if (s !== "") {
    const parsed = parseVersion(s);
    if (rows.some((r) => isSameVersion(parsed, r.parsed))) target = parsed;
  }
  if (!target && rows.length > 0) {
    // Rows are newest first, so the first release (or else the first row) is the highest.
    target = (rows.find((r) => isRelease(r.parsed)) ?? rows[0]!).parsed;
  }
  if (!target) return s !== "" ? { latestVersion: s, latestRows: [] } : { latestRows: [] };
  const t = target;
  const latestRows = rows.filter((r) => isSameVersion(t, r.parsed));
  return { latestVersion: latestRows[0]!.normalized, latestRows };
}

function latestFindings(kind: ResourceKind, latestRows: readonly VersionEntry[]) {
  const source: Finding[] = [];
  const binary: Finding[] = [];
  let lastScanned: string | undefined;
  let scanned = false;
  for (const r of latestRows) {
    const { sourceScan, binaryScan } = r.version.status;
    for (const scan of kind === "provider" ? [sourceScan, binaryScan] : [sourceScan]) {
      if (!scan) continue;
      scanned = true;
      lastScanned = laterScan(lastScanned, scan.scannedAt);
      (scan === binaryScan ? binary : source).push(...scan.findings);
    }
  }
  // Source findings first, then binary, deduplicated across every latest row (docs/browse-api.md §3.7).
  const scanCounts = scanned ? countFindings(dedupeFindings([...source, ...binary])) : undefined;
  const binaryByPlatform = kind === "provider" ? binaryFindingsByPlatform(latestRows) : undefined;
  return {
    ...(scanCounts ? { scanCounts, lastScanned: lastScanned ?? "" } : {}),
    sourceFindings: dedupeFindings(source).map(findingToJson),
    ...(binaryByPlatform ? { binaryByPlatform } : {}),
  };
}

/** A resource entry before its depot link: depends on the resource, its rows and its namespace's labels. */
export type ResourceBase = Omit<ResourceEntry, "managingDepot" | "effectiveBackend">;

export function buildResource(
  kind: ResourceKind,
  res: Module | Provider,
  rows: readonly VersionEntry[],
  namespaces: ReadonlyMap<string, Namespace>,
): ResourceBase {
  const ns = res.metadata.namespace;
  const name = res.metadata.name;
  const registryName = res.config.name !== "" ? res.config.name : name;
  const versions = [...rows].sort(compareRows);
  const { latestVersion, latestRows } = resolveLatest(res.status.latestVersion, versions);
  const lf = latestFindings(kind, latestRows);
  const isPublic = isPublicObject(namespaces.get(ns)?.labels, res.metadata.labels);

  const platformMap = new Map<string, { os: string; arch: string }>();
  const platformKeys = new Set<string>();
  let storageBytes = 0;
  const syncCounts = { synced: 0, progressing: 0, failed: 0 };
  for (const v of versions) {
    if (v.os !== "" || v.arch !== "") platformMap.set(`${v.os}\u0000${v.arch}`, { os: v.os, arch: v.arch });
    platformKeys.add(`${v.os.trim().toLowerCase()}\u0000${v.arch.trim().toLowerCase()}`);
    storageBytes += v.version.status.archiveSizeBytes ?? 0;
    syncCounts[v.syncState] += 1;
  }
  const platforms = [...platformMap.values()].sort((a, b) => cmp(a.os, b.os) || cmp(a.arch, b.arch));
  const hasUnsynced = versions.some((v) => v.syncState !== "synced");
  const syncState = syncClass(res.status.synced, res.status.syncStatus);
  const m = res.kind === "Module" ? res : undefined;
  const p = res.kind === "Provider" ? res : undefined;
  const searchFields = [
    name,
    ns,
    m?.config.provider ?? "",
    p?.config.namespace ?? "",
    m?.config.repoUrl ?? "",
    latestVersion ?? "",
  ]
    .filter((f) => f !== "")
    .map((f) => f.toLowerCase());
  const highest = highestSeverity(lf.scanCounts);
  return {
    kind,
    id: `${kind}/${ns}/${name}`,
    namespace: ns,
    name,
    registryName,
    resource: res,
    isPublic,
    versions,
    ...(latestVersion !== undefined ? { latestVersion, latestParsed: parseVersion(latestVersion) } : {}),
    latestRows,
    ...(lf.scanCounts ? { scanCounts: lf.scanCounts, lastScanned: lf.lastScanned } : {}),
    lastScannedAt: instant(lf.lastScanned),
    ...(highest ? { highestSeverity: highest } : {}),
    latestSourceFindings: lf.sourceFindings,
    ...(lf.binaryByPlatform ? { latestBinaryFindings: lf.binaryByPlatform } : {}),
    syncState,
    hasUnsyncedVersions: hasUnsynced,
    platforms: kind === "provider" ? platforms : [],
    searchFields,
    platformKeys,
    storageBytes,
    syncCounts,
  };
}

export const byNsName = (a: { namespace: string; name: string }, b: { namespace: string; name: string }) =>
  cmp(a.namespace, b.namespace) || cmp(a.name, b.name);

/** Resolves a depot status entry (docs/browse-api.md §3.8) to `namespace/name`, or undefined when it is void. */
function resolveEntry(entry: string, depotNs: string): { text: string; key: string } | undefined {
  const text = entry.trim();
  if (text === "") return undefined;
  const slash = text.indexOf("/");
  if (slash < 0) return { text, key: `${depotNs}/${text}` };
  const ns = text.slice(0, slash);
  const name = text.slice(slash + 1);
  if (ns === "" || name === "") return undefined;
  return { text, key: `${ns}/${name}` };
}

function resolveEntries(
  entries: readonly string[],
  kind: ResourceKind,
  depotNs: string,
  exists: (id: string) => boolean,
) {
  const seen = new Set<string>();
  const out: { text: string; id: string }[] = [];
  for (const e of entries) {
    const r = resolveEntry(e, depotNs);
    const id = r && `${kind}/${r.key}`;
    if (!r || !id || !exists(id) || seen.has(id)) continue;
    seen.add(id);
    out.push({ text: r.text, id });
  }
  return out;
}

/** A depot entry: depends on the Depot, its namespace's labels and which resource ids exist. */
export function buildDepot(
  d: Depot,
  namespaces: ReadonlyMap<string, Namespace>,
  exists: (id: string) => boolean,
): DepotEntry {
  const backend = backendName(d.storageConfig);
  return {
    id: `depot/${d.metadata.namespace}/${d.metadata.name}`,
    namespace: d.metadata.namespace,
    name: d.metadata.name,
    depot: d,
    isPublic: isPublicObject(namespaces.get(d.metadata.namespace)?.labels, d.metadata.labels),
    ...(backend ? { storageBackend: backend } : {}),
    modules: resolveEntries(d.modules, "module", d.metadata.namespace, exists),
    providers: resolveEntries(d.providers, "provider", d.metadata.namespace, exists),
  };
}

/** The managing depot of a resource is the first depot, in (namespace, name) order, managing it. */
export function managingDepots(depots: readonly DepotEntry[]): Map<string, DepotEntry> {
  const managing = new Map<string, DepotEntry>();
  for (const d of depots) {
    for (const e of d.modules) if (!managing.has(e.id)) managing.set(e.id, d);
    for (const e of d.providers) if (!managing.has(e.id)) managing.set(e.id, d);
  }
  return managing;
}

/** Completes a resource entry with its managing depot and effective backend (docs/browse-api.md §2.11). */
export function withDepot(base: ResourceBase | ResourceEntry, depot: DepotEntry | undefined): ResourceEntry {
  const { managingDepot: _m, effectiveBackend: _b, ...rest } = base as ResourceEntry;
  const effectiveBackend =
    backendName(rest.resource.config.storageConfig) ??
    (depot ? backendName(depot.depot.storageConfig) : undefined) ??
    "unknown";
  return { ...rest, ...(depot ? { managingDepot: depot } : {}), effectiveBackend };
}

export function namespaceMap(snapshot: Snapshot): Map<string, Namespace> {
  return new Map(snapshot.namespaces.map((n) => [n.name, n]));
}

export function configMapData(snapshot: Snapshot): Map<string, Readonly<Record<string, string>>> {
  return new Map(snapshot.configMaps.map((c) => [`${c.metadata.namespace}/${c.metadata.name}`, c.data]));
}

export function snapshotCounts(snapshot: Snapshot): Record<string, number> {
  return {
    modules: snapshot.modules.length,
    providers: snapshot.providers.length,
    versions: snapshot.versions.length,
    depots: snapshot.depots.length,
    groupBindings: snapshot.groupBindings.length,
    namespaces: snapshot.namespaces.length,
    configMaps: snapshot.configMaps.length,
  };
}

/** The whole index from a snapshot; lib/registry/index/update.ts reuses its parts per change. */
export function buildIndex(snapshot: Snapshot, options: BuildOptions): RegistryIndex {
  const namespaces = namespaceMap(snapshot);
  const linked = linkVersions(snapshot.modules, snapshot.providers, snapshot.versions);
  const rowsOf = (kind: ResourceKind, r: Module | Provider) =>
    (linked.get(r) ?? []).map((v) => buildVersionEntry(v, kind));
  const bases: ResourceBase[] = [
    ...snapshot.modules.map((m) => buildResource("module", m, rowsOf("module", m), namespaces)),
    ...snapshot.providers.map((p) => buildResource("provider", p, rowsOf("provider", p), namespaces)),
  ];
  const ids = new Set(bases.map((r) => r.id));
  const depots = [...snapshot.depots].map((d) => buildDepot(d, namespaces, (id) => ids.has(id))).sort(byNsName);
  const managing = managingDepots(depots);
  const entries = bases.map((r) => withDepot(r, managing.get(r.id)));
  const byId = new Map<string, ResourceEntry>(entries.map((r) => [r.id, r]));
  const modules = entries.filter((r) => r.kind === "module").sort(byNsName);
  const providers = entries.filter((r) => r.kind === "provider").sort(byNsName);
  return {
    snapshotId: snapshot.id,
    builtAt: Date.now(),
    resources: [...modules, ...providers],
    modules,
    providers,
    byId,
    depots,
    publicNamespaces: snapshot.namespaces
      .filter((n) => isLabelledPublic(n.labels))
      .map((n) => n.name)
      .sort(cmp),
    // In snapshot order: the order they are tried in is the gate's rule (lib/auth/visibility.ts).
    groupBindings: snapshot.groupBindings.filter((b) => b.metadata.namespace === options.bindingsNamespace),
    configMapData: configMapData(snapshot),
    counts: snapshotCounts(snapshot),
    derived: new Map(),
  };
}
