// The built app under test: started with `next start` on 127.0.0.1 (the e2e helper), timed until
// ready, its resident memory read from /proc (the server process and any children) every 5 s, and
// its collector's pauses read from --trace-gc-nvp (each pause with the phases it spent its time in).

import { readFileSync, readdirSync } from "node:fs";
import { startApp, type RunningApp } from "../e2e/support/app-server";

export interface BenchServer {
  readonly app: RunningApp;
  /** Spawn → listening (/healthz answers). */
  readonly listeningMs: number;
  /** Spawn → first snapshot published (/readyz answers 200). */
  readonly readyMs: number;
  /** What /readyz reports with the diagnostics token (index build time, counts, downloads). */
  readonly diagnostics: Record<string, unknown>;
  rssBytes(): number;
  /** RSS read every 5 s from the start (and by every rssBytes() call), for maxima over a window. */
  readonly rss: RssSampler;
  /** A mark in the server's output; gcPauses(mark) is every collector pause printed after it, on every thread. */
  outputMark(): number;
  gcPauses(from?: number, to?: number): GcPause[];
  /** Where the server's resident memory goes now (its /metrics and /proc/PID/smaps_rollup). */
  memory(): Promise<MemoryBreakdown>;
}

/** Bytes. */
export interface MemoryBreakdown {
  readonly rss: number;
  /** Committed V8 heap, and by space (old, new, code, large_object, …). */
  readonly heap: number;
  readonly heapUsed: number;
  readonly spaces: ReadonlyMap<string, number>;
  /** Memory outside the heap that V8 is told about (Buffers, ArrayBuffers). */
  readonly external: number;
  /** Anonymous memory that is neither: malloc (zlib, compilers, native modules), thread stacks. */
  readonly otherAnonymous: number;
  /** File-backed pages: the node binary, native modules, mapped files. */
  readonly files: number;
}

export interface GcPause {
  readonly kind: string;
  readonly ms: number;
  /**
   * The server's main thread (the one serving requests), or a worker thread of it (the downloads
   * poll, archive extraction): each thread has its own heap and collector, and a worker's pause
   * does not pause requests.
   */
  readonly thread: "main" | "worker";
  /** The pause's top-level phases (mark, evacuate, clear, …) and their longest sub-phase, longest first. */
  readonly phases: readonly { readonly name: string; readonly ms: number }[];
  /** The heap's size after the collection (bytes, `total_size_after`): what the thread really keeps. */
  readonly heapAfterBytes: number;
  /**
   * Bytes the collection moved from the young generation to the old one (`promoted=`): what fills
   * the old space between mark-compacts, so the more of it per request, the more mark-compacts.
   */
  readonly promotedBytes: number;
}

export const RSS_SAMPLE_MS = 5000;

export class RssSampler {
  private readonly samples: { at: number; bytes: number }[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly read: () => number) {
    this.timer = setInterval(() => this.now(), RSS_SAMPLE_MS).unref();
  }

  now(): number {
    const bytes = this.read();
    this.samples.push({ at: performance.now(), bytes });
    return bytes;
  }

  /** The largest reading since `since` (performance.now()), taking one now. */
  maxSince(since: number): number {
    this.now();
    return Math.max(0, ...this.samples.filter((s) => s.at >= since).map((s) => s.bytes));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

const GC_KINDS = new Map([
  ["s", "Scavenge"],
  ["mc", "Mark-Compact"],
  ["mmc", "Minor Mark-Compact"],
  ["ms", "Mark-Sweep"],
]);
/** Counters and sizes in an --trace-gc-nvp line, not times. */
const NOT_PHASES =
  /^(pause|mutator|gc|reduce_memory|time_to_safepoint|background|incremental|total_size|holes_size|allocated|promoted|nodes_|promotion|average_survival|new_space|semi_space|unmapper|compaction_speed|scavenge_throughput|context_disposal)/;

/** `[pid:0x…]`: the heap (isolate) an --trace-gc-nvp line is about. */
const ISOLATE = /^\[\d+:(0x[0-9a-f]+)\]/;

/** The main thread's heap: the first to collect, long before any worker thread is started. */
export function mainIsolate(output: string): string | undefined {
  for (const line of output.matchAll(/^.*\bpause=.*$/gm)) {
    const m = ISOLATE.exec(line[0]);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Collector pauses in --trace-gc-nvp lines (`[pid:0x…] … pause=12.3 mutator=… gc=mc … mark=8.1 …`):
 * `pause` is the pause of the thread whose heap it is (concurrent marking and sweeping are not
 * counted), and the named phases say where it went. `main` is the main thread's heap
 * (mainIsolate of the whole output); lines of other heaps are the worker threads'.
 */
export function parseGcPauses(text: string, main = mainIsolate(text)): GcPause[] {
  const pauses: GcPause[] = [];
  for (const line of text.matchAll(/^.*\bpause=([\d.]+) .*\bgc=(\w+)\b.*$/gm)) {
    const kind = GC_KINDS.get(line[2]!);
    if (!kind) continue;
    const isolate = ISOLATE.exec(line[0])?.[1];
    const times = new Map<string, number>();
    for (const [, name, ms] of line[0].matchAll(/ ([a-z_.]+)=([\d.]+)(?= |$)/g)) {
      if (!NOT_PHASES.test(name!)) times.set(name!, Number(ms));
    }
    const phases = [...times]
      .filter(([name]) => !name.includes("."))
      .map(([name, ms]) => {
        const child = [...times].filter(([n]) => n.startsWith(`${name}.`)).sort((a, b) => b[1] - a[1])[0];
        return { name: child && child[1] >= ms / 2 ? `${name} (${child[0].slice(name.length + 1)})` : name, ms };
      })
      .sort((a, b) => b.ms - a.ms);
    pauses.push({
      kind,
      ms: Number(line[1]),
      thread: isolate === undefined || isolate === main ? "main" : "worker",
      phases,
      heapAfterBytes: Number(/ total_size_after=(\d+)/.exec(line[0])?.[1] ?? NaN),
      promotedBytes: Number(/ promoted=(\d+)/.exec(line[0])?.[1] ?? 0),
    });
  }
  return pauses;
}

export const DIAGNOSTICS_TOKEN = "bench-diagnostics-token";

export async function startBenchServer(env: Record<string, string>, nodeArgs: string[] = []): Promise<BenchServer> {
  const t0 = performance.now();
  const app = await startApp(
    { LOG_LEVEL: "error", DIAGNOSTICS_TOKEN, ...env },
    { waitReady: false, timeoutMs: 120_000, nodeArgs: ["--trace-gc-nvp", ...nodeArgs] },
  );
  const listeningMs = performance.now() - t0;
  let diagnostics: Record<string, unknown>;
  for (;;) {
    const res = await fetch(`${app.url}/readyz`, { headers: { authorization: `Bearer ${DIAGNOSTICS_TOKEN}` } }).catch(
      () => undefined,
    );
    if (res?.ok) {
      diagnostics = (await res.json()) as Record<string, unknown>;
      break;
    }
    if (performance.now() - t0 > 180_000) throw new Error(`app not ready after 180 s:\n${app.output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  const readyMs = performance.now() - t0;
  const pid = app.process.pid!;
  const rss = new RssSampler(() => treeRss(pid));
  let stopping = false;
  // A server that dies mid-run says why in its own output.
  app.process.once("exit", (code, signal) => {
    if (!stopping)
      console.error(
        `the server exited (code ${code}, signal ${signal}); its last output:\n${app.output().slice(-3000)}`,
      );
  });
  const stop = () => {
    stopping = true;
    rss.stop();
    return app.stop();
  };
  return {
    app: { ...app, stop },
    listeningMs,
    readyMs,
    diagnostics,
    rssBytes: () => rss.now(),
    rss,
    outputMark: () => app.output().length,
    gcPauses: (from = 0, to?: number) => parseGcPauses(app.output().slice(from, to), mainIsolate(app.output())),
    memory: () => memoryOf(app.url, pid),
  };
}

async function memoryOf(url: string, pid: number): Promise<MemoryBreakdown> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${DIAGNOSTICS_TOKEN}` } });
  const text = await res.text();
  const metric = (name: string) => Number(new RegExp(`^${name} (\\d+)`, "m").exec(text)?.[1] ?? 0);
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(rollup)?.[1] ?? 0) * 1024;
  const spaces = new Map(
    [...text.matchAll(/^nodejs_heap_space_size_total_bytes\{space="(\w+)"\} (\d+)/gm)].map((m) => [
      m[1]!,
      Number(m[2]),
    ]),
  );
  const heap = metric("nodejs_heap_size_total_bytes");
  const external = metric("nodejs_external_memory_bytes");
  const anonymous = kib("Anonymous");
  return {
    rss: kib("Rss"),
    heap,
    heapUsed: metric("nodejs_heap_size_used_bytes"),
    spaces,
    external,
    otherAnonymous: Math.max(0, anonymous - heap - external),
    files: kib("Rss") - anonymous,
  };
}

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0; // the process is gone
  }
}

/** RSS of the process and its descendants (in case `next start` runs the server in a child). */
export function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // exited while listing
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rssOf(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}
