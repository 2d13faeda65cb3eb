// /readyz (docs/browse-api.md §4.5): public readiness, details only with the diagnostics token.

import "server-only";
import { timingSafeEqual } from "node:crypto";
import { downloadsInUse } from "../browse/state";
import type { Runtime } from "./runtime";

export function hasDiagnosticsToken(runtime: Runtime, request: Request): boolean {
  const expected = runtime.config.diagnosticsToken;
  const header = request.headers.get("authorization");
  if (!expected || !header) return false;
  const match = /^Bearer (.+)$/i.exec(header);
  if (!match) return false;
  const a = Buffer.from(match[1]!);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readiness(runtime: Runtime, request: Request, now = Date.now()): Record<string, unknown> {
  const ready = runtime.state !== undefined;
  if (!hasDiagnosticsToken(runtime, request)) return { ready };
  const snapshot = runtime.snapshot;
  return {
    ready,
    source: runtime.source.kind,
    ...runtime.source.diagnostics(),
    ...(snapshot
      ? {
          snapshotId: snapshot.id,
          snapshotAge: Math.round((now - snapshot.loadedAt) / 1000),
          indexBuildMs: runtime.lastBuildMs,
          indexUpdates: runtime.indexUpdates,
          counts: runtime.state?.index.counts,
          errors: snapshot.errors,
          warnings: snapshot.warnings.length,
        }
      : { errors: [] }),
    downloads: downloadsStatus(runtime, now),
  };
}

function downloadsStatus(runtime: Runtime, now: number): Record<string, unknown> {
  const d = runtime.state?.downloads;
  const inUse = runtime.state ? downloadsInUse(runtime.state, now) !== undefined : false;
  if (runtime.valkey) {
    return {
      source: "valkey",
      available: inUse,
      ...(d ? { tableAgeSeconds: Math.round((now - d.builtAt) / 1000) } : {}),
      ...(runtime.valkey.lastError ? { lastError: runtime.valkey.lastError } : {}),
    };
  }
  return { source: d ? "file" : "none", available: inUse };
}
