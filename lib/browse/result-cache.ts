// The in-process result cache (docs/browse-api.md §4.1 "In-process caching"): serialized responses
// keyed by what the Viewer may see (never who it is), the browse state they were computed from,
// whether a downloads table is in use, and the normalized request. Bounded by bytes (lru-cache),
// a share of the V8 heap ceiling (scripts/server-node-flags.mjs sizes it from the container).

import { getHeapStatistics } from "node:v8";
import { LRUCache } from "lru-cache";
import { viewerCacheKey, type Viewer } from "../auth/viewer";
import { downloadsInUse, type BrowseState } from "./state";

/** Parameters in a stable order: sorted by name, values of one name kept in request order. */
export function normalizedQuery(query: URLSearchParams): string {
  const entries = [...query.entries()];
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)); // Array#sort is stable
  return new URLSearchParams(entries).toString();
}

export type ResultCacheLimits<V> = { maxBytes: number; sizeOf: (value: V) => number } | { maxEntries: number };

const MIB = 1024 * 1024;

/**
 * The default byte budget: 1/64 of the heap ceiling, 8 to 16 MiB (16 MiB with the 1-GiB default
 * heap, 8 MiB in a 512-MiB container). The bytes live outside the V8 heap but inside the
 * process's resident size, which is what a container limit counts; a benchmark run fills the
 * budget with one-off searches, while the repeated queries it is for take a few MiB.
 */
export function defaultResultCacheBytes(heapLimitBytes = getHeapStatistics().heap_size_limit): number {
  return Math.min(16 * MIB, Math.max(8 * MIB, Math.floor(heapLimitBytes / 64)));
}

/** Serialized browse responses (UTF-8 bytes) by default; the Depots page keeps its graph layouts in another one. */
export class ResultCache<V extends object | string = Uint8Array> {
  private readonly lru: LRUCache<string, V>;
  private readonly generations = new WeakMap<BrowseState, number>();
  private nextGeneration = 1;
  private currentGeneration = 0;

  constructor(
    limits: ResultCacheLimits<V> = { maxBytes: defaultResultCacheBytes(), sizeOf: (v) => (v as Uint8Array).byteLength },
  ) {
    this.lru =
      "maxEntries" in limits
        ? new LRUCache<string, V>({ max: limits.maxEntries })
        : // Keys count twice their length: V8 may hold strings as two-byte.
          new LRUCache<string, V>({
            maxSize: limits.maxBytes,
            sizeCalculation: (value, key) => Math.max(1, limits.sizeOf(value) + 2 * key.length),
          });
  }

  /** The key of one request; `state` identifies the snapshot and the downloads table joined to it. */
  key(state: BrowseState, viewer: Viewer, pathname: string, query: URLSearchParams, now: number): string {
    let generation = this.generations.get(state);
    if (generation === undefined) this.generations.set(state, (generation = this.nextGeneration++));
    if (generation > this.currentGeneration) {
      // A newer state makes every entry unreachable; drop them instead of waiting for eviction.
      // (A request still finishing on an older state must not clear the newer state's entries.)
      this.currentGeneration = generation;
      this.lru.clear();
    }
    const downloads = downloadsInUse(state, now) ? "d" : "-";
    return `${generation}\u0000${downloads}\u0000${viewerCacheKey(viewer)}\u0000${pathname}?${normalizedQuery(query)}`;
  }

  get(key: string): V | undefined {
    return this.lru.get(key);
  }

  set(key: string, value: V): void {
    this.lru.set(key, value);
  }

  get size(): number {
    return this.lru.size;
  }
}
