// Builds the index from a snapshot: links, latest versions, findings, cards and depot links are
// computed here once, so that no request ever rescans all Versions.

import { compareStrings as cmp } from "../compare";
import { countFindings, dedupeFindings, findingToJson, highestSeverity, type ScanCounts } from "../findings";
import type { Snapshot } from "../snapshot";
import { backendName } from "../storage";
import {
  isLabelledPublic,
  isPublicObject,
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

function buildVersionEntry(v: Version, kind: ResourceKind): VersionEntry {
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

function buildResource(
  kind: ResourceKind,
  res: Module | Provider,
  linked: readonly Version[],
  namespaces: ReadonlyMap<string, Namespace>,
): Omit<ResourceEntry, "managingDepot" | "effectiveBackend"> {
  const ns = res.metadata.namespace;
  const name = res.metadata.name;
  const registryName = res.config.name !== "" ? res.config.name : name;
  const versions = linked.map((v) => buildVersionEntry(v, kind)).sort(compareRows);
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

const byNsName = (a: { namespace: string; name: string }, b: { namespace: string; name: string }) =>
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

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function buildIndex(snapshot: Snapshot, options: BuildOptions): RegistryIndex {
  const namespaces = new Map(snapshot.namespaces.map((n) => [n.name, n]));
  const linked = linkVersions(snapshot.modules, snapshot.providers, snapshot.versions);
  // Entries are completed in place (managing depot, effective backend) before the index is
  // published; from then on they are never written again.
  const entries: Mutable<ResourceEntry>[] = [
    ...snapshot.modules.map((m) => buildResource("module", m, linked.get(m) ?? [], namespaces)),
    ...snapshot.providers.map((p) => buildResource("provider", p, linked.get(p) ?? [], namespaces)),
  ].map((r) => ({ ...r, effectiveBackend: "unknown" as const }));
  const byId = new Map<string, ResourceEntry>(entries.map((r) => [r.id, r]));

  const resolve = (entries: readonly string[], kind: ResourceKind, depotNs: string) => {
    const seen = new Set<string>();
    const out: { text: string; resource: ResourceEntry }[] = [];
    for (const e of entries) {
      const r = resolveEntry(e, depotNs);
      const target = r && byId.get(`${kind}/${r.key}`);
      if (!r || !target || seen.has(target.id)) continue;
      seen.add(target.id);
      out.push({ text: r.text, resource: target });
    }
    return out;
  };
  const depots: DepotEntry[] = [...snapshot.depots]
    .sort((a, b) => byNsName(a.metadata, b.metadata))
    .map((d) => {
      const backend = backendName(d.storageConfig);
      return {
        id: `depot/${d.metadata.namespace}/${d.metadata.name}`,
        namespace: d.metadata.namespace,
        name: d.metadata.name,
        depot: d,
        isPublic: isPublicObject(namespaces.get(d.metadata.namespace)?.labels, d.metadata.labels),
        ...(backend ? { storageBackend: backend } : {}),
        modules: resolve(d.modules, "module", d.metadata.namespace),
        providers: resolve(d.providers, "provider", d.metadata.namespace),
      };
    });
  // The managing depot of a resource is the first depot, in (namespace, name) order, managing it.
  const managing = new Map<string, DepotEntry>();
  for (const d of depots) {
    for (const e of [...d.modules, ...d.providers]) if (!managing.has(e.resource.id)) managing.set(e.resource.id, d);
  }
  for (const r of entries) {
    const depot = managing.get(r.id);
    if (depot) r.managingDepot = depot;
    r.effectiveBackend =
      backendName(r.resource.config.storageConfig) ??
      (depot ? backendName(depot.depot.storageConfig) : undefined) ??
      "unknown";
  }

  const modules = entries.filter((r) => r.kind === "module").sort(byNsName);
  const providers = entries.filter((r) => r.kind === "provider").sort(byNsName);
  const configMapData = new Map(snapshot.configMaps.map((c) => [`${c.metadata.namespace}/${c.metadata.name}`, c.data]));
  // In snapshot order: the order they are tried in is the gate's rule (lib/auth/visibility.ts).
  const groupBindings = snapshot.groupBindings.filter((b) => b.metadata.namespace === options.bindingsNamespace);
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
    groupBindings,
    configMapData,
    counts: {
      modules: snapshot.modules.length,
      providers: snapshot.providers.length,
      versions: snapshot.versions.length,
      depots: snapshot.depots.length,
      groupBindings: snapshot.groupBindings.length,
      namespaces: snapshot.namespaces.length,
      configMaps: snapshot.configMaps.length,
    },
  };
}
