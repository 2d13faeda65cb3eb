// Download counts from the Valkey that OpenDepot's server writes (docs/browse-api.md §7.1, §7.2):
// a background poller reads the key schema with read-only commands and hands over an immutable
// table; requests never wait on Valkey. Daily keys are read on demand for one resource's trend.

import { Valkey } from "iovalkey";
import type { Logger } from "../log";
import {
  mergeRecord,
  resourceKey,
  versionKey,
  type DownloadRecord,
  type LeaderboardMember,
  type RawDownloads,
} from "../registry/download-records";
import { parseMember, parseStatsKey, toCount } from "./downloads-table";

export interface ValkeyDownloadsOptions {
  readonly url: string;
  readonly password?: string;
  readonly refreshMs: number;
  readonly logger: Logger;
  readonly onTable: (table: RawDownloads) => void;
  readonly onError?: () => void;
  /** Bound on each command (the spec suggests 500 ms). */
  readonly commandTimeoutMs?: number;
}

export interface TrendPoint {
  date: string;
  count: number;
}

function record(hash: Record<string, string>): DownloadRecord | undefined {
  if (!hash || Object.keys(hash).length === 0) return undefined;
  return { count: toCount(hash.count), ...(hash.lastAt ? { lastAt: hash.lastAt } : {}) };
}

function sameRecords(a: ReadonlyMap<string, DownloadRecord>, b: ReadonlyMap<string, DownloadRecord>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, x] of a) {
    const y = b.get(key);
    if (!y || y.count !== x.count || y.lastAt !== x.lastAt) return false;
  }
  return true;
}

function sameTable(
  last: RawDownloads,
  resources: ReadonlyMap<string, DownloadRecord>,
  versions: ReadonlyMap<string, DownloadRecord>,
  leaderboard: readonly LeaderboardMember[],
): boolean {
  return (
    sameRecords(last.resources, resources) &&
    sameRecords(last.versions, versions) &&
    last.leaderboard.length === leaderboard.length &&
    last.leaderboard.every((m, i) => {
      const n = leaderboard[i]!;
      return (
        m.namespace === n.namespace &&
        m.kind === n.kind &&
        m.name === n.name &&
        m.version === n.version &&
        m.score === n.score &&
        m.lastAt === n.lastAt
      );
    })
  );
}

export class ValkeyDownloads {
  private readonly client: Valkey;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastWarn = 0;
  private readonly trends = new Map<string, { at: number; value: Promise<TrendPoint[] | undefined> }>();
  lastSuccessAt?: number;
  lastError?: string;
  /** The last table handed to onTable, and when a refresh last read that same table again. */
  private last: { table: RawDownloads; confirmedAt: number } | undefined;

  constructor(private readonly options: ValkeyDownloadsOptions) {
    // Fail fast while Valkey is down: no offline queue, no retries per request, a bounded reconnect.
    this.client = new Valkey(options.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      connectTimeout: 1000,
      commandTimeout: options.commandTimeoutMs ?? 500,
      retryStrategy: (times) => Math.min(200 * times, 2000),
      ...(options.password !== undefined ? { password: options.password } : {}),
    });
    this.client.on("error", () => {
      // Reported through refresh failures (rate-limited); ioredis would otherwise log to stderr.
    });
  }

  start(): void {
    const tick = () => {
      this.running ??= this.refresh().finally(() => (this.running = undefined));
    };
    tick();
    this.timer = setInterval(tick, this.options.refreshMs);
    this.timer.unref();
  }

  /**
   * When Valkey last answered with `table` (a later refresh read the same table again), or its
   * builtAt: the 10-minute rule (docs/browse-api.md §7.2) counts from here.
   */
  confirmedAt(table: RawDownloads): number {
    return this.last?.table === table ? this.last.confirmedAt : table.builtAt;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    this.client.disconnect();
  }

  /** Connects when needed and waits (bounded) for the connection to be usable. */
  private async ready(): Promise<void> {
    const c = this.client;
    if (c.status === "ready") return;
    if (c.status === "wait" || c.status === "end" || c.status === "close") {
      await c.connect().catch(() => undefined);
      if ((c.status as string) === "ready") return;
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        c.off("ready", done);
        resolve();
      };
      const timer = setTimeout(done, 1000);
      c.once("ready", done);
    });
  }

  private async scan(match: string): Promise<string[]> {
    const keys: string[] = [];
    let cursor = "0";
    do {
      const [next, batch] = await this.client.scan(cursor, "MATCH", match, "COUNT", 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== "0");
    return keys;
  }

  private async hashes(keys: string[]): Promise<Map<string, Record<string, string>>> {
    const out = new Map<string, Record<string, string>>();
    for (let i = 0; i < keys.length; i += 1000) {
      const chunk = keys.slice(i, i + 1000);
      const pipe = this.client.pipeline();
      for (const k of chunk) pipe.hgetall(k);
      const results = (await pipe.exec()) ?? [];
      results.forEach(([err, value], j) => {
        if (!err && value) out.set(chunk[j]!, value as Record<string, string>);
      });
    }
    return out;
  }

  /** One poll: SCAN + pipelined HGETALL + the global leaderboard, into a new immutable table. */
  async refresh(): Promise<void> {
    try {
      await this.ready();
      const [resourceKeys, versionKeys] = [await this.scan("stats:resource:*"), await this.scan("stats:version:*")];
      const [resourceHashes, versionHashes] = [await this.hashes(resourceKeys), await this.hashes(versionKeys)];
      const board = await this.client.zrange("stats:leaderboard:global", 0, -1, "WITHSCORES");
      const resources = new Map<string, DownloadRecord>();
      for (const [key, hash] of resourceHashes) {
        const p = parseStatsKey(key);
        const rec = record(hash);
        if (!p || p.version !== undefined || !rec) continue;
        const k = resourceKey(p.namespace, p.kind, p.name);
        resources.set(k, mergeRecord(resources.get(k), rec));
      }
      const versions = new Map<string, DownloadRecord>();
      for (const [key, hash] of versionHashes) {
        const p = parseStatsKey(key);
        const rec = record(hash);
        if (!p || p.version === undefined || !rec) continue;
        versions.set(versionKey(p.namespace, p.kind, p.name, p.version), rec);
      }
      const leaderboard: LeaderboardMember[] = [];
      for (let i = 0; i + 1 < board.length; i += 2) {
        const m = parseMember(board[i]!);
        if (!m) continue;
        const lastAt = versions.get(versionKey(m.namespace, m.kind, m.name, m.version))?.lastAt;
        leaderboard.push({
          ...m,
          score: Math.trunc(Number(board[i + 1])) || 0,
          ...(lastAt !== undefined ? { lastAt } : {}),
        });
      }
      this.lastSuccessAt = Date.now();
      delete this.lastError;
      // An unchanged table is not handed over again: a new one would be joined again and would
      // empty every cache keyed by the browse state, every DOWNLOADS_REFRESH, for nothing.
      if (this.last && sameTable(this.last.table, resources, versions, leaderboard)) {
        this.last.confirmedAt = this.lastSuccessAt;
        return;
      }
      const table: RawDownloads = { source: "valkey", builtAt: this.lastSuccessAt, resources, versions, leaderboard };
      this.last = { table, confirmedAt: this.lastSuccessAt };
      this.options.onTable(table);
    } catch (err) {
      this.lastError = (err as Error).message;
      this.options.onError?.();
      if (Date.now() - this.lastWarn > 60_000) {
        this.lastWarn = Date.now();
        this.options.logger.warn("downloads refresh failed; the last table keeps serving for up to 10 minutes", {
          err: this.lastError,
        });
      }
    }
  }

  /**
   * Downloads per UTC day over the last `days` days for one resource: the daily keys of every
   * attributed name and version spelling, read with one MGET and cached for a minute.
   */
  dailyTrend(
    cacheKey: string,
    namespace: string,
    kind: string,
    names: readonly string[],
    spellings: readonly string[],
    days = 30,
    now = Date.now(),
  ): Promise<TrendPoint[] | undefined> {
    const hit = this.trends.get(cacheKey);
    if (hit && now - hit.at < 60_000) return hit.value;
    const dates = Array.from({ length: days }, (_, i) =>
      new Date(now - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10),
    );
    const keys = dates.flatMap((d) =>
      names.flatMap((n) => spellings.map((v) => `stats:day:${d}:${namespace}:${kind}:${n}:${v}`)),
    );
    const perDate = names.length * spellings.length;
    const value = (keys.length === 0 ? Promise.resolve([] as (string | null)[]) : this.client.mget(...keys))
      .then((values) =>
        dates.map((date, i) => ({
          date,
          count: values.slice(i * perDate, (i + 1) * perDate).reduce((s, v) => s + toCount(v ?? undefined), 0),
        })),
      )
      .catch(() => {
        this.trends.delete(cacheKey);
        return undefined;
      });
    if (this.trends.size > 2000) this.trends.clear();
    this.trends.set(cacheKey, { at: now, value });
    return value;
  }
}
