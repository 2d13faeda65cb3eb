// Test support: a BrowseState from inline YAML, through the same reader, index and join as the app.

import { parseDocuments, readManifestFile } from "../registry/sources/manifest-file";
import { composeSnapshot, type Snapshot } from "../registry/snapshot";
import { buildIndex } from "../registry/index/build";
import { readDownloadsEntries } from "../registry/sources/downloads-file";
import { joinDownloads } from "../downloads/join";
import type { Viewer } from "../auth/viewer";
import { depotGraphBody, isoSeconds } from "../browse/graph";
import { snapshotConfigMaps, type BrowseState } from "../browse/state";
import type { RegistryObject } from "../registry/types";

export function stateFromYaml(
  manifests: string,
  downloadsYaml?: string,
  bindingsNamespace = "opendepot-system",
): BrowseState {
  const parsed = readManifestFile("fixture.yaml", manifests);
  const raw =
    downloadsYaml !== undefined
      ? readDownloadsEntries(parseDocuments("downloads.yaml", downloadsYaml)[0], "downloads.yaml", Date.now()).downloads
      : undefined;
  const snapshot = composeSnapshot({
    objects: parsed.objects,
    errors: [],
    warnings: parsed.warnings,
    ...(raw ? { downloads: raw } : {}),
  });
  const index = buildIndex(snapshot, { bindingsNamespace });
  const downloads = raw ? joinDownloads(index, raw) : undefined;
  return { index, ...(downloads ? { downloads } : {}), readConfigMap: snapshotConfigMaps(index) };
}

/** URLSearchParams from a query string, as route handlers pass them. */
export function qs(query = ""): URLSearchParams {
  return new URLSearchParams(query);
}

const G = "opendepot.defdev.io/v1alpha1";

export function ns(name: string, isPublic: boolean): string {
  return `---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${isPublic ? '  labels:\n    opendepot.defdev.io/public: "true"\n' : ""}`;
}

export function module(
  namespace: string,
  name: string,
  extra = "",
  opts: { isPublic?: boolean; latest?: string; configName?: string } = {},
): string {
  return `---
apiVersion: ${G}
kind: Module
metadata:
  name: ${name}
  namespace: ${namespace}
${opts.isPublic ? '  labels:\n    opendepot.defdev.io/public: "true"\n' : ""}spec:
  moduleConfig:
    name: ${opts.configName ?? name}
    provider: aws
${extra}status:
  synced: true
  syncStatus: Successfully synced module
${opts.latest ? `  latestVersion: ${opts.latest}\n` : ""}`;
}

export function provider(namespace: string, name: string, opts: { isPublic?: boolean; latest?: string } = {}): string {
  return `---
apiVersion: ${G}
kind: Provider
metadata:
  name: ${name}
  namespace: ${namespace}
${opts.isPublic ? '  labels:\n    opendepot.defdev.io/public: "true"\n' : ""}spec:
  providerConfig:
    name: ${name}
    namespace: hashicorp
status:
  synced: true
${opts.latest ? `  latestVersion: ${opts.latest}\n` : ""}`;
}

export interface VersionOpts {
  owner?: { kind: "Module" | "Provider"; name: string };
  moduleRef?: string;
  providerRef?: string;
  label?: { kind: "module" | "provider"; value: string };
  type?: string;
  os?: string;
  arch?: string;
  synced?: boolean;
  syncStatus?: string;
  size?: number;
  sourceScan?: string;
  binaryScan?: string;
  readme?: { name: string; key?: string };
  fileName?: string;
  checksum?: string;
}

export function version(namespace: string, name: string, v: string, o: VersionOpts = {}): string {
  const lines = [
    "---",
    `apiVersion: ${G}`,
    "kind: Version",
    "metadata:",
    `  name: ${name}`,
    `  namespace: ${namespace}`,
  ];
  if (o.label) lines.push("  labels:", `    opendepot.defdev.io/${o.label.kind}: ${o.label.value}`);
  if (o.owner)
    lines.push("  ownerReferences:", `  - kind: ${o.owner.kind}`, `    name: ${o.owner.name}`, `    apiVersion: ${G}`);
  lines.push("spec:", `  version: "${v}"`);
  if (o.type) lines.push(`  type: ${o.type}`);
  if (o.moduleRef) lines.push("  moduleConfigRef:", `    name: ${o.moduleRef}`);
  if (o.providerRef) lines.push("  providerConfigRef:", `    name: ${o.providerRef}`);
  if (o.os) lines.push(`  operatingSystem: ${o.os}`);
  if (o.arch) lines.push(`  architecture: ${o.arch}`);
  if (o.fileName) lines.push(`  fileName: "${o.fileName}"`);
  lines.push("status:", `  synced: ${o.synced ?? true}`);
  if (o.syncStatus) lines.push(`  syncStatus: "${o.syncStatus}"`);
  if (o.size !== undefined) lines.push(`  archiveSizeBytes: ${o.size}`);
  if (o.checksum) lines.push(`  checksum: "${o.checksum}"`);
  if (o.sourceScan) lines.push(`  sourceScan: ${o.sourceScan}`);
  if (o.binaryScan) lines.push(`  binaryScan: ${o.binaryScan}`);
  if (o.readme) lines.push("  readmeConfigMapRef:", `    name: ${o.readme.name}`, `    key: "${o.readme.key ?? ""}"`);
  return lines.join("\n") + "\n";
}

/** A flow-style Scan: findings as [id, pkg, installed, severity] tuples. */
export function scan(scannedAt: string, findings: [string, string, string, string][]): string {
  const items = findings.map(
    ([id, pkg, inst, sev]) =>
      `{vulnerabilityID: "${id}", pkgName: "${pkg}", installedVersion: "${inst}", severity: "${sev}"}`,
  );
  return `{scannedAt: "${scannedAt}", findings: [${items.join(", ")}]}`;
}

/** The graph API's response at `now`, as its route handler stamps it onto the cached body. */
export function graphResponse(state: BrowseState, viewer: Viewer, q: URLSearchParams, now = Date.now()) {
  return { ...depotGraphBody(state, viewer, q), generatedAt: isoSeconds(now) };
}

/**
 * `before` with one Version's `status.synced` changed and every other object kept as that very
 * object (namespaces, modules and versions only), as a source reports a status change.
 */
export function withVersionSynced(before: Snapshot, name: string, synced: boolean): Snapshot {
  const all: RegistryObject[] = [...before.modules, ...before.versions, ...before.namespaces];
  return composeSnapshot({
    objects: all.map((o) =>
      o.kind === "Version" && o.metadata.name === name
        ? { object: { ...o, status: { ...o.status, synced } }, origin: "t.yaml" }
        : { object: o, origin: "t.yaml" },
    ),
    errors: [],
    warnings: [],
  });
}
