// The process-wide runtime: configuration, logger, the registry source, the downloads poller and
// the current browse state. Kept on globalThis because Next bundles instrumentation and route
// handlers separately (and dev reloads modules), while all of them must share one watcher.

import "server-only";
import path from "node:path";
import type { GateOptions } from "../auth/gate";
import { IssuerKeys } from "../auth/issuer-keys";
import type { DepotsView } from "../browse/depots-view";
import { ResultCache } from "../browse/result-cache";
import type { BrowseState } from "../browse/state";
import { loadConfig, type Config } from "../config";
import {
  joinDownloads,
  joinDownloadsAsync,
  rejoinDownloads,
  versionSpellings,
  type JoinedDownloads,
} from "../downloads/join";
import type { RawDownloads } from "../registry/download-records";
import { ValkeyDownloads } from "../downloads/valkey-downloads";
import { createLogger, type Logger } from "../log";
import type { RegistryIndex } from "../registry/index/types";
import { updateIndex } from "../registry/index/update";
import type { Snapshot } from "../registry/snapshot";
import { FileSource } from "../registry/sources/file-source";
import type { RegistrySource } from "../registry/sources/types";
import { LazyKubernetesSource } from "./kubernetes-source-loader";
import { metrics } from "./metrics";

export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly gate: GateOptions;
  readonly source: RegistrySource;
  readonly valkey?: ValkeyDownloads;
  readonly startedAt: number;
  /** Serialized browse results of the current state (docs/browse-api.md §4.1). */
  readonly results: ResultCache;
  /** The Depots page's graphs with their layouts (lib/browse/depots-view.ts). */
  readonly depotViews: ResultCache<DepotsView>;
  state?: BrowseState;
  snapshot?: Snapshot;
  /** The downloads table currently joined (Valkey), kept apart so a new index can rejoin it. */
  downloadsTable?: RawDownloads;
  lastBuildMs?: number;
  /** How snapshots became indexes (lib/registry/index/update.ts): counts per path, the last one's reason. */
  readonly indexUpdates: { incremental: number; full: number; lastMode?: string; lastReason?: string };
  /** The raw table the current state's downloads were joined from, so that a new index can keep that join. */
  joinedFrom?: RawDownloads;
}

const holder = globalThis as typeof globalThis & { __opendepotRuntime?: Runtime };

const DEMO_REGISTRY_PATH = path.join(process.cwd(), "demo", "registry");
/** valkey-poll-worker.mjs is loaded by Node itself, from the app's directory (see next.config.ts). */
export const DOWNLOADS_WORKER_PATH = path.join(process.cwd(), "lib", "downloads", "valkey-poll-worker.mjs");

function gateOptions(config: Config, logger: Logger): GateOptions {
  if (!config.oidc) return { anonymous: config.authAnonymous, audit: logger };
  const { issuer } = config.oidc;
  const keys = new IssuerKeys({ issuer, logger });
  keys.startBackgroundRefresh();
  // Warm the key cache; a failure here is retried on the first token.
  keys.refresh().catch((err: unknown) => logger.warn("OIDC issuer not reachable yet", { issuer, err: String(err) }));
  return { anonymous: config.authAnonymous, oidc: { settings: config.oidc, keys }, audit: logger };
}

function makeSource(config: Config, logger: Logger): RegistrySource {
  if (config.registrySource === "kubernetes") {
    return new LazyKubernetesSource(config, logger);
  }
  // With Valkey configured the root downloads.yaml is ignored altogether (docs/browse-api.md §7.3).
  return new FileSource({
    root: config.registryPath,
    readDownloadsFile: !config.valkey,
    logger,
    maxFileBytes: config.registryMaxFileBytes,
    manifestLimits: { maxYamlAliases: config.registryMaxYamlAliases },
  });
}

/** Validates the environment and starts the source; throws ConfigError on bad configuration. */
export function startRuntime(): Runtime {
  if (holder.__opendepotRuntime) return holder.__opendepotRuntime;
  const config = loadConfig(DEMO_REGISTRY_PATH);
  const logger = createLogger(config.logLevel);
  for (const w of config.warnings) logger.warn(w);
  const source = makeSource(config, logger);
  const runtime: Runtime = {
    config,
    logger,
    gate: gateOptions(config, logger),
    source,
    startedAt: Date.now(),
    results: new ResultCache(),
    depotViews: new ResultCache<DepotsView>({ maxEntries: 32 }),
    indexUpdates: { incremental: 0, full: 0 },
  };
  if (config.valkey) {
    const valkey = new ValkeyDownloads({
      ...config.valkey,
      workerPath: DOWNLOADS_WORKER_PATH,
      logger,
      onTable: (table) => {
        runtime.downloadsTable = table;
        const index = runtime.state?.index;
        if (!index) return;
        // Joined in slices (the request path keeps running); dropped if a new index or a newer
        // table arrived meanwhile — that one publishes its own join.
        joinDownloadsAsync(index, table)
          .then((downloads) => {
            if (runtime.state?.index === index && runtime.downloadsTable === table) publish(runtime, index, downloads);
          })
          .catch((err: unknown) => logger.error("downloads join failed; keeping the last table", { err }));
      },
      onError: () => metrics().valkeyErrors.inc(),
    });
    (runtime as { valkey?: ValkeyDownloads }).valkey = valkey;
    valkey.start();
  }
  holder.__opendepotRuntime = runtime;
  source
    .start((snapshot) => applySnapshot(runtime, snapshot))
    .then(() =>
      logger.info("registry source started", {
        source: source.kind,
        ...(source.kind === "file" ? { path: config.registryPath } : {}),
      }),
    )
    .catch((err: unknown) => logger.error("registry source failed to start", { err }));
  return runtime;
}

/**
 * Swaps in the new state in one assignment, joining the downloads table unless given joined: the
 * join of the same table with the previous index is kept when the resources' names and version
 * spellings did not change (a full join takes most of a second at 100,000 Versions).
 */
function publish(runtime: Runtime, index: RegistryIndex, joined?: JoinedDownloads): void {
  const raw = runtime.config.valkey ? runtime.downloadsTable : runtime.snapshot?.downloads;
  const before = runtime.state;
  const kept =
    !joined && raw && before?.downloads && runtime.joinedFrom === raw
      ? rejoinDownloads(before.downloads, before.index, index)
      : undefined;
  const downloads = joined ?? kept ?? (raw ? joinDownloads(index, raw) : undefined);
  runtime.joinedFrom = downloads ? raw : undefined;
  const source = runtime.source;
  const { valkey } = runtime;
  runtime.state = {
    index,
    ...(downloads ? { downloads } : {}),
    ...(downloads && raw && valkey ? { downloadsConfirmedAt: () => valkey.confirmedAt(raw) } : {}),
    readConfigMap: (ns, name, key) => source.readConfigMap(ns, name, key),
    ...(runtime.valkey ? { readDownloadTrend: trendReader(runtime.valkey) } : {}),
  };
}

function trendReader(valkey: ValkeyDownloads): NonNullable<BrowseState["readDownloadTrend"]> {
  return (r) => {
    const names = [...new Set([r.registryName, r.name])];
    const spellings = [...versionSpellings(r).values()].flat();
    return valkey.dailyTrend(r.id, r.namespace, r.kind, names, spellings);
  };
}

function applySnapshot(runtime: Runtime, snapshot: Snapshot): void {
  const t0 = performance.now();
  try {
    const previous =
      runtime.snapshot && runtime.state ? { snapshot: runtime.snapshot, index: runtime.state.index } : undefined;
    const update = updateIndex(previous, snapshot, { bindingsNamespace: runtime.config.opendepotNamespace });
    const { index } = update;
    runtime.snapshot = snapshot;
    publish(runtime, index);
    runtime.lastBuildMs = Math.round(performance.now() - t0);
    const u = runtime.indexUpdates;
    u[update.mode] += 1;
    u.lastMode = update.mode;
    u.lastReason = update.reason;
    metrics().recordSnapshot(snapshot, index);
    runtime.logger.info("snapshot applied", {
      snapshotId: snapshot.id,
      ...index.counts,
      buildMs: runtime.lastBuildMs,
      mode: update.mode,
      ...(update.reason ? { reason: update.reason } : {}),
    });
  } catch (err) {
    // A snapshot that cannot be indexed must not take down the last good one.
    runtime.logger.error("snapshot rejected; keeping the last good one", { err });
  }
}

/** The runtime, started on first use when instrumentation has not run (e.g. in tests). */
export function getRuntime(): Runtime {
  return holder.__opendepotRuntime ?? startRuntime();
}
