// How fast a downloads poll reads (docs/browse-api.md §7.2). Read at full speed, 145,000 records
// (the benchmark's large registry) keep redis-server and the worker busy for over a second, on a
// machine with two cores. Spread over 7 s, redis-server takes about 5 % of a core meanwhile and the
// worker about 15 %, and no command holds redis-server for more than a millisecond or two.

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
