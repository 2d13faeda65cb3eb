// Node flags for the server process (npm start, npm run demo, the tests, the benchmark, the image:
// `node scripts/server-node-flags.mjs` prints them for the image's shell entrypoint).
//
// The V8 heap is sized from the container's memory limit (cgroup v2 memory.max, v1
// memory.limit_in_bytes) when there is one, else DEFAULT_OLD_SPACE_MIB. Without a limit V8 sizes
// the heap from the machine (about 4 GiB on a 24 GiB host) and lets it grow up to four times the
// live data between full collections: the large benchmark registry then sat at 0.9-1.4 GiB
// resident for about 300 MiB of live objects. A ceiling under 2 GiB also lowers V8's growing
// factor (1.3 at 256 MiB up to 2 at 2 GiB), so the heap stays close to what is live.
// A 16 MiB young-generation semi-space (V8's own ceiling): 32 MiB bought 5 % on the Registry page
// but doubled the scavenges' pauses past the 20-ms target (bench/results/HISTORY.md).
// NODE_OPTIONS with --max-old-space-size or --max-semi-space-size wins over the computed value.
// The request guard (request-guard.mjs) is preloaded: it sees requests before Next does.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const MIB = 1024 * 1024;
/** Old space without a container limit: holds the extra-large benchmark registry (README, "Memory"). */
export const DEFAULT_OLD_SPACE_MIB = 1024;
export const SEMI_SPACE_MIB = 16;
/** Resident memory outside the old space: code, Next.js, buffers, the young generation. */
const NON_HEAP_MIB = 192;
const MIN_OLD_SPACE_MIB = 128;

/**
 * The container's memory limit in bytes, or undefined when none is set ("max" in cgroup v2, a
 * page-rounded 2^63 in v1) or no cgroup file is readable. `root` is where the cgroup filesystem is
 * mounted (a folder of files in the tests). (process.constrainedMemory() is experimental in
 * Node 20 and cannot be pointed at a test folder.)
 */
export function containerMemoryLimit(root = "/sys/fs/cgroup") {
  for (const file of [`${root}/memory.max`, `${root}/memory/memory.limit_in_bytes`]) {
    let text;
    try {
      text = readFileSync(file, "utf8").trim();
    } catch {
      continue;
    }
    if (text === "max") return undefined;
    const bytes = Number(text);
    // v1 writes "unlimited" as the largest page multiple below 2^63.
    if (!Number.isSafeInteger(bytes) || bytes <= 0) return undefined;
    return bytes;
  }
  return undefined;
}

/** The old space for a memory limit: what is left after the non-heap part, at most 3/4 of it. */
export function oldSpaceMib(limitBytes) {
  if (limitBytes === undefined) return DEFAULT_OLD_SPACE_MIB;
  const limit = Math.floor(limitBytes / MIB);
  return Math.max(MIN_OLD_SPACE_MIB, Math.min(limit - NON_HEAP_MIB, Math.floor(limit * 0.75)));
}

/** The flags; `nodeOptions` is NODE_OPTIONS, whose heap flags are left to apply. */
export function serverNodeFlags({ cgroupRoot, nodeOptions = process.env.NODE_OPTIONS ?? "" } = {}) {
  const has = (flag) => new RegExp(`--${flag}[=\\s]`).test(`${nodeOptions} `.replaceAll("_", "-"));
  return [
    ...(has("max-old-space-size") ? [] : [`--max-old-space-size=${oldSpaceMib(containerMemoryLimit(cgroupRoot))}`]),
    ...(has("max-semi-space-size") ? [] : [`--max-semi-space-size=${SEMI_SPACE_MIB}`]),
    `--import=${new URL("./request-guard-preload.mjs", import.meta.url).href}`,
  ];
}

export const SERVER_NODE_FLAGS = serverNodeFlags();

// `node scripts/server-node-flags.mjs`: the flags on one line, for `exec node $(…) server.js`.
if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(SERVER_NODE_FLAGS.join(" "));
