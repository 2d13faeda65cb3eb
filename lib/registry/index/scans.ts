// Findings per platform (docs/browse-api.md §6.3, §6.5): one list per `os/arch` of the given rows
// that have the scan, deduplicated; a clean scan is `[]`; keys in code-unit order.

import { compareStrings } from "../compare";
import { dedupeFindings, findingToJson, type ReportedFinding } from "../findings";
import type { Finding, Scan } from "../types";
import type { VersionEntry } from "./types";

export function binaryFindingsByPlatform(rows: readonly VersionEntry[]): Record<string, ReportedFinding[]> | undefined {
  return findingsByPlatform(rows, (v) => v.version.status.binaryScan);
}

/** The findings of one kind of scan (`scanOf`) per platform; undefined when no row has that scan. */
export function findingsByPlatform(
  rows: readonly VersionEntry[],
  scanOf: (v: VersionEntry) => Scan | undefined,
): Record<string, ReportedFinding[]> | undefined {
  const perPlatform = new Map<string, Finding[]>();
  for (const v of rows) {
    const scan = scanOf(v);
    if (!scan) continue;
    const key = `${v.os}/${v.arch}`;
    perPlatform.set(key, [...(perPlatform.get(key) ?? []), ...scan.findings]);
  }
  if (perPlatform.size === 0) return undefined;
  const out: Record<string, ReportedFinding[]> = {};
  for (const key of [...perPlatform.keys()].sort(compareStrings)) {
    // own-key: "os/arch" always holds a slash, which no Object.prototype name does
    out[key] = dedupeFindings(perPlatform.get(key)!).map(findingToJson);
  }
  return out;
}
