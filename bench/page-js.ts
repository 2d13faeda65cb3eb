// The JavaScript each page costs a first-time visitor: every page loaded cold (fresh browser
// context, empty cache) in Debian's Chromium, summing the compressed (on-the-wire) body bytes of
// the script responses until the network is idle — lazily loaded chunks included.

import { execFileSync } from "node:child_process";
import { chromium } from "@playwright/test";
import type { Endpoint } from "./endpoints";

export interface PageJs {
  readonly page: string;
  readonly path: string;
  readonly scripts: number;
  /** Compressed bytes on the wire. */
  readonly transferBytes: number;
  /** Bytes after decompression. */
  readonly decodedBytes: number;
}

function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
}

export async function measurePageJs(baseUrl: string, pages: readonly Endpoint[]): Promise<PageJs[]> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  const out: PageJs[] = [];
  try {
    for (const p of pages) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const pending: Promise<{ transfer: number; decoded: number }>[] = [];
      page.on("response", (res) => {
        if (res.request().resourceType() !== "script") return;
        pending.push(
          (async () => {
            const sizes = await res.request().sizes();
            const body = await res.body().catch(() => Buffer.alloc(0));
            return { transfer: sizes.responseBodySize, decoded: body.length };
          })(),
        );
      });
      await page.goto(baseUrl + p.path, { waitUntil: "networkidle" });
      const sizes = await Promise.all(pending);
      out.push({
        page: p.name.replace(/^page: /, ""),
        path: p.path,
        scripts: sizes.length,
        transferBytes: sizes.reduce((s, x) => s + x.transfer, 0),
        decodedBytes: sizes.reduce((s, x) => s + x.decoded, 0),
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}
