// Markdown for the benchmark results: one table per size, the targets checked in place.

import { TARGETS, JS_BUDGET_KB, type Endpoint } from "./endpoints";
import type { Measurement } from "./measure";
import type { PageJs } from "./page-js";
import type { GcPause, MemoryBreakdown } from "./server";

export interface Row {
  readonly endpoint: Endpoint;
  readonly viewer: "public" | "scoped" | "-";
  readonly loaded: Measurement;
  readonly unloaded: Measurement;
  readonly rssBytes: number;
  /** The largest RSS reading (every 5 s, and at the end) while the row ran. */
  readonly rssMaxBytes: number;
  /** The server's longest collector pause while the row ran (--trace-gc-nvp), 0 when none. */
  readonly gcMaxMs: number;
  /** What the server's collections moved to the old generation while the row ran, per request. */
  readonly promotedBytesPerRequest: number;
}

/** The server's main-thread collector pauses over a run (--trace-gc-nvp), and its worker threads'. */
export interface GcSummary {
  readonly count: number;
  readonly maxMs: number;
  /** Pauses longer than GC_PAUSE_TARGET_MS. */
  readonly over: number;
  /** Mark-compacts: each pays the fixed costs the longest pauses are made of. */
  readonly markCompacts: number;
  /** Bytes moved to the old generation: what the mark-compacts collect. */
  readonly promotedBytes: number;
  /** The longest pauses (at most three) and where each spent its time. */
  readonly longest: readonly GcPause[];
  /** Pauses of worker threads' own heaps: they do not pause requests, so no target applies. */
  readonly workers: { readonly count: number; readonly maxMs: number };
}

/** Issue 14: no collector pause longer than this; RSS ceilings per size. */
export const GC_PAUSE_TARGET_MS = 20;
export const RSS_TARGET_BYTES: Readonly<Record<string, number>> = { large: 512 * 1024 ** 2, xl: 1024 ** 3 };
export const XL_READY_TARGET_MS = 20_000;

export function gcSummary(all: readonly GcPause[]): GcSummary {
  const pauses = all.filter((p) => p.thread === "main");
  const workers = all.filter((p) => p.thread === "worker");
  return {
    count: pauses.length,
    maxMs: Math.max(0, ...pauses.map((p) => p.ms)),
    over: pauses.filter((p) => p.ms > GC_PAUSE_TARGET_MS).length,
    markCompacts: pauses.filter((p) => p.kind === "Mark-Compact").length,
    promotedBytes: pauses.reduce((sum, p) => sum + p.promotedBytes, 0),
    longest: [...pauses].sort((a, b) => b.ms - a.ms).slice(0, 3),
    workers: { count: workers.length, maxMs: Math.max(0, ...workers.map((p) => p.ms)) },
  };
}

/** The summary in words; `requests`, when given, adds what was promoted per request. */
export const gcText = (g: GcSummary, requests?: number) =>
  `GC (main thread): ${g.count} pauses, longest ${g.maxMs.toFixed(1)} ms, ${g.over} over ${GC_PAUSE_TARGET_MS} ms ${g.over === 0 ? "✓" : "✗"}` +
  ` (${g.markCompacts} mark-compacts; ${Math.round(g.promotedBytes / 1024 ** 2)} MiB promoted to the old generation` +
  (requests ? `, ${(g.promotedBytes / requests / 1024).toFixed(1)} KiB per request)` : ")") +
  (g.workers.count > 0
    ? `; worker threads' own heaps: ${g.workers.count} pauses, longest ${g.workers.maxMs.toFixed(1)} ms (they do not pause requests)`
    : "");

/** The longest pauses with their three longest phases: what a pause over the target is made of. */
export const gcPhasesText = (g: GcSummary) =>
  g.longest
    .filter((p) => p.ms > GC_PAUSE_TARGET_MS)
    .map(
      (p) =>
        `${p.kind} ${p.ms.toFixed(1)} ms (${p.phases
          .filter((x) => x.ms >= 0.1)
          .slice(0, 3)
          .map((x) => `${x.name} ${x.ms.toFixed(1)}`)
          .join(", ")})`,
    )
    .join("; ");

export interface SizeResult {
  readonly title: string;
  readonly counts: Record<string, unknown>;
  readonly listeningMs: number;
  readonly readyMs: number;
  readonly indexBuildMs?: number;
  readonly rssAfterLoad: number;
  readonly rssAfterRun: number;
  /** Where the RSS went after the run (memoryText). */
  readonly memoryAfterRun?: string;
  /** The largest RSS reading from ready to the end of the run (every 5 s). */
  readonly rssMax: number;
  /** Collector pauses from ready to the end of the run. */
  readonly gc: GcSummary;
  /** Baseline measured first and last; ratios use their mean. */
  readonly baseline: readonly [Row, Row];
  readonly rows: readonly Row[];
  readonly notes: readonly string[];
}

const mibs = (bytes: number) => Math.round(bytes / 1024 / 1024);
export const mb = (bytes: number) => `${mibs(bytes)} MiB`;

/** Where the resident memory goes: the V8 heap by space, external, other anonymous, files. */
export const memoryText = (m: MemoryBreakdown) => {
  const spaces = [...m.spaces]
    .filter(([, b]) => b >= 1024 * 1024)
    .sort((a, b) => b[1] - a[1])
    .map(([name, b]) => `${name.replace(/_space$/, "").replaceAll("_", " ")} ${mibs(b)}`)
    .join(", ");
  return `RSS ${mibs(m.rss)} MiB = V8 heap ${mibs(m.heap)} (${spaces}; ${mibs(m.heapUsed)} in use) + external ${mibs(m.external)} + other anonymous (malloc, stacks) ${mibs(m.otherAnonymous)} + files (binary, native modules) ${mibs(m.files)}`;
};
const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const pct = (v: number) => `${Math.round(v * 100)} %`;

export function baselineOf(r: SizeResult): { reqPerSec: number; p99: number } {
  const [a, b] = r.baseline;
  return { reqPerSec: (a.loaded.reqPerSec + b.loaded.reqPerSec) / 2, p99: (a.loaded.p99 + b.loaded.p99) / 2 };
}

/** The failed targets of one row, as short phrases (empty when every target holds). */
export function misses(row: Row, base: { reqPerSec: number; p99: number }): string[] {
  const t = TARGETS[row.endpoint.category];
  const out: string[] = [];
  if (row.loaded.errors > 0 || row.unloaded.errors > 0) out.push(`${row.loaded.errors + row.unloaded.errors} errors`);
  if (t.minRatio !== undefined && row.loaded.reqPerSec < t.minRatio * base.reqPerSec)
    out.push(`req/s < ${pct(t.minRatio)}`);
  if (t.maxP99Ratio !== undefined && row.loaded.p99 > t.maxP99Ratio * base.p99)
    out.push(`p99 > ${t.maxP99Ratio}× baseline`);
  if (t.maxUnloadedP50 !== undefined && row.unloaded.p50 > t.maxUnloadedP50)
    out.push(`1-conn p50 > ${t.maxUnloadedP50} ms`);
  return out;
}

export function sizeMarkdown(r: SizeResult): string {
  const base = baselineOf(r);
  const lines = [
    `### ${r.title}`,
    "",
    `Registry: ${Object.entries(r.counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ")}.`,
    `Startup: listening after ${(r.listeningMs / 1000).toFixed(1)} s, snapshot loaded and indexed (ready) after ${(r.readyMs / 1000).toFixed(1)} s` +
      (r.indexBuildMs !== undefined ? ` (index build ${r.indexBuildMs} ms)` : "") +
      `. RSS after load ${mb(r.rssAfterLoad)}, after the run ${mb(r.rssAfterRun)}, largest reading (every 5 s) ${mb(r.rssMax)}. ${gcText(r.gc)}.` +
      (r.gc.over > 0 ? ` Longest: ${gcPhasesText(r.gc)}.` : ""),
    ...(r.memoryAfterRun ? [`After the run: ${r.memoryAfterRun}.`] : []),
    `Baseline (trivial route handler, 32 connections): ${r.baseline.map((b) => `${Math.round(b.loaded.reqPerSec)} req/s p99 ${ms(b.loaded.p99)} ms`).join(" at the start, ")} at the end; ratios use the mean.`,
    "",
    "| endpoint | viewer | req/s (32 conn) | vs baseline | p50 ms | p99 ms | p99 vs baseline | p50 ms (1 conn) | errors | RSS | RSS max | GC max ms | promoted KiB/req | targets |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const row of [r.baseline[0], ...r.rows, r.baseline[1]]) {
    const isBase = row.endpoint.category === "baseline";
    const miss = isBase ? [] : misses(row, base);
    lines.push(
      [
        row.endpoint.name,
        row.viewer,
        Math.round(row.loaded.reqPerSec),
        isBase ? "—" : pct(row.loaded.reqPerSec / base.reqPerSec),
        ms(row.loaded.p50),
        ms(row.loaded.p99),
        isBase ? "—" : `${(row.loaded.p99 / base.p99).toFixed(2)}×`,
        ms(row.unloaded.p50),
        row.loaded.errors + row.unloaded.errors,
        mb(row.rssBytes),
        mb(row.rssMaxBytes),
        row.gcMaxMs.toFixed(1),
        (row.promotedBytesPerRequest / 1024).toFixed(1),
        isBase
          ? ""
          : miss.length > 0
            ? `✗ ${miss.join("; ")}`
            : ["miss", "reference"].includes(row.endpoint.category)
              ? "no target"
              : "✓",
      ]
        .join(" | ")
        .replace(/^/, "| ") + " |",
    );
  }
  if (r.notes.length > 0) lines.push("", ...r.notes.map((n) => `- ${n}`));
  return lines.join("\n");
}

export function pageJsMarkdown(rows: readonly PageJs[]): string {
  const lines = [
    "### JavaScript a first-time visitor transfers",
    "",
    "Transferred = what the server sends Chromium (static scripts in brotli, `scripts/static-brotli.mjs`); the budget applies to it. Shared = the part every page loads (React, the Next runtime, the shell). gzip = the same scripts gzipped as `next start` alone sends them.",
    "",
    "| page | scripts | transferred | of which shared | page's own | decoded | gzip (`next start` alone) | budget | |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const r of rows) {
    const budget = JS_BUDGET_KB[r.page];
    const kb = r.transferBytes / 1000;
    const k = (b: number) => `${(b / 1000).toFixed(1)} KB`;
    lines.push(
      `| ${r.page} | ${r.scripts} | ${k(r.transferBytes)} | ${k(r.sharedBytes)} | ${k(r.transferBytes - r.sharedBytes)} | ${k(r.decodedBytes)} | ${k(r.gzipBytes)} | ${budget ?? "—"} KB | ${budget === undefined ? "" : kb <= budget ? "✓" : "✗"} |`,
    );
  }
  return lines.join("\n");
}
