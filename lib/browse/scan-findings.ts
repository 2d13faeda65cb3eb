// GET /opendepot/ui/v1/resources/{namespace}/{kind}/{name}/scan-findings (docs/browse-api.md §6.5).

import type { Viewer } from "../auth/viewer";
import { BadRequestError, NotFoundError } from "../errors";
import { dedupeFindings, findingToJson, type ReportedFinding } from "../registry/findings";
import { binaryFindingsByPlatform, findingsByPlatform } from "../registry/index/scans";
import type { ResourceEntry, VersionEntry } from "../registry/index/types";
import { isSameVersion, normalizeVersion, parseVersion } from "../registry/version";
import { getResource, validateKind, type ResourcePath } from "./lookup";
import { single, type QueryParams } from "./params";
import type { BrowseState } from "./state";

export interface ScanFindingsResponse {
  sourceScanFindings?: ReportedFinding[];
  binaryScanFindings?: Record<string, ReportedFinding[]>;
  /**
   * New (providers): the source findings of each platform's row, deduplicated per platform. Each
   * platform row carries its own source scan, so `sourceScanFindings` (deduplicated across rows)
   * can hide a finding that one platform's row reports at another severity.
   */
  sourceScanFindingsByPlatform?: Record<string, ReportedFinding[]>;
  selectedVersion?: string;
  selectedBinaryVersion?: string;
  scannedVersions?: string[];
  binaryVersions?: string[];
}

/** Exact normalized match first, else the same version (docs/browse-api.md §3.3). */
function selectRows(r: ResourceEntry, version: string): VersionEntry[] {
  const exact = r.versions.filter((v) => v.normalized === version);
  if (exact.length > 0) return exact;
  const parsed = parseVersion(version);
  return r.versions.filter((v) => isSameVersion(parsed, v.parsed));
}

const hasAnyScan = (v: VersionEntry) =>
  v.version.status.sourceScan !== undefined || v.version.status.binaryScan !== undefined;

/** Latest when it has any scan, else the newest scanned version, else the latest. */
function defaultVersion(r: ResourceEntry): string | undefined {
  if (r.latestRows.some(hasAnyScan)) return r.latestVersion;
  return r.versions.find(hasAnyScan)?.normalized ?? r.latestVersion;
}

function distinctVersions(rows: readonly VersionEntry[], scanned: (v: VersionEntry) => boolean): string[] {
  return [...new Set(rows.filter(scanned).map((v) => v.normalized))];
}

function sourceFindingsByPlatform(rows: readonly VersionEntry[]): Record<string, ReportedFinding[]> {
  return findingsByPlatform(rows, (v) => v.version.status.sourceScan) ?? {};
}

export const SCAN_FINDINGS_PARAMS = ["version", "binaryVersion"] as const;

export function getScanFindings(
  state: BrowseState,
  viewer: Viewer,
  path: ResourcePath,
  q: QueryParams,
): ScanFindingsResponse {
  const kind = validateKind(path);
  const requestedBinary = single(q, "binaryVersion");
  if (kind === "module" && requestedBinary !== undefined) {
    throw new BadRequestError("binaryVersion applies to providers only", "binaryVersion");
  }
  const r = getResource(state, viewer, kind, path);
  const requested = single(q, "version");
  // Normalized twice, as upstream: `vv1.2.3` means `1.2.3`.
  const selectedVersion = requested !== undefined ? normalizeVersion(normalizeVersion(requested)) : defaultVersion(r);
  const selected = selectedVersion !== undefined ? selectRows(r, selectedVersion) : [];
  if (requested !== undefined && selected.length === 0) throw new NotFoundError();

  const sources = selected.map((v) => v.version.status.sourceScan).filter((s) => s !== undefined);
  const out: ScanFindingsResponse = {};
  if (sources.length > 0)
    out.sourceScanFindings = dedupeFindings(sources.flatMap((s) => s.findings)).map(findingToJson);
  if (kind === "provider" && sources.length > 0) out.sourceScanFindingsByPlatform = sourceFindingsByPlatform(selected);

  let selectedBinaryVersion: string | undefined;
  if (kind === "provider") {
    selectedBinaryVersion = requestedBinary !== undefined ? normalizeVersion(requestedBinary) : selectedVersion;
    const binaryRows = selectedBinaryVersion !== undefined ? selectRows(r, selectedBinaryVersion) : [];
    if (requestedBinary !== undefined && binaryRows.length === 0) throw new NotFoundError();
    const binary = binaryFindingsByPlatform(binaryRows);
    if (binary) out.binaryScanFindings = binary;
  }
  if (selectedVersion !== undefined) out.selectedVersion = selectedVersion;
  if (selectedBinaryVersion !== undefined) out.selectedBinaryVersion = selectedBinaryVersion;
  const scannedVersions = distinctVersions(r.versions, (v) => v.version.status.sourceScan !== undefined);
  if (scannedVersions.length > 0) out.scannedVersions = scannedVersions;
  if (kind === "provider") {
    const binaryVersions = distinctVersions(r.versions, (v) => v.version.status.binaryScan !== undefined);
    if (binaryVersions.length > 0) out.binaryVersions = binaryVersions;
  }
  return out;
}
