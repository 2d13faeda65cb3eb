import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  containerCpuQuota,
  containerMemoryLimit,
  DEFAULT_OLD_SPACE_MIB,
  HEAP_GROWING_PERCENT,
  INITIAL_OLD_SPACE_MIB,
  MARKING_SOFT_TRIGGER_PERCENT,
  oldSpaceMib,
  SEMI_SPACE_MIB,
  serverEnv,
  serverNodeFlags,
  v8PoolSize,
} from "./server-node-flags.mjs";

const MIB = 1024 * 1024;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A folder laid out like /sys/fs/cgroup, with the given files. */
function cgroup(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "cgroup-"));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

const heapFlag = (flags: readonly string[]) => flags.find((f) => f.startsWith("--max-old-space-size="));

describe("containerMemoryLimit", () => {
  it("reads cgroup v2 memory.max", () => {
    expect(containerMemoryLimit(cgroup({ "memory.max": "1073741824\n" }))).toBe(1024 * MIB);
  });

  it("reads cgroup v1 memory.limit_in_bytes", () => {
    expect(containerMemoryLimit(cgroup({ "memory/memory.limit_in_bytes": "536870912\n" }))).toBe(512 * MIB);
  });

  it("is undefined without a limit", () => {
    expect(containerMemoryLimit(cgroup({ "memory.max": "max\n" }))).toBeUndefined();
    expect(containerMemoryLimit(cgroup({ "memory/memory.limit_in_bytes": "9223372036854771712\n" }))).toBeUndefined();
    expect(containerMemoryLimit(cgroup({}))).toBeUndefined();
    expect(containerMemoryLimit(path.join(tmpdir(), "no-such-cgroup-folder"))).toBeUndefined();
  });
});

describe("containerCpuQuota", () => {
  it("reads cgroup v2 cpu.max, rounded up to whole CPUs", () => {
    expect(containerCpuQuota(cgroup({ "cpu.max": "200000 100000\n" }))).toBe(2);
    expect(containerCpuQuota(cgroup({ "cpu.max": "150000 100000\n" }))).toBe(2);
    expect(containerCpuQuota(cgroup({ "cpu.max": "50000 100000\n" }))).toBe(1);
  });

  it("reads cgroup v1 cpu.cfs_quota_us over cpu.cfs_period_us", () => {
    const root = cgroup({ "cpu/cpu.cfs_quota_us": "300000\n", "cpu/cpu.cfs_period_us": "100000\n" });
    expect(containerCpuQuota(root)).toBe(3);
  });

  it("is undefined without a quota", () => {
    expect(containerCpuQuota(cgroup({ "cpu.max": "max 100000\n" }))).toBeUndefined();
    const v1 = cgroup({ "cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n" });
    expect(containerCpuQuota(v1)).toBeUndefined();
    expect(containerCpuQuota(cgroup({}))).toBeUndefined();
  });
});

describe("v8PoolSize", () => {
  it("leaves the main thread a core, with one worker at least and Node's four at most", () => {
    expect([1, 2, 3, 4, 5, 64].map(v8PoolSize)).toEqual([1, 1, 2, 3, 4, 4]);
  });
});

describe("oldSpaceMib", () => {
  it("leaves room for what lives outside the heap", () => {
    expect(oldSpaceMib(1024 * MIB)).toBe(768);
    expect(oldSpaceMib(512 * MIB)).toBe(320);
    expect(oldSpaceMib(2048 * MIB)).toBe(1536);
  });

  it("keeps a floor for tiny limits and a default without one", () => {
    expect(oldSpaceMib(200 * MIB)).toBe(128);
    expect(oldSpaceMib(undefined)).toBe(DEFAULT_OLD_SPACE_MIB);
  });
});

describe("serverEnv", () => {
  it("caps glibc's arenas unless the environment says otherwise", () => {
    expect(serverEnv({ NODE_ENV: "test", PATH: "/bin" })).toEqual({
      NODE_ENV: "test",
      PATH: "/bin",
      MALLOC_ARENA_MAX: "2",
    });
    expect(serverEnv({ NODE_ENV: "test", MALLOC_ARENA_MAX: "8" }).MALLOC_ARENA_MAX).toBe("8");
  });
});

describe("serverNodeFlags", () => {
  it("sizes the heap from the container limit", () => {
    const flags = serverNodeFlags({ cgroupRoot: cgroup({ "memory.max": String(1024 * MIB) }), nodeOptions: "" });
    expect(heapFlag(flags)).toBe("--max-old-space-size=768");
    expect(flags).toContain(`--initial-old-space-size=${INITIAL_OLD_SPACE_MIB}`);
    // Never more than a third of a small old space.
    const small = serverNodeFlags({ cgroupRoot: cgroup({ "memory.max": String(300 * MIB) }), nodeOptions: "" });
    expect(small).toContain("--initial-old-space-size=42");
    expect(flags).toContain(`--max-semi-space-size=${SEMI_SPACE_MIB}`);
    expect(flags).toContain(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    expect(flags).toContain(`--incremental-marking-soft-trigger=${MARKING_SOFT_TRIGGER_PERCENT}`);
    expect(flags.some((f) => f.startsWith("--import=") && f.endsWith("request-guard-preload.mjs"))).toBe(true);
    expect(flags.some((f) => f.startsWith("--import=") && f.endsWith("unlink-immediates.mjs"))).toBe(true);
  });

  it("sizes V8's worker pool from the CPUs the process may use", () => {
    const quota = (cpuMax: string) =>
      serverNodeFlags({ cgroupRoot: cgroup({ "cpu.max": cpuMax }), nodeOptions: "" }).find((f) =>
        f.startsWith("--v8-pool-size="),
      );
    expect(quota("100000 100000")).toBe("--v8-pool-size=1");
    expect(quota("max 100000")).toBe(`--v8-pool-size=${v8PoolSize(availableParallelism())}`);
  });

  it("starts that many V8 worker threads", () => {
    const threads = (flag: string) =>
      Number(
        spawnSync(process.execPath, [flag, "-p", "require('fs').readdirSync('/proc/self/task').length"], {
          encoding: "utf8",
          env: { ...process.env, NODE_OPTIONS: "" },
        }).stdout,
      );
    expect(threads("--v8-pool-size=4") - threads("--v8-pool-size=1")).toBe(3);
  });

  it("uses the default without a limit", () => {
    const flags = serverNodeFlags({ cgroupRoot: cgroup({ "memory.max": "max" }), nodeOptions: "" });
    expect(heapFlag(flags)).toBe(`--max-old-space-size=${DEFAULT_OLD_SPACE_MIB}`);
  });

  it("leaves heap and pool flags given in NODE_OPTIONS alone", () => {
    const root = cgroup({ "memory.max": String(1024 * MIB) });
    const flags = serverNodeFlags({
      cgroupRoot: root,
      nodeOptions: "--max_old_space_size=3000 --max-semi-space-size=8 --v8_pool_size=3",
    });
    expect(heapFlag(flags)).toBeUndefined();
    expect(flags.some((f) => f.startsWith("--max-semi-space-size"))).toBe(false);
    expect(flags.some((f) => f.startsWith("--v8-pool-size"))).toBe(false);
  });

  it("gives V8 that heap ceiling, and prints the flags for the image's entrypoint", () => {
    const flags = serverNodeFlags({ cgroupRoot: cgroup({ "memory.max": String(512 * MIB) }), nodeOptions: "" });
    const limit = spawnSync(
      process.execPath,
      [...flags.filter((f) => !f.startsWith("--import")), "-p", "v8.getHeapStatistics().heap_size_limit"],
      { encoding: "utf8" },
    );
    // heap_size_limit is the old space plus the young generation (3 semi-spaces).
    expect(Number(limit.stdout) / MIB).toBe(320 + 3 * SEMI_SPACE_MIB);
    const printed = spawnSync(process.execPath, [path.join(import.meta.dirname, "server-node-flags.mjs")], {
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    expect(printed.stdout.trim().split(" ")).toEqual(serverNodeFlags({ nodeOptions: "" }));
  });

  it("preloads only files the image copies next to it", () => {
    const dockerfile = readFileSync(path.join(import.meta.dirname, "../deploy/Dockerfile"), "utf8");
    const preloads = serverNodeFlags({ nodeOptions: "" })
      .filter((f) => f.startsWith("--import="))
      .map((f) => path.basename(new URL(f.slice("--import=".length)).pathname));
    expect(preloads).toEqual(["unlink-immediates.mjs", "request-guard-preload.mjs"]);
    for (const file of preloads) expect(dockerfile).toContain(`/app/scripts/${file}`);
  });
});
