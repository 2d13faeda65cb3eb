// /readyz (browse-api.md §4.5): public readiness, details only with the diagnostics token.

import { timingSafeEqual } from "node:crypto";
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
          counts: runtime.state?.index.counts,
          errors: snapshot.errors,
          warnings: snapshot.warnings.length,
        }
      : { errors: [] }),
    downloads: runtime.state?.downloads
      ? { source: runtime.state.downloads.source, builtAt: new Date(runtime.state.downloads.builtAt).toISOString() }
      : { source: "none" },
  };
}
