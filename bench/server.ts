// The built app under test: started with `next start` on 127.0.0.1 (the e2e helper), timed until
// ready, and its resident memory read from /proc (the server process and any children).

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
}

export const DIAGNOSTICS_TOKEN = "bench-diagnostics-token";

export async function startBenchServer(env: Record<string, string>, nodeArgs: string[] = []): Promise<BenchServer> {
  const t0 = performance.now();
  const app = await startApp(
    { LOG_LEVEL: "error", DIAGNOSTICS_TOKEN, ...env },
    { waitReady: false, timeoutMs: 120_000, nodeArgs },
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
  return { app, listeningMs, readyMs, diagnostics, rssBytes: () => treeRss(pid) };
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
