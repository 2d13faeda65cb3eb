// The built app under a flood of 404 pages for a signed-in viewer over kept-alive connections, with
// the server's own flags: what each rendered page leaves behind must be collected while the
// connections stay open. Read from the collector's trace, because the heap after each full
// collection is what the server really keeps. Before scripts/unlink-immediates.mjs every such page
// stayed reachable through Node's stale Immediate links until its connection closed (66-95 KB a
// request; the explanation is in that file). The demo registry, the bench's issuer and its really
// sealed session cookie; uncompressed, as the benchmark's load generator asks.

import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIssuer, type BenchIssuer } from "../../bench/issuer";
import { parseGcPauses } from "../../bench/server";
import { appEnv, viewers } from "../../bench/viewers";
import { startApp, type RunningApp } from "../support/app-server";

let issuer: BenchIssuer;
let app: RunningApp;
let cookie: string;

beforeAll(async () => {
  issuer = await startIssuer("opendepot");
  const registry = path.resolve(import.meta.dirname, "../../demo/registry");
  app = await startApp({ ...appEnv(registry, issuer), LOG_LEVEL: "error" }, { nodeArgs: ["--trace-gc-nvp"] });
  cookie = (await viewers(issuer, ["developers"])).scopedPage.cookie!;
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await issuer?.stop();
});

/** The heap's size after each of the main thread's full collections (bytes), from its collector trace. */
function sizesAfterFullCollections(output: string): number[] {
  return parseGcPauses(output)
    .filter((p) => p.thread === "main" && p.kind === "Mark-Compact")
    .map((p) => p.heapAfterBytes);
}

/** `count` 404 pages over `connections` kept-alive connections (fetch's pool keeps them open). */
async function notFoundPages(count: number, connections: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < count) {
        const n = next++;
        // Both kinds of 404: a page that calls notFound(), and a path no route matches.
        const res = await fetch(`${app.url}${n % 2 ? `/no-such/page/${n}/x/y` : `/platform/module/missing-${n}`}`, {
          headers: { cookie, "accept-encoding": "identity" },
        });
        expect(res.status).toBe(404);
        await res.arrayBuffer();
      }
    }),
  );
}

describe("unlink-immediates in the server", () => {
  it("lets rendered pages go while their connections stay open", async () => {
    await notFoundPages(300, 16); // warm-up: code, caches, the first full collections
    const warm = sizesAfterFullCollections(app.output());
    await notFoundPages(1200, 32);
    const all = sizesAfterFullCollections(app.output());
    const during = all.slice(warm.length);
    expect(warm.length).toBeGreaterThan(0);
    expect(during.length).toBeGreaterThanOrEqual(5);
    // Measured: +79 MB over these 1,200 pages without the preload (42 → 137 MiB after collection).
    const growth = Math.max(...during.slice(-3)) - Math.min(...warm.slice(-3));
    const trail = all.map((b) => Math.round(b / 2 ** 20)).join(", ");
    expect(growth, `heap after each full collection: ${trail} MiB`).toBeLessThan(32 * 2 ** 20);
  }, 180_000);
});
