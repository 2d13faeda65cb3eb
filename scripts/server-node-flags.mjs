// Node flags for the server process (npm start, npm run demo, the tests, the benchmark, the image:
// `node scripts/server-node-flags.mjs` prints them for the image's shell entrypoint).
//
// The V8 heap is sized from the container's memory limit (cgroup v2 memory.max, v1
// memory.limit_in_bytes) when there is one, else DEFAULT_OLD_SPACE_MIB. Without a limit V8 sizes
// the heap from the machine (about 4 GiB on a 24 GiB host) and lets it grow to four times the live
// data between full collections: the large benchmark registry sat at 0.9-1.9 GiB resident for
// about 250 MiB of live objects. HEAP_GROWING_PERCENT caps that growth at 20 % (V8 picks 1.6x at a
// 1-GiB ceiling, which held 580 MiB and climbing; 30 % held 510-540 MiB); an 8 MiB young-generation
// semi-space (it was 32) halved the typical scavenge pause. V8 skips full collections while the old
// space is below the initial size it is given, and keeps that size as a floor for ever after: at a
// third of the old space (341 MiB) the heap never fell below it, so it is INITIAL_OLD_SPACE_MIB,
// below the large registry's live data (the large soak: 609 → 496 MiB resident). The flag holds for
// every heap of the process, worker threads' too: at 128 MiB the downloads poll worker (40 MiB
// live) let its heap reach 120 MiB before each full collection; at 64 it stays at 40-66 MiB.
// V8 starts marking concurrently only when the old space is a young generation's worth short of
// its limit; under page load that left the concurrent markers ~150-220 ms before the heap reached
// the limit, and the main thread finished marking in the pause (28-41 ms of 36-48 ms pauses).
// MARKING_SOFT_TRIGGER_PERCENT starts it at 85 % of the limit (the live data sit at 83 % after a
// full collection with 20 % growth): the marking part of those pauses fell to at most 16 ms.
// glibc gives each thread that allocates (zlib in the thread pool, V8's compiler and GC helpers)
// its own arena and seldom returns their free pages: MALLOC_ARENA_MAX=2 (serverEnv) took another
// 50-70 MiB off the large soak (496 → 429 MiB; 609 → 558 MiB with the old floor).
// Measured with bench/run.ts (bench/results/HISTORY.md, issue 14).
// Node starts four V8 worker threads whatever the machine; the collector runs its concurrent
// marking and sweeping and the helpers of its parallel phases on them. On two cores they left the
// main thread waiting for a core in and out of its own pauses: 90-s runs of the large soak mix
// gave 9-12 pauses over 15 ms and p99 102-110 ms with four, 3 and 67-68 ms with one
// (bench/results/HISTORY.md). The pool is one fewer than the CPUs the process may use (its CPU
// affinity and the container's CPU quota), at least one and at most Node's four.
// NODE_OPTIONS with any of these heap or pool flags wins over the computed value.
// The request guard (request-guard.mjs) is preloaded: it sees requests before Next does. So is
// unlink-immediates.mjs: without it every page rendered over a kept-alive connection stayed
// reachable until the connection closed (a Node bug, explained there).

import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";

const MIB = 1024 * 1024;
/** Old space without a container limit: holds the extra-large benchmark registry (README, "Memory"). */
export const DEFAULT_OLD_SPACE_MIB = 1024;
export const SEMI_SPACE_MIB = 8;
export const HEAP_GROWING_PERCENT = 20;
export const MARKING_SOFT_TRIGGER_PERCENT = 85;
/** Resident memory outside the old space: code, Next.js, buffers, the young generation. */
const NON_HEAP_MIB = 192;
/** The old space below which V8 never collects in full (at most a third of the old space). */
export const INITIAL_OLD_SPACE_MIB = 64;
const MIN_OLD_SPACE_MIB = 128;
/** Node's own default. */
const MAX_V8_POOL_SIZE = 4;

/** A cgroup file's text under `root`, trimmed, or undefined when it cannot be read. */
function readCgroupFile(root, file) {
  try {
    return readFileSync(`${root}/${file}`, "utf8").trim();
  } catch {
    return undefined;
  }
}

/**
 * The container's memory limit in bytes, or undefined when none is set ("max" in cgroup v2, a
 * page-rounded 2^63 in v1) or no cgroup file is readable. `root` is where the cgroup filesystem is
 * mounted (a folder of files in the tests). (process.constrainedMemory() is experimental in
 * Node 20 and cannot be pointed at a test folder.)
 */
export function containerMemoryLimit(root = "/sys/fs/cgroup") {
  const text = readCgroupFile(root, "memory.max") ?? readCgroupFile(root, "memory/memory.limit_in_bytes");
  if (text === undefined || text === "max") return undefined;
  const bytes = Number(text);
  // v1 writes "unlimited" as the largest page multiple below 2^63.
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

/**
 * The CPUs the container's quota allows (cgroup v2 cpu.max, v1 cpu.cfs_quota_us over
 * cpu.cfs_period_us), rounded up, or undefined when there is no quota or no readable file.
 */
export function containerCpuQuota(root = "/sys/fs/cgroup") {
  const v2 = readCgroupFile(root, "cpu.max");
  const [quota, period] =
    v2 === undefined
      ? [readCgroupFile(root, "cpu/cpu.cfs_quota_us"), readCgroupFile(root, "cpu/cpu.cfs_period_us")]
      : v2.split(/\s+/);
  const cpus = Number(quota) / Number(period);
  // "max" (v2) and -1 (v1) mean no quota; both give NaN or a negative here.
  return Number.isFinite(cpus) && cpus > 0 ? Math.ceil(cpus) : undefined;
}

/** V8's worker threads for `cpus` CPUs: one fewer, so the main thread keeps a core; 1 to 4. */
export function v8PoolSize(cpus) {
  return Math.max(1, Math.min(MAX_V8_POOL_SIZE, cpus - 1));
}

/** The old space for a memory limit: what is left after the non-heap part, at most 3/4 of it. */
export function oldSpaceMib(limitBytes) {
  if (limitBytes === undefined) return DEFAULT_OLD_SPACE_MIB;
  const limit = Math.floor(limitBytes / MIB);
  return Math.max(MIN_OLD_SPACE_MIB, Math.min(limit - NON_HEAP_MIB, Math.floor(limit * 0.75)));
}

/** The flags; `nodeOptions` is NODE_OPTIONS, whose heap and pool flags are left to apply. */
export function serverNodeFlags({ cgroupRoot, nodeOptions = process.env.NODE_OPTIONS ?? "" } = {}) {
  const has = (flag) => new RegExp(`--${flag}[=\\s]`).test(`${nodeOptions} `.replaceAll("_", "-"));
  const oldSpace = oldSpaceMib(containerMemoryLimit(cgroupRoot));
  const cpus = Math.min(availableParallelism(), containerCpuQuota(cgroupRoot) ?? Infinity);
  return [
    ...(has("max-old-space-size") ? [] : [`--max-old-space-size=${oldSpace}`]),
    ...(has("max-old-space-size") || has("initial-old-space-size")
      ? []
      : [`--initial-old-space-size=${Math.min(INITIAL_OLD_SPACE_MIB, Math.floor(oldSpace / 3))}`]),
    ...(has("max-semi-space-size") ? [] : [`--max-semi-space-size=${SEMI_SPACE_MIB}`]),
    ...(has("heap-growing-percent") ? [] : [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]),
    ...(has("incremental-marking-soft-trigger")
      ? []
      : [`--incremental-marking-soft-trigger=${MARKING_SOFT_TRIGGER_PERCENT}`]),
    ...(has("v8-pool-size") ? [] : [`--v8-pool-size=${v8PoolSize(cpus)}`]),
    `--import=${new URL("./unlink-immediates.mjs", import.meta.url).href}`,
    `--import=${new URL("./request-guard-preload.mjs", import.meta.url).href}`,
  ];
}

export const SERVER_NODE_FLAGS = serverNodeFlags();

/**
 * The server process's environment: `env` with glibc's arena count capped (see above) unless it
 * says otherwise. The image sets the same in its ENV.
 */
export function serverEnv(env = process.env) {
  return { ...env, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX || "2" };
}

// `node scripts/server-node-flags.mjs`: the flags on one line, for `exec node $(…) server.js`.
if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(SERVER_NODE_FLAGS.join(" "));
