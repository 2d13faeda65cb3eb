// Prometheus metrics (prom-client), served at /metrics only with the diagnostics token: requests by
// route template (never raw paths) and status, snapshot age and object counts, watch restarts,
// Valkey errors, result cache hits and misses; and prom-client's process and Node.js metrics (resident
// memory, V8 heap by space, GC pauses, event-loop delay), which the benchmark reads to say where
// the resident memory goes.

import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { processShared } from "../process-shared";
import type { RegistryIndex } from "../registry/index/types";
import type { Snapshot } from "../registry/snapshot";

export interface Metrics {
  readonly registry: Registry;
  readonly requests: Counter<"route" | "status">;
  readonly duration: Histogram<"route" | "status">;
  readonly watchRestarts: Counter<"kind">;
  readonly valkeyErrors: Counter;
  readonly resultCache: Counter<"route" | "result">;
  readonly pageCache: Counter<"result">;
  recordSnapshot(snapshot: Snapshot, index: RegistryIndex): void;
}

/** The process's metrics, one registry whichever bundle records into it. */
export function metrics(): Metrics {
  return processShared("server/metrics", createMetrics);
}

function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  let loadedAt = 0;
  const objects = new Gauge({
    name: "opendepot_explorer_snapshot_objects",
    help: "Objects in the current snapshot, per kind",
    labelNames: ["kind"] as const,
    registers: [registry],
  });
  new Gauge({
    name: "opendepot_explorer_snapshot_age_seconds",
    help: "Seconds since the current snapshot was built",
    registers: [registry],
    collect() {
      this.set(loadedAt ? (Date.now() - loadedAt) / 1000 : 0);
    },
  });
  const m: Metrics = {
    registry,
    requests: new Counter({
      name: "opendepot_explorer_http_requests_total",
      help: "Browse API requests by route template and status",
      labelNames: ["route", "status"] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: "opendepot_explorer_http_request_duration_seconds",
      help: "Browse API request duration by route template and status",
      labelNames: ["route", "status"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    watchRestarts: new Counter({
      name: "opendepot_explorer_watch_restarts_total",
      help: "Kubernetes list/watch restarts after errors",
      labelNames: ["kind"] as const,
      registers: [registry],
    }),
    valkeyErrors: new Counter({
      name: "opendepot_explorer_valkey_errors_total",
      help: "Failed downloads refreshes from Valkey",
      registers: [registry],
    }),
    resultCache: new Counter({
      name: "opendepot_explorer_result_cache_total",
      help: "Browse API results served from the result cache (hit) or computed (miss)",
      labelNames: ["route", "result"] as const,
      registers: [registry],
    }),
    pageCache: new Counter({
      name: "opendepot_explorer_page_cache_total",
      help: "Pages replayed from the page cache (hit) or rendered for a key that could be stored (miss)",
      labelNames: ["result"] as const,
      registers: [registry],
    }),
    recordSnapshot(snapshot, index) {
      loadedAt = snapshot.loadedAt;
      for (const [kind, count] of Object.entries(index.counts)) objects.set({ kind }, count);
    },
  };
  return m;
}
