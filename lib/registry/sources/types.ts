import type { Snapshot } from "../snapshot";

/** A registry source: produces snapshots, keeping the last good one when something breaks. */
export interface RegistrySource {
  readonly kind: "file" | "kubernetes";
  /** Resolves after the first snapshot has been delivered (or rejects when none can be built). */
  start(onSnapshot: (snapshot: Snapshot) => void): Promise<void>;
  stop(): Promise<void>;
  /** Per-kind or per-file details for the diagnostics endpoint. */
  diagnostics(): Record<string, unknown>;
  /** A ConfigMap value (a README, still base64), or undefined when the map or the key is missing. */
  readConfigMap(namespace: string, name: string, key: string): Promise<string | undefined>;
}

/**
 * Sources coalesce bursts of changes into one snapshot after a quiet period, but hold no change
 * back longer than this, however steadily changes keep coming (OpenDepot's controllers update
 * Version status several times a second): the index update itself takes milliseconds.
 */
export const MAX_CHANGE_DELAY_MS = 250;
