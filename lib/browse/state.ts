// What every browse query reads: one index (one snapshot) and the downloads table joined to it.

import { ownValue } from "../own";
import type { JoinedDownloads } from "../downloads/join";
import type { RegistryIndex, ResourceEntry } from "../registry/index/types";

/** Reads a README ConfigMap value (still base64); undefined when the map or key is missing. */
export type ConfigMapReader = (namespace: string, name: string, key: string) => Promise<string | undefined>;

export interface BrowseState {
  readonly index: RegistryIndex;
  /** Valkey only: downloads per day over the last 30 days for one resource (detail `downloadTrend`). */
  readonly readDownloadTrend?: (resource: ResourceEntry) => Promise<{ date: string; count: number }[] | undefined>;
  /** The latest downloads table joined with this index, however old (see downloadsInUse). */
  readonly downloads?: JoinedDownloads;
  /**
   * Valkey only: when the poller last read this table (it keeps an unchanged table rather than
   * building a new one); the table's builtAt when absent.
   */
  readonly downloadsConfirmedAt?: () => number;
  readonly readConfigMap: ConfigMapReader;
}

/** A Valkey table serves for 10 minutes after Valkey last answered with it (docs/browse-api.md §7.2). */
export const DOWNLOADS_MAX_AGE_MS = 10 * 60 * 1000;

/** The downloads table in use now, or undefined (download fields omitted, stats unavailable). */
export function downloadsInUse(state: BrowseState, now: number): JoinedDownloads | undefined {
  const d = state.downloads;
  if (!d) return undefined;
  if (d.source === "valkey" && now - (state.downloadsConfirmedAt?.() ?? d.builtAt) > DOWNLOADS_MAX_AGE_MS)
    return undefined;
  return d;
}

/** A reader over the ConfigMaps of the snapshot itself (the file source). */
export function snapshotConfigMaps(index: RegistryIndex): ConfigMapReader {
  return async (namespace, name, key) => ownValue(index.configMapData.get(`${namespace}/${name}`), key);
}
