// How fast a downloads poll reads (docs/browse-api.md §7.2). Read at full speed, 145,000 records
// (the benchmark's large registry) keep redis-server on a core and the worker on another for over
// a second, on a machine that has two. Spread over the interval instead, a poll costs each of them
// a few per cent of a core, and the table is as fresh as before: it waits for the next poll anyway.

import type { Pace } from "./types";

export interface PaceRule {
  /** Records per round trip. */
  readonly chunk: number;
  /** A poll that read at most this many records last time reads at once. */
  readonly atOnce: number;
  /** Slower than this a poll never reads: the spread ends early for a long DOWNLOADS_REFRESH. */
  readonly minItemsPerSecond: number;
}

export const PACE_RULE: PaceRule = { chunk: 1000, atOnce: 10_000, minItemsPerSecond: 20_000 };

/**
 * The first poll, and any poll of a small table, reads at once; a larger one spreads its round
 * trips over half of the refresh interval, estimated from the last poll's records, and never reads
 * fewer than `minItemsPerSecond`.
 */
export function pollPace(refreshMs: number, lastItems: number | undefined, rule: PaceRule = PACE_RULE): Pace {
  if (lastItems === undefined || lastItems <= rule.atOnce) return { chunk: rule.chunk, itemsPerSecond: Infinity };
  return { chunk: rule.chunk, itemsPerSecond: Math.max(rule.minItemsPerSecond, lastItems / (refreshMs / 2000)) };
}
