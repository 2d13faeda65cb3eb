// The JavaScript each page costs a first-time visitor: every page loaded cold (fresh browser
// context, empty cache) in Debian's Chromium, summing the compressed (on-the-wire) body bytes of
// the script responses until the network is idle — lazily loaded chunks included.

import { brotliCompressSync, constants, gzipSync } from "node:zlib";
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
  /** The same scripts compressed with brotli (quality 11), as a CDN or ingress could serve them. */
  readonly brotliBytes: number;
  /** The same scripts gzipped at zlib's default level: what `next start` alone would send. */
  readonly gzipBytes: number;
  /** Compressed bytes of the scripts every measured page loads (React, the Next runtime, the shell). */
  readonly sharedBytes: number;
}

const brotli = (body: Buffer) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const gzip = (body: Buffer) => gzipSync(body).length;

export async function measurePageJs(baseUrl: string, pages: readonly Endpoint[]): Promise<PageJs[]> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const loads: {
    p: Endpoint;
    scripts: { url: string; transfer: number; decoded: number; brotli: number; gzip: number }[];
  }[] = [];
  try {
    for (const p of pages) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const pending: Promise<{ url: string; transfer: number; decoded: number; brotli: number; gzip: number }>[] = [];
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
              brotli: brotli(body),
              gzip: gzip(body),
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
    brotliBytes: scripts.reduce((s, x) => s + x.brotli, 0),
    gzipBytes: scripts.reduce((s, x) => s + x.gzip, 0),
    sharedBytes: sum(scripts.filter((x) => everywhere.has(x.url))),
  }));
}
