// The process-wide runtime: configuration, logger, the registry source and the current browse
// state. Kept on globalThis because Next bundles instrumentation and route handlers separately
// (and dev reloads modules), while all of them must share one watcher and one index.

import path from "node:path";
import { parseConfig, type Config } from "../config";
import { joinDownloads } from "../downloads/join";
import { createLogger, type Logger } from "../log";
import { buildIndex } from "../registry/index/build";
import type { Snapshot } from "../registry/snapshot";
import { FileSource } from "../registry/sources/file-source";
import type { RegistrySource } from "../registry/sources/types";
import { snapshotConfigMaps, type BrowseState } from "../browse/state";
import type { GateOptions } from "../auth/gate";
import { IssuerKeys } from "../auth/issuer-keys";

export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly gate: GateOptions;
  readonly source: RegistrySource;
  readonly startedAt: number;
  state?: BrowseState;
  snapshot?: Snapshot;
  /** Time the last index took to build, for diagnostics. */
  lastBuildMs?: number;
}

const holder = globalThis as typeof globalThis & { __opendepotRuntime?: Runtime };

export const DEMO_REGISTRY_PATH = path.join(process.cwd(), "demo", "registry");

/** Validates the environment and starts the source; throws ConfigError on bad configuration. */
export function startRuntime(env: NodeJS.ProcessEnv = process.env): Runtime {
  if (holder.__opendepotRuntime) return holder.__opendepotRuntime;
  const config = parseConfig(env, DEMO_REGISTRY_PATH);
  const logger = createLogger(config.logLevel);
  for (const w of config.warnings) logger.warn(w);
  const source = new FileSource({ root: config.registryPath, readDownloadsFile: true, logger });
  const runtime: Runtime = { config, logger, gate: gateOptions(config, logger), source, startedAt: Date.now() };
  holder.__opendepotRuntime = runtime;
  source
    .start((snapshot) => applySnapshot(runtime, snapshot))
    .then(() => logger.info("registry source started", { source: source.kind, path: config.registryPath }))
    .catch((err: unknown) => logger.error("registry source failed to start", { err }));
  return runtime;
}

function gateOptions(config: Config, logger: Logger): GateOptions {
  if (!config.oidc) return { anonymous: config.authAnonymous, audit: logger };
  const { issuer } = config.oidc;
  const keys = new IssuerKeys({ issuer, logger });
  keys.startBackgroundRefresh();
  // Warm the key cache; a failure here is retried on the first token.
  keys.refresh().catch((err: unknown) => logger.warn("OIDC issuer not reachable yet", { issuer, err: String(err) }));
  return { anonymous: config.authAnonymous, oidc: { settings: config.oidc, keys }, audit: logger };
}

function applySnapshot(runtime: Runtime, snapshot: Snapshot): void {
  const t0 = performance.now();
  try {
    const index = buildIndex(snapshot, { bindingsNamespace: runtime.config.opendepotNamespace });
    const downloads = snapshot.downloads ? joinDownloads(index, snapshot.downloads) : undefined;
    // One assignment: requests see the old state or the new one, never a mix.
    runtime.state = { index, ...(downloads ? { downloads } : {}), readConfigMap: snapshotConfigMaps(index) };
    runtime.snapshot = snapshot;
    runtime.lastBuildMs = Math.round(performance.now() - t0);
    runtime.logger.info("snapshot applied", { snapshotId: snapshot.id, ...index.counts, buildMs: runtime.lastBuildMs });
  } catch (err) {
    // A snapshot that cannot be indexed must not take down the last good one.
    runtime.logger.error("snapshot rejected; keeping the last good one", { err });
  }
}

/** The runtime, started on first use when instrumentation has not run (e.g. in tests). */
export function getRuntime(): Runtime {
  return holder.__opendepotRuntime ?? startRuntime();
}
