// The JavaScript a first-time visitor downloads (bytes on the wire, brotli where the browser takes
// it: scripts/static-brotli.mjs), measured as `npm run bench` measures it (bench/page-js.ts), on the
// demo registry. The Depots budget is issue 12's; the other pages' budgets are tracked by the bench
// (README "Page weight": React and the Next runtime alone are 113 KB brotli).

import path from "node:path";
import { expect, test } from "@playwright/test";
import { measurePageJs } from "../bench/page-js";
import { startApp, type RunningApp } from "./support/app-server";

let app: RunningApp;

test.beforeAll(async () => {
  app = await startApp({ REGISTRY_PATH: path.resolve(import.meta.dirname, "../demo/registry") });
});
test.afterAll(async () => {
  await app?.stop();
});

test("the Depots page costs a first-time visitor at most 200 KB of JavaScript", async ({ request }) => {
  // The server compresses its static files in the background after it starts: wait for them.
  const html = await (await request.get(`${app.url}/depots`)).text();
  const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
  expect(script).toBeDefined();
  await expect
    .poll(
      async () =>
        (await request.get(app.url + script, { headers: { "accept-encoding": "br" } })).headers()["content-encoding"],
      {
        timeout: 30_000,
      },
    )
    .toBe("br");
  const [depots] = await measurePageJs(app.url, [{ name: "page: Depots", path: "/depots", category: "page" }]);
  test
    .info()
    .annotations.push({ type: "Depots JavaScript", description: `${(depots!.transferBytes / 1000).toFixed(1)} KB` });
  expect(depots!.scripts).toBeGreaterThan(3);
  expect(depots!.transferBytes).toBeLessThanOrEqual(200_000);
});
