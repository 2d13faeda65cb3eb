// The README "Page weight" table on the demo registry: each page loaded cold in Chromium
// (bench/page-js.ts, brotli on the wire), the same scripts as a gzip-only client gets them, and
// with --chunks every script's share, to see what a page's JavaScript is made of.
//
//   npm run build && npx tsx bench/page-weight.ts [--chunks]

import { request } from "node:http";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { chromium } from "@playwright/test";
import { chromiumPath } from "../e2e/support/chromium";
import type { Endpoint } from "./endpoints";
import { measurePageJs } from "./page-js";
import { startBenchServer } from "./server";

const PAGES: Endpoint[] = [
  { name: "page: Registry", path: "/", category: "page" },
  { name: "page: module detail", path: "/platform/module/terraform-aws-vpc", category: "page" },
  { name: "page: Depots", path: "/depots", category: "page" },
  { name: "page: Stats", path: "/stats", category: "page" },
];

/** The body's size as the server sends it for one accept-encoding (node's fetch would decode it). */
function wireBytes(url: string, encoding: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { "accept-encoding": encoding } }, (res) => {
      let n = 0;
      res.on("data", (d: Buffer) => (n += d.length));
      res.on("end", () => resolve(n));
      res.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

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
  for (const [i, m] of measured.entries()) {
    const urls = await scriptsOf(server.app.url, PAGES[i]!.path);
    const sizes = await Promise.all(
      urls.map(async (u) => ({
        u,
        br: await wireBytes(server.app.url + u, "br"),
        gz: await wireBytes(server.app.url + u, "gzip"),
      })),
    );
    const gzip = sizes.reduce((s, x) => s + x.gz, 0);
    console.log(`| ${m.page} | ${kb(m.transferBytes)} KB | ${kb(gzip)} KB | ${m.scripts} |`);
    if (process.argv.includes("--chunks"))
      for (const x of sizes) console.log(`    ${kb(x.br).padStart(6)} br ${kb(x.gz).padStart(6)} gz  ${x.u}`);
  }
} finally {
  await server.app.stop();
}
