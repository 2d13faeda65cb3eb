// The interface of one archive, computed once: cached by the Version's checksum (else namespace,
// name, version and file name) in memory within a byte budget and, when configured, in Valkey so
// replicas share the work; concurrent requests for one archive share one extraction. Failures are
// cached briefly. Callers check visibility first: a cached value is the archive's, never a viewer's.

import { LRUCache } from "lru-cache";
import type { Logger } from "../log";
import type { ArchiveRequest, ArchiveSource } from "./archive-source";
import { extractInterface, failed } from "./extract";
import type { ExtractPool } from "./extract-pool";
import type { ArchiveInterface, ArchiveLimits } from "./types";

/** A cache shared between replicas (Valkey); errors are the caller's to swallow. */
export interface SharedCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
}

export interface InterfaceServiceOptions {
  readonly pool: ExtractPool;
  readonly source: ArchiveSource;
  readonly limits: ArchiveLimits;
  readonly cacheBytes: number;
  readonly shared?: SharedCache;
  readonly logger?: Logger;
  /** Seconds per status, replacing the defaults below (tests shorten the failure times). */
  readonly ttlSeconds?: ReadonlyMap<ArchiveInterface["status"], number>;
}

/** Seconds a result is kept: a good one for a week (the key names immutable bytes), failures briefly. */
const TTL_SECONDS = new Map<ArchiveInterface["status"], number>([
  ["ok", 7 * 24 * 3600],
  ["invalid", 10 * 60],
  ["unavailable", 30],
]);

export function archiveCacheKey(checksum: string | undefined, req: ArchiveRequest): string {
  if (checksum) return `sum:${checksum}`;
  return `ver:${JSON.stringify([req.namespace, req.name, req.version, req.fileName])}`;
}

export class InterfaceService {
  private readonly memory: LRUCache<string, { value: ArchiveInterface; json: string }>;
  private readonly pending = new Map<string, Promise<ArchiveInterface>>();

  constructor(private readonly options: InterfaceServiceOptions) {
    this.memory = new LRUCache({
      maxSize: Math.max(1, options.cacheBytes),
      sizeCalculation: (e) => Math.max(1, e.json.length * 2),
    });
  }

  get(key: string, req: ArchiveRequest): Promise<ArchiveInterface> {
    const hit = this.memory.get(key);
    if (hit) return Promise.resolve(hit.value);
    let p = this.pending.get(key);
    if (!p) {
      p = this.compute(key, req).finally(() => this.pending.delete(key));
      this.pending.set(key, p);
    }
    return p;
  }

  private async compute(key: string, req: ArchiveRequest): Promise<ArchiveInterface> {
    const sharedKey = `opendepot-explorer:interface:v1:${key}`;
    const shared = await this.sharedGet(sharedKey);
    if (shared) {
      this.remember(key, shared);
      return shared;
    }
    const fetched = await this.options.source.read(req);
    const value = fetched.ok
      ? await extractInterface(this.options.pool, fetched.bytes, this.options.limits)
      : failed(fetched.status, fetched.reason);
    if (value.status !== "ok")
      this.options.logger?.info("module interface not available", { key, status: value.status, reason: value.error });
    this.remember(key, value);
    await this.sharedSet(sharedKey, value);
    return value;
  }

  private ttl(value: ArchiveInterface): number {
    return this.options.ttlSeconds?.get(value.status) ?? TTL_SECONDS.get(value.status) ?? 30;
  }

  private remember(key: string, value: ArchiveInterface): void {
    const json = JSON.stringify(value);
    this.memory.set(key, { value, json }, { ttl: this.ttl(value) * 1000 });
  }

  private async sharedGet(key: string): Promise<ArchiveInterface | undefined> {
    if (!this.options.shared) return undefined;
    try {
      const raw = await this.options.shared.get(key);
      if (raw === undefined) return undefined;
      const v = JSON.parse(raw) as ArchiveInterface;
      return v && typeof v === "object" && typeof v.status === "string" && v.root ? v : undefined;
    } catch (err) {
      this.options.logger?.warn("interface cache read failed", { err: String(err) });
      return undefined;
    }
  }

  private async sharedSet(key: string, value: ArchiveInterface): Promise<void> {
    if (!this.options.shared) return;
    try {
      await this.options.shared.set(key, JSON.stringify(value), Math.max(1, Math.round(this.ttl(value))));
    } catch (err) {
      this.options.logger?.warn("interface cache write failed", { err: String(err) });
    }
  }
}
