// The JavaScript each page costs a first-time visitor: every page loaded cold (fresh browser
// context, empty cache) in Debian's Chromium, summing the compressed (on-the-wire) body bytes of
// the script responses until the network is idle — lazily loaded chunks included.

import { request } from "node:http";
import { chromium } from "@playwright/test";
import { chromiumPath } from "../e2e/support/chromium";
import type { Endpoint } from "./endpoints";

export interface PageJs {
  readonly page: string;
  readonly path: string;
  readonly scripts: number;
  /** Compressed bytes on the wire. */
  readonly transferBytes: number;
  /** Bytes after decompression. */
  readonly decodedBytes: number;
  /** The same scripts as the server sends them to a client that accepts gzip only (as `next start` alone would). */
  readonly gzipBytes: number;
  /** Compressed bytes of the scripts every measured page loads (React, the Next runtime, the shell). */
  readonly sharedBytes: number;
}

/** The body's size as the server sends it for one accept-encoding (node's fetch would decode it). */
export function wireBytes(url: string, encoding: string): Promise<number> {
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

export async function measurePageJs(baseUrl: string, pages: readonly Endpoint[]): Promise<PageJs[]> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const loads: {
    p: Endpoint;
    scripts: { url: string; transfer: number; decoded: number; gzip: number }[];
  }[] = [];
  try {
    for (const p of pages) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const pending: Promise<{ url: string; transfer: number; decoded: number; gzip: number }>[] = [];
      page.on("response", (res) => {
        if (res.request().resourceType() !== "script") return;
        pending.push(
          (async () => {
            const sizes = await res.request().sizes();
            const body = await res.body().catch(() => Buffer.alloc(0));
            return {
              url: new URL(res.url()).pathname,
              transfer: sizes.responseBodySize,
              decoded: body.length,
              gzip: await wireBytes(res.url(), "gzip"),
            };
          })(),
        );
      });
      await page.goto(baseUrl + p.path, { waitUntil: "networkidle" });
      loads.push({ p, scripts: await Promise.all(pending) });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const everywhere = loads
    .map((l) => new Set(l.scripts.map((x) => x.url)))
    .reduce((a, b) => new Set([...a].filter((u) => b.has(u))));
  const sum = (xs: { transfer: number }[]) => xs.reduce((s, x) => s + x.transfer, 0);
  return loads.map(({ p, scripts }) => ({
    page: p.name.replace(/^page: /, ""),
    path: p.path,
    scripts: scripts.length,
    transferBytes: sum(scripts),
    decodedBytes: scripts.reduce((s, x) => s + x.decoded, 0),
    gzipBytes: scripts.reduce((s, x) => s + x.gzip, 0),
    sharedBytes: sum(scripts.filter((x) => everywhere.has(x.url))),
  }));
}
