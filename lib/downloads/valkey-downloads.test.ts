// Against a real redis-server started by the test, with data written in OpenDepot's key schema.

import path from "node:path";
import { Valkey } from "iovalkey";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordDownload, startRedis, type RunningRedis } from "../testing/redis";
import { ALL_VIEWER, PUBLIC_VIEWER } from "../auth/viewer";
import { getResourceDetail } from "../browse/detail";
import { listResources } from "../browse/resources";
import { getStats } from "../browse/stats";
import type { BrowseState } from "../browse/state";
import { createLogger, silentLogger } from "../log";
import { module, ns, qs, stateFromYaml, version } from "../testing/fixture";
import { joinDownloads } from "./join";
import { versionKey, type RawDownloads } from "../registry/download-records";
import { ValkeyDownloads, type ValkeyDownloadsOptions } from "./valkey-downloads";
import { tableContent } from "../testing/downloads";

const workerPath = path.resolve("lib/downloads/valkey-poll-worker.mjs");

let redis: RunningRedis;
let client: Valkey;
beforeAll(async () => {
  redis = await startRedis();
  client = new Valkey(redis.url);
  const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  await recordDownload(client, "p", "module", "vpc", "1.2.0", now, 3);
  await recordDownload(client, "p", "module", "vpc", "v1.2.0", "2026-11-21T14:32:00.1234567Z", 2);
  // Renamed module: keys are written under its registry (config) name.
  await recordDownload(client, "p", "module", "terraform-aws-legacy", "2.0.0", now, 4);
  await recordDownload(client, "q", "module", "secret", "1.0.0", now, 50);
  await client.hset("stats:version:p:module:vpc:0.9.0", "count", "not-a-number");
  await client.zadd("stats:leaderboard:global", 99, "malformed-member");
});
afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});

const registry = () =>
  stateFromYaml(
    ns("p", true) +
      module("p", "vpc", "", { isPublic: true, latest: "v1.2.0" }) +
      version("p", "vpc-1-2-0", "1.2.0", { moduleRef: "vpc" }) +
      module("p", "legacy", "", { isPublic: true, configName: "terraform-aws-legacy" }) +
      version("p", "legacy-2", "2.0.0", { moduleRef: "legacy" }) +
      module("q", "secret") +
      version("q", "secret-1", "1.0.0", { moduleRef: "secret" }),
  );

/** A poller of the test's redis-server whose tables land in `tables`. */
function poller(tables: RawDownloads[] = [], options: Partial<ValkeyDownloadsOptions> = {}): ValkeyDownloads {
  return new ValkeyDownloads({
    url: redis.url,
    refreshMs: 60_000,
    logger: silentLogger,
    workerPath,
    onTable: (t) => tables.push(t),
    ...options,
  });
}

async function poll(): Promise<{ table?: RawDownloads; poller: ValkeyDownloads }> {
  const tables: RawDownloads[] = [];
  const p = poller(tables);
  await p.refresh();
  return { ...(tables[0] ? { table: tables[0] } : {}), poller: p };
}

/** What a new poller reads in its first (full) poll. */
async function freshTable(): Promise<RawDownloads> {
  const { table, poller: p } = await poll();
  await p.stop();
  return table!;
}

describe("Valkey downloads", () => {
  it("builds the downloads table: spellings summed, registry names attributed, private totals hidden", async () => {
    const { table, poller } = await poll();
    await poller.stop();
    const base = registry();
    const state: BrowseState = { ...base, downloads: joinDownloads(base.index, table!) };
    const cards = listResources(state, PUBLIC_VIEWER, qs("sort_by=downloads&sort_dir=desc")).items;
    expect(cards.map((c) => [c.name, c.totalDownloads])).toEqual([
      ["vpc", 5],
      ["legacy", 4],
    ]);
    const detail = await getResourceDetail(state, PUBLIC_VIEWER, { namespace: "p", kind: "module", name: "vpc" });
    expect(detail.versions![0]).toMatchObject({ version: "1.2.0", downloadCount: 5 });
    const stats = getStats(state, PUBLIC_VIEWER, qs());
    expect(stats).toMatchObject({ totalDownloads: 9, downloadsAvailable: true });
    expect(stats.mostDownloaded.map((m) => [m.name, m.version, m.downloadCount])).toEqual([
      ["vpc", "1.2.0", 5],
      ["legacy", "2.0.0", 4],
    ]);
    expect(getStats(state, ALL_VIEWER, qs()).mostDownloaded[0]).toMatchObject({ name: "secret", downloadCount: 50 });
  });

  it("reads the daily keys for a trend of the last 30 days", async () => {
    const { poller } = await poll();
    const base = registry();
    const vpc = base.index.byId.get("module/p/vpc")!;
    const trend = await poller.dailyTrend(vpc.id, "p", "module", ["vpc"], ["1.2.0", "v1.2.0"]);
    await poller.stop();
    expect(trend).toHaveLength(30);
    expect(trend!.at(-1)).toMatchObject({ date: new Date().toISOString().slice(0, 10), count: 3 });
  });

  it("keeps an unchanged table (no new join) and counts the read as a confirmation; a change builds a new one", async () => {
    const tables: RawDownloads[] = [];
    const p = poller(tables);
    await p.refresh();
    const first = tables[0]!;
    expect(p.confirmedAt(first)).toBe(first.builtAt);
    await new Promise((r) => setTimeout(r, 20));
    await p.refresh();
    expect(tables).toEqual([first]);
    expect(p.confirmedAt(first)).toBeGreaterThan(first.builtAt);
    expect(p.confirmedAt(first)).toBe(p.lastSuccessAt);
    await recordDownload(client, "p", "module", "vpc", "1.2.0", new Date().toISOString(), 1);
    await p.refresh();
    await p.stop();
    expect(tables).toHaveLength(2);
    expect(tables[1]).not.toBe(first);
    // The replaced table is no longer confirmed by later reads.
    expect(p.confirmedAt(first)).toBe(first.builtAt);
  });

  it("applies a changed count and lastAt, an added and a removed key and member: the table a full read gives", async () => {
    const tables: RawDownloads[] = [];
    const p = poller(tables);
    await client.hset("stats:version:p:module:gone:1.0.0", "count", "2", "lastAt", "2026-11-01T00:00:00Z");
    await client.hset("stats:resource:p:module:gone", "count", "2", "lastAt", "2026-11-01T00:00:00Z");
    await client.zadd("stats:leaderboard:global", 2, "p/module/gone/1.0.0");
    await p.refresh();
    const before = tables[0]!;
    const kept = tableContent(before);
    expect(before.versions.get(versionKey("p", "module", "gone", "1.0.0"))).toEqual({
      count: 2,
      lastAt: "2026-11-01T00:00:00Z",
    });

    await recordDownload(client, "p", "module", "vpc", "1.2.0", "2026-12-01T10:00:00Z", 2); // changed
    await recordDownload(client, "p", "module", "fresh", "0.1.0", "2026-12-01T11:00:00Z", 1); // added
    await client.del("stats:version:p:module:gone:1.0.0", "stats:resource:p:module:gone"); // removed
    await client.zrem("stats:leaderboard:global", "p/module/gone/1.0.0");
    await p.refresh();
    await p.stop();

    expect(tables).toHaveLength(2);
    const after = tables[1]!;
    expect(tableContent(after)).toEqual(tableContent(await freshTable()));
    expect(after.versions.get(versionKey("p", "module", "vpc", "1.2.0"))?.lastAt).toBe("2026-12-01T10:00:00Z");
    expect(after.versions.has(versionKey("p", "module", "fresh", "0.1.0"))).toBe(true);
    expect(after.versions.has(versionKey("p", "module", "gone", "1.0.0"))).toBe(false);
    expect(after.leaderboard.some((m) => m.name === "gone")).toBe(false);
    expect(after.leaderboard.find((m) => m.name === "vpc" && m.version === "1.2.0")).toMatchObject({
      lastAt: "2026-12-01T10:00:00Z",
    });
    // Readers of the earlier table still see it as it was.
    expect(tableContent(before)).toEqual(kept);
  });

  it("paces a poll: round trips of `chunk` records, each no earlier than the records before it allow", async () => {
    // A database of its own, so the counts are exact.
    const db = new Valkey(`${redis.url}/1`);
    await db.flushdb();
    const write = db.pipeline();
    for (let i = 0; i < 60; i++) {
      write.hset(`stats:resource:n:module:m${i}`, "count", "1", "lastAt", "2026-11-01T00:00:00Z");
      write.hset(`stats:version:n:module:m${i}:1.0.0`, "count", "1", "lastAt", "2026-11-01T00:00:00Z");
    }
    for (let i = 0; i < 70; i++) write.zadd("stats:leaderboard:global", i, `n/module/m${i}/1.0.0`);
    await write.exec();
    const tables: RawDownloads[] = [];
    const p = poller(tables, {
      url: `${redis.url}/1`,
      pace: { chunk: 50, atOnce: 0, minItemsPerSecond: 1000 },
    });
    await p.refresh();
    // The first poll reads at once: 120 hashes in three round trips, 70 members in two windows.
    expect(p.lastPoll?.chunks).toEqual([
      { items: 50, notBeforeMs: 0 },
      { items: 50, notBeforeMs: 0 },
      { items: 20, notBeforeMs: 0 },
      { items: 50, notBeforeMs: 0 },
      { items: 20, notBeforeMs: 0 },
    ]);
    await p.refresh();
    await p.stop();
    db.disconnect();
    // The next one at 1,000 records a second (the floor: 190 records over half of 60 s is slower).
    expect(p.lastPoll).toMatchObject({
      items: 190,
      chunks: [
        { items: 50, notBeforeMs: 0 },
        { items: 50, notBeforeMs: 50 },
        { items: 20, notBeforeMs: 100 },
        { items: 50, notBeforeMs: 120 },
        { items: 20, notBeforeMs: 170 },
      ],
    });
    expect(tables).toHaveLength(1);
    expect(tables[0]!.resources.size).toBe(60);
    expect(tables[0]!.leaderboard).toHaveLength(70);
  });

  it("replaces a worker that died, and reports it", async () => {
    const lines: string[] = [];
    const tables: RawDownloads[] = [];
    const p = poller(tables, { logger: createLogger("debug", (line) => lines.push(line)) });
    await p.refresh();
    const first = p.workerThread!;
    const exited = new Promise((resolve) => first.once("exit", resolve));
    await first.terminate(); // not through stop(): a crash, as far as the poller can tell
    await exited;
    expect(lines.some((l) => l.includes("the downloads worker stopped"))).toBe(true);
    await p.refresh();
    const second = p.workerThread!;
    expect(second).toBeDefined();
    expect(second.threadId).not.toBe(first.threadId);
    expect(p.lastError).toBeUndefined();
    // A new worker reports everything again: a new table, the same records.
    expect(tables).toHaveLength(2);
    expect(tableContent(tables[1]!)).toEqual(tableContent(tables[0]!));
    await p.stop();
    expect(p.workerThread).toBeUndefined();
  });

  it("keeps the last table when the server stops mid-test, and recovers when it returns", async () => {
    const tables: RawDownloads[] = [];
    let errors = 0;
    const p = poller(tables, { onError: () => errors++ });
    await p.refresh();
    expect(tables).toHaveLength(1);
    const port = redis.port;
    await redis.stop();
    const started = Date.now();
    await p.refresh();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(tables).toHaveLength(1);
    expect(errors).toBe(1);
    expect(p.lastError).toBeDefined();
    expect(p.confirmedAt(tables[0]!)).toBe(tables[0]!.builtAt);
    redis = await startRedis(port);
    client.disconnect();
    client = new Valkey(redis.url);
    await recordDownload(client, "p", "module", "vpc", "1.2.0", new Date().toISOString(), 1);
    await new Promise((r) => setTimeout(r, 300));
    await p.refresh();
    await p.stop();
    expect(tables).toHaveLength(2);
    expect(p.lastError).toBeUndefined();
  });
});
