// The poll worker's life: a worker that dies fails its poll with a reason and is replaced, after a
// pause that grows while crashes follow each other and is forgotten after a good poll.

import path from "node:path";
import { Valkey } from "iovalkey";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RunningRedis } from "../testing/redis";
import { PollWorker, restartDelayMs } from "./poll-worker";

const PACE = { chunk: 1000, itemsPerSecond: Infinity };
let redis: RunningRedis;
beforeAll(async () => {
  redis = await startRedis();
  const client = new Valkey(redis.url);
  for (const v of ["1.0.0", "1.1.0", "1.2.0"]) await client.hset(`stats:version:p:module:vpc:${v}`, "count", "1");
  client.disconnect();
});
afterAll(async () => {
  await redis?.stop();
});

describe("poll worker", () => {
  it("pauses restarts 0, 1, 2, 4 … s while crashes follow each other, at most 5 minutes", () => {
    expect([1, 2, 3, 4, 5].map(restartDelayMs)).toEqual([0, 1000, 2000, 4000, 8000]);
    expect(restartDelayMs(40)).toBe(300_000);
  });

  it("fails the poll of a worker that cannot start, and waits before the next attempt", async () => {
    let clock = 1_000_000;
    const crashes: number[] = [];
    const w = new PollWorker({
      workerPath: path.resolve("lib/downloads/no-such-worker.mjs"),
      url: redis.url,
      commandTimeoutMs: 500,
      onCrash: (_reason, n) => crashes.push(n),
      now: () => clock,
    });
    const first = await w.poll(PACE);
    expect(first).toMatchObject({ type: "failed", reason: expect.stringContaining("downloads worker") });
    expect(crashes).toEqual([1]);
    // The first crash is retried at once; the second one waits a second.
    expect(await w.poll(PACE)).toMatchObject({ type: "failed" });
    expect(crashes).toEqual([1, 2]);
    expect(await w.poll(PACE)).toMatchObject({ type: "failed", reason: "the downloads worker restarts in 1 s" });
    expect(crashes).toEqual([1, 2]);
    clock += 1000;
    expect(await w.poll(PACE)).toMatchObject({ type: "failed", reason: expect.stringContaining("downloads worker") });
    expect(crashes).toEqual([1, 2, 3]);
    await w.close();
    expect(await w.poll(PACE)).toMatchObject({ type: "failed", reason: "the poller is stopped" });
  });

  it("fails a running poll when its worker dies, and a new worker answers the next one", async () => {
    const crashes: string[] = [];
    const w = new PollWorker({
      workerPath: path.resolve("lib/downloads/valkey-poll-worker.mjs"),
      url: redis.url,
      commandTimeoutMs: 500,
      onCrash: (reason) => crashes.push(reason),
    });
    expect(await w.poll(PACE)).toMatchObject({ type: "changes", full: true });
    // Caught running: at 1 record a second, the second of its round trips waits a second.
    const running = w.poll({ chunk: 1, itemsPerSecond: 1 });
    await w.thread!.terminate();
    expect(await running).toMatchObject({ type: "failed", reason: expect.stringContaining("stopped") });
    expect(crashes).toHaveLength(1);
    expect(await w.poll(PACE)).toMatchObject({ type: "changes", full: true });
    await w.close();
    expect(w.thread).toBeUndefined();
  });
});
