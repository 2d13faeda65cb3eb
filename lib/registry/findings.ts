// Findings (docs/browse-api.md §3.7, §5.1, §5.2): canonical severity, deduplication, counts.

import { Interner } from "./intern";
import type { Finding } from "./types";

export type Severity = "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";

/** Most severe first; also the allowed values of `?severity=`. */
export const SEVERITIES: readonly Severity[] = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"];

const RANK: Record<Severity, number> = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1, UNKNOWN: 0 };

/** The canonical spelling; the constants themselves, so no Finding holds a copy of its own. */
export function canonicalSeverity(s: unknown): Severity {
  if (typeof s !== "string") return "UNKNOWN";
  const u = s.trim().toUpperCase();
  return SEVERITIES.find((known) => known === u) ?? "UNKNOWN";
}

export function severityRank(s: Severity): number {
  return RANK[s];
}

function dedupKey(f: Finding): string {
  return f.installedVersion !== "" ? `${f.vulnerabilityID}|${f.pkgName}|${f.installedVersion}` : f.vulnerabilityID;
}

/** First occurrence keeps its place and fields; its severity becomes the highest of its duplicates. */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const f of findings) {
    const key = dedupKey(f);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, f);
    else if (RANK[f.severity] > RANK[seen.severity]) byKey.set(key, { ...seen, severity: f.severity });
  }
  return [...byKey.values()];
}

export interface ScanCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
  unknown: number;
}

export function zeroCounts(): ScanCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
}

/** A few hundred distinct counts among 100,000 Versions: each is stored once, frozen. */
const sharedCounts = new Interner<Readonly<ScanCounts>>(1 << 12);

export function countFindings(findings: readonly Finding[]): Readonly<ScanCounts> {
  const c = zeroCounts();
  for (const f of findings) c[f.severity.toLowerCase() as keyof ScanCounts] += 1;
  return sharedCounts.get(`${c.critical},${c.high},${c.medium},${c.low},${c.unknown}`, () => Object.freeze(c));
}

export function addCounts(a: ScanCounts, b: ScanCounts): ScanCounts {
  return {
    critical: a.critical + b.critical,
    high: a.high + b.high,
    medium: a.medium + b.medium,
    low: a.low + b.low,
    unknown: a.unknown + b.unknown,
  };
}

export function totalCount(c: ScanCounts): number {
  return c.critical + c.high + c.medium + c.low + c.unknown;
}

export function highestSeverity(c: ScanCounts | undefined): Severity | undefined {
  if (!c) return undefined;
  return SEVERITIES.find((s) => c[s.toLowerCase() as keyof ScanCounts] > 0);
}

export interface ReportedFinding {
  vulnerabilityID: string;
  pkgName: string;
  installedVersion: string;
  fixedVersion?: string;
  severity: Severity;
  title?: string;
}

export function findingToJson(f: Finding): ReportedFinding {
  return {
    vulnerabilityID: f.vulnerabilityID,
    pkgName: f.pkgName,
    installedVersion: f.installedVersion,
    ...(f.fixedVersion !== "" ? { fixedVersion: f.fixedVersion } : {}),
    severity: f.severity,
    ...(f.title !== "" ? { title: f.title } : {}),
  };
}
