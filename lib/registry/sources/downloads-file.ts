// downloads.yaml: the embedded alternative to Valkey (docs/browse-api.md §7.3). Each entry is one
// version record; a resource's total is the sum of its entries; the entries are the leaderboard.

import { z } from "zod";
import {
  mergeRecord,
  resourceKey,
  versionKey,
  type DownloadRecord,
  type LeaderboardMember,
  type RawDownloads,
} from "../download-records";
import { flat, intern } from "../intern";
import type { ResourceKind } from "../types";

export interface DownloadsWarning {
  readonly file: string;
  readonly entry: number;
  readonly field: string;
  readonly message: string;
}

const entrySchema = z.object({
  namespace: z.string().min(1),
  kind: z
    .string()
    .regex(/^(module|provider)$/i)
    .transform((k) => k.toLowerCase() as ResourceKind),
  name: z.string().min(1),
  version: z.string().refine((v) => v.trim() !== "", "empty"),
  count: z
    .union([
      z.number().int().min(0),
      z
        .string()
        .regex(/^\+?[0-9]+$/)
        .transform(Number),
    ])
    .pipe(z.number().int().min(0).safe()),
  lastDownloadedAt: z.string().optional().nullable(),
});

/** Builds the raw table from the parsed YAML value (a sequence of entries). */
export function readDownloadsEntries(
  value: unknown,
  file: string,
  builtAt: number,
): { downloads: RawDownloads; warnings: DownloadsWarning[] } {
  const warnings: DownloadsWarning[] = [];
  const resources = new Map<string, DownloadRecord>();
  const versions = new Map<string, DownloadRecord>();
  const leaderboard: LeaderboardMember[] = [];
  const entries = value === null || value === undefined ? [] : Array.isArray(value) ? value : null;
  if (entries === null) {
    warnings.push({ file, entry: -1, field: "", message: "downloads.yaml must be a YAML sequence; ignored" });
  }
  (entries ?? []).forEach((raw, i) => {
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      warnings.push({ file, entry: i, field: issue?.path.join(".") ?? "", message: issue?.message ?? "invalid entry" });
      return;
    }
    // The table lives until the file changes: shared and flat strings (lib/registry/intern.ts).
    const e = {
      ...parsed.data,
      namespace: intern(parsed.data.namespace),
      name: intern(parsed.data.name),
      version: intern(parsed.data.version),
      lastDownloadedAt: parsed.data.lastDownloadedAt ? flat(parsed.data.lastDownloadedAt) : undefined,
    };
    const record: DownloadRecord = { count: e.count, ...(e.lastDownloadedAt ? { lastAt: e.lastDownloadedAt } : {}) };
    const vKey = versionKey(e.namespace, e.kind, e.name, e.version.trim());
    versions.set(vKey, mergeRecord(versions.get(vKey), record));
    const rKey = resourceKey(e.namespace, e.kind, e.name);
    resources.set(rKey, mergeRecord(resources.get(rKey), record));
    leaderboard.push({
      namespace: e.namespace,
      kind: e.kind,
      name: e.name,
      version: e.version.trim(),
      score: e.count,
      ...(record.lastAt !== undefined ? { lastAt: record.lastAt } : {}),
    });
  });
  return { downloads: { source: "file", builtAt, resources, versions, leaderboard }, warnings };
}
