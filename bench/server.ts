// The built app under test: started with `next start` on 127.0.0.1 (the e2e helper), timed until
// ready, its resident memory read from /proc (the server process and any children) every 5 s, and
// its collector's pauses read from --trace-gc.

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
  /** A mark in the server's output; gcPauses(mark) is every collector pause printed after it. */
  outputMark(): number;
  gcPauses(from?: number, to?: number): GcPause[];
}

export interface GcPause {
  readonly kind: string;
  readonly ms: number;
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

/**
 * Collector pauses in --trace-gc lines (`Scavenge 250.1 (280.2) -> 245.3 (285.2) MB, 12.34 / 0.00 ms`):
 * the first figure is the main thread's pause; concurrent marking is reported apart and not counted.
 */
export function parseGcPauses(text: string): GcPause[] {
  return [
    ...text.matchAll(
      /(Scavenge|Mark-Compact(?: \(reduce\))?|Minor Mark-Sweep|Mark-Sweep)\b[^\n]*?MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \/ [\d.]+ ms/g,
    ),
  ].map((m) => ({ kind: m[1]!, ms: Number(m[2]) }));
}

export const DIAGNOSTICS_TOKEN = "bench-diagnostics-token";

export async function startBenchServer(env: Record<string, string>, nodeArgs: string[] = []): Promise<BenchServer> {
  const t0 = performance.now();
  const app = await startApp(
    { LOG_LEVEL: "error", DIAGNOSTICS_TOKEN, ...env },
    { waitReady: false, timeoutMs: 120_000, nodeArgs: ["--trace-gc", ...nodeArgs] },
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
    gcPauses: (from = 0, to?: number) => parseGcPauses(app.output().slice(from, to)),
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
