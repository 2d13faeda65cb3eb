// The JavaScript a first-time visitor downloads (bytes on the wire, brotli where the browser takes
// it: scripts/static-brotli.mjs), measured as `npm run bench` measures it (bench/page-js.ts). The
// Depots budget is issue 12's, on the demo and on a generated registry of ~500 graph nodes drawn
// whole; the Registry and Stats budgets are issue 14's, on the demo; the detail page's is tracked
// by the bench (README "Page weight").

import { rmSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { measurePageJs } from "../bench/page-js";
import { startApp, type RunningApp } from "./support/app-server";
import { writeDepotsRegistry, type DepotsRegistry } from "./support/depots-registry";

let demo: RunningApp;
let large: RunningApp;
let registry: DepotsRegistry;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  registry = writeDepotsRegistry();
  demo = await startApp({ REGISTRY_PATH: path.resolve(import.meta.dirname, "../demo/registry") });
  large = await startApp({ REGISTRY_PATH: registry.dir, AUTH_ANONYMOUS: "all" });
});
test.afterAll(async () => {
  await demo?.stop();
  await large?.stop();
  if (registry) rmSync(registry.dir, { recursive: true, force: true });
});

/** The server compresses its static files in the background after it starts: wait for them. */
async function brotliReady(request: APIRequestContext, base: string, page: string) {
  const html = await (await request.get(base + page)).text();
  const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
  expect(script).toBeDefined();
  await expect
    .poll(
      async () =>
        (await request.get(base + script, { headers: { "accept-encoding": "br" } })).headers()["content-encoding"],
      { timeout: 30_000 },
    )
    .toBe("br");
}

for (const [name, app, page] of [
  ["demo", () => demo, "/depots?view=graph"],
  ["~500 nodes", () => large, "/depots?view=graph&limit=2000"],
] as const) {
  test(`the Depots page (${name}) costs a first-time visitor at most 200 KB of JavaScript`, async ({ request }) => {
    await brotliReady(request, app().url, page);
    const [depots] = await measurePageJs(app().url, [{ name: "page: Depots", path: page, category: "page" }]);
    test
      .info()
      .annotations.push({ type: "JavaScript", description: `${(depots!.transferBytes / 1000).toFixed(1)} KB` });
    expect(depots!.scripts).toBeGreaterThan(3);
    expect(depots!.transferBytes).toBeLessThanOrEqual(200_000);
  });
}

for (const [name, page] of [
  ["Registry", "/"],
  ["Stats", "/stats"],
] as const) {
  test(`the ${name} page (demo) costs a first-time visitor at most 120 KB of JavaScript`, async ({ request }) => {
    await brotliReady(request, demo.url, page);
    const [m] = await measurePageJs(demo.url, [{ name: `page: ${name}`, path: page, category: "page" }]);
    test.info().annotations.push({ type: "JavaScript", description: `${(m!.transferBytes / 1000).toFixed(1)} KB` });
    expect(m!.scripts).toBeGreaterThan(3);
    expect(m!.transferBytes).toBeLessThanOrEqual(120_000);
  });
}
