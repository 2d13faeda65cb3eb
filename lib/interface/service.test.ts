import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RunningRedis } from "../testing/redis";
import { tarGz } from "../testing/archives";
import { ArchiveSource, type ArchiveRequest } from "./archive-source";
import { ExtractPool } from "./extract-pool";
import { archiveCacheKey, InterfaceService } from "./service";
import { DEFAULT_LIMITS } from "./types";
import { ValkeyInterfaceCache } from "./valkey-cache";

let root: string;
let redis: RunningRedis;
let pool: ExtractPool;
const req: ArchiveRequest = {
  namespace: "ns",
  name: "mod",
  version: "1.0.0",
  fileName: "mod-1.0.0.tar.gz",
  fileSystemDir: "",
};

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "svc-"));
  mkdirSync(path.join(root, "mod"));
  writeFileSync(
    path.join(root, "mod", "mod-1.0.0.tar.gz"),
    await tarGz([{ name: "main.tf", content: 'variable "a" {}' }]),
  );
  redis = await startRedis();
  pool = new ExtractPool({ workerPath: path.resolve("lib/interface/extract-worker.mjs") });
});
afterAll(async () => {
  await pool.close();
  await redis.stop();
  rmSync(root, { recursive: true, force: true });
});

const service = (archiveRoot: string, shared?: ValkeyInterfaceCache) =>
  new InterfaceService({
    pool,
    source: new ArchiveSource({ archiveRoot, maxBytes: 1 << 20 }),
    limits: DEFAULT_LIMITS,
    cacheBytes: 1 << 20,
    ...(shared ? { shared } : {}),
  });

describe("InterfaceService", () => {
  it("keys by checksum, else by namespace, name, version and file name", () => {
    expect(archiveCacheKey("sha256:abc", req)).toBe("sum:sha256:abc");
    expect(archiveCacheKey(undefined, req)).toBe('ver:["ns","mod","1.0.0","mod-1.0.0.tar.gz"]');
  });

  it("shares one extraction between concurrent requests and serves repeats from memory", async () => {
    const s = service(root);
    const [a, b] = await Promise.all([s.get("k1", req), s.get("k1", req)]);
    expect(a.status).toBe("ok");
    expect(b).toBe(a);
    rmSync(path.join(root, "mod", "mod-1.0.0.tar.gz"));
    expect(await s.get("k1", req)).toBe(a); // from memory: the file is gone
    writeFileSync(
      path.join(root, "mod", "mod-1.0.0.tar.gz"),
      await tarGz([{ name: "main.tf", content: 'variable "a" {}' }]),
    );
  });

  it("replicas share results through Valkey", async () => {
    const first = new ValkeyInterfaceCache({ url: redis.url });
    const second = new ValkeyInterfaceCache({ url: redis.url });
    const a = await service(root, first).get("sum:shared", req);
    expect(a.status).toBe("ok");
    // The second replica cannot read the file (another root), yet answers from Valkey.
    const b = await service(path.join(root, "nowhere"), second).get("sum:shared", req);
    expect(b).toEqual(a);
    await first.close();
    await second.close();
  });

  it("keeps working from memory when Valkey is down", async () => {
    const down = new ValkeyInterfaceCache({ url: "redis://127.0.0.1:9", commandTimeoutMs: 200 });
    const r = await service(root, down).get("sum:down", req);
    expect(r.status).toBe("ok");
    await down.close();
  });

  it("caches a failure briefly, then tries again", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "svc-fail-"));
    const s = new InterfaceService({
      pool,
      source: new ArchiveSource({ archiveRoot: dir, maxBytes: 1 << 20 }),
      limits: DEFAULT_LIMITS,
      cacheBytes: 1 << 20,
      ttlSeconds: new Map([["unavailable", 0.2]]),
    });
    expect((await s.get("k-fail", req)).status).toBe("unavailable");
    mkdirSync(path.join(dir, "mod"));
    writeFileSync(
      path.join(dir, "mod", "mod-1.0.0.tar.gz"),
      await tarGz([{ name: "main.tf", content: 'variable "a" {}' }]),
    );
    expect((await s.get("k-fail", req)).status).toBe("unavailable"); // still the cached failure
    await new Promise((r) => setTimeout(r, 300));
    expect((await s.get("k-fail", req)).status).toBe("ok");
    rmSync(dir, { recursive: true, force: true });
  });
});
