// Download counts from the Valkey that OpenDepot's server writes (docs/browse-api.md §7.1, §7.2):
// a worker thread polls the key schema with read-only commands and reports what changed; the
// changes become a new immutable table here; requests never wait on Valkey. Daily keys are read on
// demand for one resource's trend, on this thread.

import { Valkey } from "iovalkey";
import type { Logger } from "../log";
import type { RawDownloads } from "../registry/download-records";
import { applyChanges, toCount, type TableState } from "./downloads-table";
import { PACE_RULE, pollPace, type PaceRule } from "./poll-pace";
import { PollWorker } from "./poll-worker";
import type { PollStats } from "./types";

export interface ValkeyDownloadsOptions {
  readonly url: string;
  readonly password?: string;
  readonly refreshMs: number;
  readonly logger: Logger;
  readonly onTable: (table: RawDownloads) => void;
  readonly onError?: () => void;
  /** Bound on each command (the spec suggests 500 ms). */
  readonly commandTimeoutMs?: number;
  /** Absolute path of valkey-poll-worker.mjs (the server passes it; the bundle cannot resolve it). */
  readonly workerPath: string;
  /** The pace of a poll (poll-pace.ts); tests make its numbers small. */
  readonly pace?: Partial<PaceRule>;
}

export interface TrendPoint {
  date: string;
  count: number;
}

export class ValkeyDownloads {
  private readonly client: Valkey;
  private readonly worker: PollWorker;
  private readonly pace: PaceRule;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastWarn = 0;
  private readonly trends = new Map<string, { at: number; value: Promise<TrendPoint[] | undefined> }>();
  lastSuccessAt?: number;
  lastError?: string;
  /** What the last successful poll read, and how (its round trips and their pace). */
  lastPoll?: PollStats;
  /** The last table handed to onTable, and when a poll last found it unchanged. */
  private last: { state: TableState; confirmedAt: number } | undefined;

  constructor(private readonly options: ValkeyDownloadsOptions) {
    const commandTimeout = options.commandTimeoutMs ?? 500;
    this.pace = { ...PACE_RULE, ...options.pace };
    // Fail fast while Valkey is down: no offline queue, no retries per request, a bounded reconnect.
    this.client = new Valkey(options.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      connectTimeout: 1000,
      commandTimeout,
      retryStrategy: (times) => Math.min(200 * times, 2000),
      ...(options.password !== undefined ? { password: options.password } : {}),
    });
    this.client.on("error", () => {
      // A trend that cannot be read is left out of its response; iovalkey would otherwise log to stderr.
    });
    this.worker = new PollWorker({
      workerPath: options.workerPath,
      url: options.url,
      ...(options.password !== undefined ? { password: options.password } : {}),
      commandTimeoutMs: commandTimeout,
      onCrash: (reason, crashesInARow) =>
        options.logger.error("the downloads worker stopped; a new one takes the next poll", { reason, crashesInARow }),
    });
  }

  /** The poll's worker thread, if running (tests terminate it to stand in for a crash). */
  get workerThread() {
    return this.worker.thread;
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
   * When Valkey last answered with `table` (a later poll found it unchanged), or its builtAt: the
   * 10-minute rule (docs/browse-api.md §7.2) counts from here.
   */
  confirmedAt(table: RawDownloads): number {
    return this.last?.state.table === table ? this.last.confirmedAt : table.builtAt;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.worker.close();
    await this.running;
    this.client.disconnect();
  }

  /** One poll by the worker; a change becomes a new table, handed to onTable. */
  async refresh(): Promise<void> {
    const reply = await this.worker.poll(pollPace(this.options.refreshMs, this.lastPoll?.items, this.pace));
    if (this.stopped) return;
    if (reply.type === "failed") return this.failed(reply.reason);
    const now = Date.now();
    this.lastPoll = reply.stats;
    this.lastSuccessAt = now;
    delete this.lastError;
    const next = reply.type === "changes" ? await applyChanges(this.last?.state, reply, now) : undefined;
    if (this.stopped) return;
    // An unchanged table is not handed over again: a new one would be joined again and would
    // empty every cache keyed by the browse state, every DOWNLOADS_REFRESH, for nothing.
    if (!next) {
      if (this.last) this.last.confirmedAt = now;
      return;
    }
    this.last = { state: next, confirmedAt: now };
    this.options.onTable(next.table);
  }

  private failed(reason: string): void {
    this.lastError = reason;
    this.options.onError?.();
    if (Date.now() - this.lastWarn > 60_000) {
      this.lastWarn = Date.now();
      this.options.logger.warn("downloads refresh failed; the last table keeps serving for up to 10 minutes", {
        err: reason,
      });
    }
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
    const read = async () => {
      if (keys.length === 0) return [] as (string | null)[];
      await this.ready();
      return this.client.mget(...keys);
    };
    const value = read()
      .then((values) =>
        dates.map((date, i) => ({
          date,
          count: values.slice(i * perDate, (i + 1) * perDate).reduce((s, v) => s + toCount(v), 0),
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
