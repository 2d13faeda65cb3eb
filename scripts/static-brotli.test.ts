import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardListener } from "./request-guard.mjs";
import { acceptsBrotli, compressStatic } from "./static-brotli.mjs";

describe("acceptsBrotli", () => {
  it("accepts br when listed without q or with q > 0, whatever the case and spacing", () => {
    for (const h of ["br", "gzip, deflate, br, zstd", "gzip;q=1.0, BR ;q=0.5", " br;q=1"])
      expect(acceptsBrotli(h), h).toBe(true);
  });
  it("refuses br with q=0, when absent, or for a missing or repeated header", () => {
    for (const h of ["br;q=0", "gzip, br;q=0.0", "gzip, deflate", "*", "", "brotli", undefined, ["br"]])
      expect(acceptsBrotli(h), String(h)).toBe(false);
  });
});

let root: string;
let staticDir: string;
let outside: string;
const script = "export const x = 1;\n".repeat(2000);
const style = "body { color: red }\n".repeat(500);

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "od-brotli-"));
  staticDir = path.join(root, "static");
  await mkdir(path.join(staticDir, "chunks", "app", "[namespace]"), { recursive: true });
  await writeFile(path.join(staticDir, "chunks", "main.js"), script);
  await writeFile(path.join(staticDir, "chunks", "app", "[namespace]", "page.js"), script);
  await writeFile(path.join(staticDir, "chunks", "style.css"), style);
  await writeFile(path.join(staticDir, "chunks", "tiny.js"), "1");
  await writeFile(path.join(staticDir, "media.woff2"), Buffer.alloc(4096, 7));
  outside = path.join(root, "secret.js");
  await writeFile(outside, script);
  await symlink(outside, path.join(staticDir, "chunks", "linked.js"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("compressStatic", () => {
  it("compresses JavaScript and CSS that shrink, keyed by their path below the folder, and skips links and other files", async () => {
    const table = await compressStatic(staticDir);
    expect([...table.keys()].sort()).toEqual(["chunks/app/[namespace]/page.js", "chunks/main.js", "chunks/style.css"]);
    expect(brotliDecompressSync(table.get("chunks/main.js")!.body).toString()).toBe(script);
    expect(table.get("chunks/style.css")?.type).toBe("text/css; charset=UTF-8");
  });
  it("gives an empty table for a folder that does not exist", async () => {
    expect((await compressStatic(path.join(root, "missing"))).size).toBe(0);
  });
});

describe("serving through the request guard", () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    const table = await compressStatic(staticDir);
    // What Next would answer: a marker, so a test can tell who answered.
    const next = (_req: http.IncomingMessage, res: http.ServerResponse) => res.end("next");
    server = http.createServer(guardListener(next, table));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const raw = (p: string, headers: Record<string, string>, method = "GET") =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.request(base + p, { method, headers }, (res) => {
        const parts: Buffer[] = [];
        res.on("data", (c: Buffer) => parts.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      });
      req.on("error", reject);
      req.end();
    });

  it("serves br with the static caching headers when the client accepts it", async () => {
    const res = await raw("/_next/static/chunks/main.js?dpl=1", { "accept-encoding": "gzip, deflate, br" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toBe("application/javascript; charset=UTF-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers.vary).toBe("Accept-Encoding");
    expect(Number(res.headers["content-length"])).toBe(res.body.length);
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
  });

  it("finds a file whose name the request percent-encodes", async () => {
    const res = await raw("/_next/static/chunks/app/%5Bnamespace%5D/page.js", { "accept-encoding": "br" });
    expect(res.headers["content-encoding"]).toBe("br");
  });

  it("answers a matching If-None-Match with 304 and HEAD with headers only", async () => {
    const first = await raw("/_next/static/chunks/style.css", { "accept-encoding": "br" });
    const again = await raw("/_next/static/chunks/style.css", {
      "accept-encoding": "br",
      "if-none-match": String(first.headers.etag),
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const head = await raw("/_next/static/chunks/style.css", { "accept-encoding": "br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe(first.headers["content-length"]);
    expect(head.body.length).toBe(0);
  });

  it("leaves everything else to Next: no br accepted, other methods, paths and files, traversal, bad escapes", async () => {
    const cases: [string, Record<string, string>, string?][] = [
      ["/_next/static/chunks/main.js", { "accept-encoding": "gzip" }],
      ["/_next/static/chunks/main.js", { "accept-encoding": "br;q=0" }],
      ["/_next/static/chunks/main.js", { "accept-encoding": "br" }, "POST"],
      ["/_next/static/chunks/tiny.js", { "accept-encoding": "br" }],
      ["/_next/static/chunks/linked.js", { "accept-encoding": "br" }],
      ["/_next/static/media.woff2", { "accept-encoding": "br" }],
      ["/_next/static/../secret.js", { "accept-encoding": "br" }],
      ["/_next/static/chunks/%2e%2e/%2e%2e/secret.js", { "accept-encoding": "br" }],
      ["/_next/static/chunks/%FF.js", { "accept-encoding": "br" }],
      ["/chunks/main.js", { "accept-encoding": "br" }],
    ];
    for (const [p, headers, method] of cases) {
      const res = await raw(p, headers, method);
      expect(res.headers["content-encoding"], p).toBeUndefined();
      expect(res.body.toString(), p).toBe("next");
    }
  });
});
