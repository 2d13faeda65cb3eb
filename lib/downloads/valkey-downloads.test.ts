// Against a real redis-server started by the test, with data written in OpenDepot's key schema.

import { Valkey } from "iovalkey";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordDownload, startRedis, type RunningRedis } from "../testing/redis";
import { ALL_VIEWER, PUBLIC_VIEWER } from "../auth/viewer";
import { getResourceDetail } from "../browse/detail";
import { listResources } from "../browse/resources";
import { getStats } from "../browse/stats";
import type { BrowseState } from "../browse/state";
import { silentLogger } from "../log";
import { module, ns, qs, stateFromYaml, version } from "../testing/fixture";
import { joinDownloads } from "./join";
import type { RawDownloads } from "../registry/download-records";
import { ValkeyDownloads } from "./valkey-downloads";

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

async function poll(): Promise<{ table?: RawDownloads; poller: ValkeyDownloads }> {
  let table: RawDownloads | undefined;
  const poller = new ValkeyDownloads({
    url: redis.url,
    refreshMs: 60_000,
    logger: silentLogger,
    onTable: (t) => (table = t),
  });
  await poller.refresh();
  return { ...(table ? { table } : {}), poller };
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
    const poller = new ValkeyDownloads({
      url: redis.url,
      refreshMs: 60_000,
      logger: silentLogger,
      onTable: (t) => tables.push(t),
    });
    await poller.refresh();
    const first = tables[0]!;
    expect(poller.confirmedAt(first)).toBe(first.builtAt);
    await new Promise((r) => setTimeout(r, 20));
    await poller.refresh();
    expect(tables).toEqual([first]);
    expect(poller.confirmedAt(first)).toBeGreaterThan(first.builtAt);
    expect(poller.confirmedAt(first)).toBe(poller.lastSuccessAt);
    await recordDownload(client, "p", "module", "vpc", "1.2.0", new Date().toISOString(), 1);
    await poller.refresh();
    await poller.stop();
    expect(tables).toHaveLength(2);
    expect(tables[1]).not.toBe(first);
    // The replaced table is no longer confirmed by later reads.
    expect(poller.confirmedAt(first)).toBe(first.builtAt);
  });

  it("keeps the last table when the server stops mid-test, and recovers when it returns", async () => {
    const tables: RawDownloads[] = [];
    let errors = 0;
    const poller = new ValkeyDownloads({
      url: redis.url,
      refreshMs: 60_000,
      logger: silentLogger,
      onTable: (t) => tables.push(t),
      onError: () => errors++,
    });
    await poller.refresh();
    expect(tables).toHaveLength(1);
    const port = redis.port;
    await redis.stop();
    const started = Date.now();
    await poller.refresh();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(tables).toHaveLength(1);
    expect(errors).toBe(1);
    expect(poller.lastError).toBeDefined();
    redis = await startRedis(port);
    client.disconnect();
    client = new Valkey(redis.url);
    await recordDownload(client, "p", "module", "vpc", "1.2.0", new Date().toISOString(), 1);
    await new Promise((r) => setTimeout(r, 300));
    await poller.refresh();
    await poller.stop();
    expect(tables).toHaveLength(2);
    expect(poller.lastError).toBeUndefined();
  });
});
