// The built app's static JavaScript: brotli for clients that accept it (scripts/static-brotli.mjs),
// byte for byte the file Next serves, and gzip as before for clients that do not.

import http from "node:http";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";

let app: RunningApp;

beforeAll(async () => {
  app = await startApp({ REGISTRY_PATH: path.resolve(import.meta.dirname, "../../demo/registry") });
});
afterAll(async () => {
  await app?.stop();
});

// node:http, not fetch: fetch decodes bodies and hides Content-Encoding's effect on the bytes.
const raw = (p: string, acceptEncoding: string) =>
  new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(app.url + p, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
        const parts: Buffer[] = [];
        res.on("data", (c: Buffer) => parts.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      })
      .on("error", reject);
  });

async function pageScripts(p: string): Promise<string[]> {
  const html = await (await fetch(app.url + p)).text();
  const srcs = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
  expect(srcs.length, `scripts of ${p}`).toBeGreaterThan(2);
  return srcs;
}

describe("static JavaScript", () => {
  it("goes out as brotli, identical once decoded to what Next serves, and smaller than gzip", async () => {
    const scripts = await pageScripts("/");
    // Compression runs in the background after the server starts: wait for the first file.
    const deadline = Date.now() + 30_000;
    while ((await raw(scripts[0]!, "br")).headers["content-encoding"] !== "br") {
      expect(Date.now(), "brotli was never served").toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 200));
    }
    let brTotal = 0;
    let gzTotal = 0;
    for (const src of scripts) {
      const br = await raw(src, "gzip, deflate, br, zstd");
      const gz = await raw(src, "gzip, deflate");
      const plain = await raw(src, "identity");
      expect(br.status, src).toBe(200);
      expect(br.headers["content-encoding"], src).toBe("br");
      expect(br.headers["cache-control"], src).toBe("public, max-age=31536000, immutable");
      expect(gz.headers["content-encoding"], src).toBe("gzip");
      expect(plain.headers["content-encoding"], src).toBeUndefined();
      expect(brotliDecompressSync(br.body).equals(plain.body), src).toBe(true);
      expect(gunzipSync(gz.body).equals(plain.body), src).toBe(true);
      brTotal += br.body.length;
      gzTotal += gz.body.length;
    }
    expect(brTotal).toBeLessThan(gzTotal);
  });
});
