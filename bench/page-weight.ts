// The README "Page weight" table on the demo registry: each page loaded cold in Chromium
// (bench/page-js.ts, brotli on the wire), the same scripts as a gzip-only client gets them, and
// with --chunks every script's share, to see what a page's JavaScript is made of.
//
//   npm run build && npx tsx bench/page-weight.ts [--chunks]

import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { chromium } from "@playwright/test";
import { chromiumPath } from "../e2e/support/chromium";
import type { Endpoint } from "./endpoints";
import { measurePageJs, wireBytes } from "./page-js";
import { startBenchServer } from "./server";

const PAGES: Endpoint[] = [
  { name: "page: Registry", path: "/", category: "page" },
  { name: "page: module detail", path: "/platform/module/terraform-aws-vpc", category: "page" },
  { name: "page: Depots", path: "/depots", category: "page" },
  { name: "page: Stats", path: "/stats", category: "page" },
];

/** The scripts a cold visit loads, in load order. */
async function scriptsOf(base: string, page: string): Promise<string[]> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const context = await browser.newContext();
    const p = await context.newPage();
    const urls: string[] = [];
    p.on("response", (res) => {
      if (res.request().resourceType() === "script") urls.push(new URL(res.url()).pathname);
    });
    await p.goto(base + page, { waitUntil: "networkidle" });
    return urls;
  } finally {
    await browser.close();
  }
}

const kb = (n: number) => (n / 1000).toFixed(1);

const server = await startBenchServer({ REGISTRY_PATH: path.resolve(import.meta.dirname, "../demo/registry") });
try {
  // The server compresses its static files with brotli in the background after it starts.
  await sleep(4000);
  const measured = await measurePageJs(server.app.url, PAGES);
  console.log("| page | brotli (on the wire) | gzip | scripts |\n|---|---:|---:|---:|");
  for (const m of measured) {
    console.log(`| ${m.page} | ${kb(m.transferBytes)} KB | ${kb(m.gzipBytes)} KB | ${m.scripts} |`);
    if (!process.argv.includes("--chunks")) continue;
    for (const u of await scriptsOf(server.app.url, m.path)) {
      const [br, gz] = [await wireBytes(server.app.url + u, "br"), await wireBytes(server.app.url + u, "gzip")];
      console.log(`    ${kb(br).padStart(6)} br ${kb(gz).padStart(6)} gz  ${u}`);
    }
  }
} finally {
  await server.app.stop();
}
