// `npm run bench`: the browse API and the pages at three registry sizes, side by side with a
// trivial route handler of the same app measured in the same run (issue 7). Writes
// bench/results/latest.md (+ .json) and prints it.
//
//   npm run bench                      # everything (about half an hour)
//   npm run bench -- --sizes large --soak 0 --no-redis --no-js --quick
//
// Flags: --sizes small,medium,large[,xl] (xl, or xlarge: 250,000 Versions; not in the default
// set, it adds about ten minutes) · --quick (short runs, for iterating) · --soak SECONDS
// (default 300; 0 skips) · --no-redis · --no-js · --no-extraction (module interface extraction,
// issue 15) · --churn / --no-churn (Version status churn at the large size, bench/churn.ts; on by
// default, 20 s per source with --quick) · --out FILE (default bench/results/latest.md) ·
// --node-args "FLAGS" (extra flags for the server's node, e.g. collector flags to compare; the
// report names them).

import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { startRedis } from "../lib/testing/redis";
import { buildIfNeeded } from "../scripts/needs-build.mjs";
import { apiEndpoints, BASELINE, JS_BUDGET_KB, pageEndpoints, type Endpoint, type Subjects } from "./endpoints";
import { churnMarkdown, measureChurn } from "./churn";
import { extractionMarkdown, measureExtraction } from "./extraction";
import { startIssuer, type BenchIssuer } from "./issuer";
import { hostileTokensMarkdown } from "./tokens";
import { measure, measureSequential, toMeasurement, warm, type Load, type Measurement } from "./measure";
import { measurePageJs, type PageJs } from "./page-js";
import { ALL_SIZES, benchRegistry, SIZES, type BenchRegistry, type SizeName } from "./registries";
import {
  baselineOf,
  gcSummary,
  gcPhasesText,
  memoryText,
  gcText,
  mb,
  misses,
  pageJsMarkdown,
  RSS_TARGET_BYTES,
  sizeMarkdown,
  XL_READY_TARGET_MS,
  type GcSummary,
  type Row,
  type SizeResult,
} from "./report";
import { RSS_SAMPLE_MS, startBenchServer, type BenchServer } from "./server";
import { fillValkey } from "./valkey-fill";
import { appEnv, viewers, type Viewers } from "./viewers";

const ROOT = path.resolve(import.meta.dirname, "..");
interface Options {
  sizes: SizeName[];
  quick: boolean;
  soakSeconds: number;
  redis: boolean;
  js: boolean;
  extraction: boolean;
  churn: boolean;
  out: string;
  nodeArgs: string[];
}

function parseOptions(argv: string[]): Options {
  const o: Options = {
    sizes: [...SIZES],
    quick: false,
    soakSeconds: 300,
    redis: true,
    js: true,
    extraction: true,
    churn: true,
    out: path.join(ROOT, "bench", "results", "latest.md"),
    nodeArgs: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--sizes") {
      o.sizes = next()
        .split(",")
        .map((s) => {
          const size = s === "xlarge" ? "xl" : s;
          if (!ALL_SIZES.includes(size as SizeName))
            throw new Error(`--sizes: unknown size ${s}; allowed: ${ALL_SIZES.join(", ")}`);
          return size as SizeName;
        });
    } else if (a === "--quick") o.quick = true;
    else if (a === "--soak") o.soakSeconds = Number(next());
    else if (a === "--no-redis") o.redis = false;
    else if (a === "--no-js") o.js = false;
    else if (a === "--no-extraction") o.extraction = false;
    else if (a === "--churn") o.churn = true;
    else if (a === "--no-churn") o.churn = false;
    else if (a === "--out") o.out = path.resolve(next());
    else if (a === "--node-args") o.nodeArgs = next().split(" ").filter(Boolean);
    else throw new Error(`unknown flag ${a}`);
  }
  return o;
}

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function subjects(url: string): Promise<Subjects> {
  const first = async (kind: string) => {
    const res = await fetch(`${url}/opendepot/ui/v1/resources?kind=${kind}&page_size=1&public_only=true`);
    const body = (await res.json()) as { items: { namespace: string; name: string }[] };
    const item = body.items[0];
    if (!item) throw new Error(`no public ${kind} in the registry`);
    return { namespace: item.namespace, name: item.name };
  };
  return { module: await first("module"), provider: await first("provider") };
}

class Runner {
  constructor(
    private readonly server: BenchServer,
    private readonly loads: { loaded: Load; unloaded: Load },
  ) {}

  async row(endpoint: Endpoint, viewer: Row["viewer"], headers: Record<string, string>): Promise<Row> {
    const base = this.server.app.url;
    const url = base + endpoint.path;
    const probe = await fetch(url, { headers });
    const expected = endpoint.expectStatus ?? 200;
    if (probe.status !== expected)
      throw new Error(`${endpoint.path} answered ${probe.status}: ${(await probe.text()).slice(0, 300)}`);
    await warm(url, headers);
    const [since, mark] = [performance.now(), this.server.outputMark()];
    // Miss rows: the loaded and the unloaded run each start from unseen queries.
    const offset = { loaded: 1_000_000, unloaded: 2_000_000 };
    const target = (start: number) => (endpoint.pathFor ? (n: number) => base + endpoint.pathFor!(start + n) : url);
    const loaded = await measure(target(offset.loaded), headers, this.loads.loaded, expected);
    const unloaded = await measureSequential(target(offset.unloaded), headers, this.loads.unloaded.seconds, expected);
    const gc = gcSummary(this.server.gcPauses(mark));
    const row = {
      endpoint,
      viewer,
      loaded,
      unloaded,
      rssBytes: this.server.rssBytes(),
      rssMaxBytes: this.server.rss.maxSince(since),
      gcMaxMs: gc.maxMs,
      promotedBytesPerRequest: gc.promotedBytes / Math.max(1, loaded.requests + unloaded.requests),
    };
    log(
      `${endpoint.name} [${viewer}] ${Math.round(loaded.reqPerSec)} req/s p99 ${loaded.p99} ms, 1-conn p50 ${unloaded.p50.toFixed(2)} ms`,
    );
    return row;
  }
}

async function benchSize(
  reg: BenchRegistry,
  issuer: BenchIssuer,
  o: Options,
  extraEnv: Record<string, string> = {},
  only?: (e: Endpoint) => boolean,
): Promise<{ result: SizeResult; server: BenchServer; subjects: Subjects; viewers: Viewers }> {
  log(`starting the app on the ${reg.size} registry${extraEnv.VALKEY_URL ? " with Valkey downloads" : ""}`);
  const server = await startBenchServer({ ...appEnv(reg.path, issuer), ...extraEnv }, o.nodeArgs);
  const rssAfterLoad = server.rssBytes();
  const [readyAt, readyMark] = [performance.now(), server.outputMark()];
  log(`ready after ${(server.readyMs / 1000).toFixed(1)} s, RSS ${mb(rssAfterLoad)}`);
  const subj = await subjects(server.app.url);
  const v = await viewers(issuer, reg.scopedGroups);
  const loads = o.quick
    ? { loaded: { connections: 32, seconds: 2 }, unloaded: { connections: 1, seconds: 1 } }
    : { loaded: { connections: 32, seconds: 5 }, unloaded: { connections: 1, seconds: 3 } };
  const runner = new Runner(server, loads);
  const withDownloads = Boolean(extraEnv.VALKEY_URL) || reg.size !== "small";
  const api = apiEndpoints(subj, reg.search, withDownloads).filter((e) => !only || only(e));
  const pages = pageEndpoints(subj).filter((e) => !only || only(e));
  // Let the collector finish with the loading garbage before anything is measured.
  await new Promise((r) => setTimeout(r, 3000));
  await warm(server.app.url + BASELINE.path, {}, 3000);
  const base1 = await runner.row(BASELINE, "-", {});
  const rows: Row[] = [];
  for (const e of api) {
    rows.push(await runner.row(e, "public", v.public));
    rows.push(await runner.row(e, "scoped", v.scopedApi));
  }
  for (const e of pages) {
    rows.push(await runner.row(e, "public", v.public));
    rows.push(await runner.row(e, "scoped", v.scopedPage));
  }
  const base2 = await runner.row(BASELINE, "-", {});
  const diag = server.diagnostics;
  const result: SizeResult = {
    title: `${reg.size}${extraEnv.VALKEY_URL ? ", downloads from Valkey (redis-server)" : ""}`,
    counts: (diag.counts as Record<string, unknown>) ?? {},
    listeningMs: server.listeningMs,
    readyMs: server.readyMs,
    ...(typeof diag.indexBuildMs === "number" ? { indexBuildMs: diag.indexBuildMs } : {}),
    rssAfterLoad,
    rssAfterRun: server.rssBytes(),
    memoryAfterRun: memoryText(await server.memory()),
    rssMax: server.rss.maxSince(readyAt),
    gc: gcSummary(server.gcPauses(readyMark)),
    baseline: [base1, base2],
    rows,
    notes: [],
  };
  return { result, server, subjects: subj, viewers: v };
}

/** Mixed endpoints and viewers for `seconds` at 16 connections, sampling RSS every 5 s. */
async function soak(
  server: BenchServer,
  subj: Subjects,
  v: Viewers,
  search: string,
  seconds: number,
): Promise<{ m: Measurement; rss: number[]; gc: GcSummary; text: string }> {
  const api = apiEndpoints(subj, search, true);
  const pages = pageEndpoints(subj).filter((p) => p.category === "page");
  const requests = [
    ...api.flatMap((e) => [
      { method: "GET" as const, path: e.path, headers: v.public },
      { method: "GET" as const, path: e.path, headers: v.scopedApi },
    ]),
    ...pages.flatMap((e) => [
      { method: "GET" as const, path: e.path, headers: v.public },
      { method: "GET" as const, path: e.path, headers: v.scopedPage },
    ]),
  ];
  const rss: number[] = [];
  const timer = setInterval(() => rss.push(server.rssBytes()), RSS_SAMPLE_MS);
  const mark = server.outputMark();
  let unexpected = 0;
  const result = await autocannon({
    url: server.app.url,
    connections: 16,
    duration: seconds,
    timeout: 10,
    requests,
    setupClient: (client) => client.on("response", (status: number) => void (status !== 200 && (unexpected += 1))),
  });
  clearInterval(timer);
  rss.push(server.rssBytes());
  const gc = gcSummary(server.gcPauses(mark));
  const memory = memoryText(await server.memory());
  const m = toMeasurement(result, seconds, unexpected);
  // Flat: the last minute's mean RSS within 10 % of the second minute's (the first is warm-up).
  const perMinute = 12;
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  const early = mean(rss.slice(perMinute, 2 * perMinute));
  const late = mean(rss.slice(-perMinute));
  const growth = early > 0 ? late / early - 1 : 0;
  const flat = growth <= 0.1;
  const text = [
    `### Soak: ${Math.round(seconds / 60)} minutes at the large size, ${requests.length} mixed requests (every endpoint and page, public and scoped), 16 connections`,
    "",
    `${m.requests} requests, ${Math.round(m.reqPerSec)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, errors ${m.errors} ${m.errors === 0 ? "✓" : "✗"}.`,
    `RSS: start ${mb(rss[0] ?? 0)}, max ${mb(Math.max(...rss, 0))} ${Math.max(...rss, 0) <= RSS_TARGET_BYTES.large! ? "✓" : "✗"} (≤ ${mb(RSS_TARGET_BYTES.large!)}), end ${mb(rss[rss.length - 1] ?? 0)}; last minute vs second minute ${growth >= 0 ? "+" : ""}${(growth * 100).toFixed(1)} % ${flat ? "✓ flat" : "✗ growing"}.`,
    `${gcText(gc, m.requests)}.${gc.over > 0 ? ` Longest: ${gcPhasesText(gc)}.` : ""}`,
    `At the end: ${memory}.`,
    "",
    `RSS every 5 s (MiB): ${rss.map((x) => Math.round(x / 1024 / 1024)).join(" ")}`,
  ].join("\n");
  return { m, rss, gc, text };
}

function summary(
  results: readonly SizeResult[],
  js: readonly PageJs[] | undefined,
  soaked?: { rss: readonly number[]; gc: GcSummary },
): string {
  const lines = ["## Targets at the large and extra-large sizes", ""];
  const big = results.filter((r) => /^(large|xl)\b/.test(r.title));
  if (big.length === 0) return "";
  const mark = (ok: boolean) => (ok ? "✓" : "✗");
  for (const r of big) {
    const base = baselineOf(r);
    const failed = r.rows.map((row) => ({ row, miss: misses(row, base) })).filter((x) => x.miss.length > 0);
    lines.push(
      `- ${r.title}: ${failed.length === 0 ? "every request target met ✓" : `${failed.length} of ${r.rows.length} rows miss a target ✗`}`,
    );
    for (const f of failed) lines.push(`  - ${f.row.endpoint.name} [${f.row.viewer}]: ${f.miss.join("; ")}`);
    const xl = r.title.startsWith("xl");
    const ceiling = RSS_TARGET_BYTES[xl ? "xl" : "large"]!;
    const readyCeiling = xl ? XL_READY_TARGET_MS : 10_000;
    lines.push(
      `  - snapshot ready after ${(r.readyMs / 1000).toFixed(1)} s ${mark(r.readyMs <= readyCeiling)} (≤ ${readyCeiling / 1000} s); ` +
        (xl
          ? `RSS after load ${mb(r.rssAfterLoad)}, largest reading ${mb(r.rssMax)} ${mark(r.rssMax <= ceiling)} (≤ ${mb(ceiling)})`
          : `RSS after the run ${mb(r.rssAfterRun)} ${mark(r.rssAfterRun <= ceiling)} (≤ ${mb(ceiling)}; largest reading during the run ${mb(r.rssMax)})`),
      `  - ${gcText(r.gc)}`,
    );
    if (r.gc.over > 0) lines.push(`    - longest: ${gcPhasesText(r.gc)}`);
  }
  if (soaked) {
    const max = Math.max(0, ...soaked.rss);
    const ceiling = RSS_TARGET_BYTES.large!;
    lines.push(`- soak (large): RSS max ${mb(max)} ${mark(max <= ceiling)} (≤ ${mb(ceiling)}); ${gcText(soaked.gc)}`);
    if (soaked.gc.over > 0) lines.push(`  - longest: ${gcPhasesText(soaked.gc)}`);
  }
  if (js) {
    const over = js.filter((p) => p.transferBytes / 1000 > (JS_BUDGET_KB[p.page] ?? Infinity));
    lines.push(
      `- JavaScript per page: ${over.length === 0 ? "every page within budget ✓" : `${over.map((p) => p.page).join(", ")} over budget ✗`}`,
    );
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  if (!buildIfNeeded(ROOT, log)) throw new Error("next build failed");
  const issuer = await startIssuer("opendepot");
  const results: SizeResult[] = [];
  const sections: string[] = [];
  let js: PageJs[] | undefined;
  let soakText = "";
  let soaked: { rss: number[]; gc: GcSummary } | undefined;
  let extractionText = "";
  let churnText = "";
  if (o.extraction) {
    log("measuring module interface extraction (cold and warm)");
    extractionText = extractionMarkdown(await measureExtraction());
  }
  try {
    for (const size of o.sizes) {
      const reg = benchRegistry(size, log);
      const { result, server, subjects: subj, viewers: v } = await benchSize(reg, issuer, o);
      try {
        results.push(result);
        sections.push(sizeMarkdown(result));
        if (size === "small" && o.js) {
          log("measuring the JavaScript of each page in Chromium");
          js = await measurePageJs(
            server.app.url,
            pageEndpoints(subj).filter((p) => p.category === "page"),
          );
        }
        if (size === "large" && o.soakSeconds > 0) {
          log(`soak: ${o.soakSeconds} s of mixed requests`);
          const s = await soak(server, subj, v, reg.search, o.soakSeconds);
          soakText = s.text;
          soaked = s;
        }
      } finally {
        await server.app.stop();
      }
      if (size === "large" && o.redis) {
        const redis = await startRedis();
        try {
          const t0 = performance.now();
          const n = await fillValkey(redis.url, reg.path);
          log(`filled redis-server with ${n} version records in ${Math.round(performance.now() - t0)} ms`);
          const relevant = (e: Endpoint) =>
            ["list", "heavy", "page"].includes(e.category) &&
            !/search|severity|latest_version|scan-findings/.test(e.name) &&
            !/Depots/.test(e.name);
          const run = await benchSize(reg, issuer, o, { VALKEY_URL: redis.url, DOWNLOADS_REFRESH: "15s" }, relevant);
          await run.server.app.stop();
          results.push({
            ...run.result,
            notes: [
              `${n} version records in OpenDepot's key schema; read from Valkey every 15 s during the run (unchanged records: the table in use is kept, docs/browse-api.md §7.2).`,
            ],
          });
          sections.push(sizeMarkdown(results[results.length - 1]!));
        } finally {
          await redis.stop();
        }
      }
    }
    if (o.churn && o.sizes.includes("large")) {
      const seconds = o.quick ? 20 : 60;
      churnText = churnMarkdown(
        await measureChurn(benchRegistry("large", log), {
          seconds,
          rate: 10,
          sources: ["file", "kubernetes"],
          log,
          nodeArgs: o.nodeArgs,
        }),
      );
    }
  } finally {
    await issuer.stop();
  }
  const machine = `${process.platform} ${process.arch}, Node ${process.version}, ${(await import("node:os")).cpus().length} cores`;
  const commit =
    spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).stdout.trim() || "unknown";
  const dirty =
    spawnSync("git", ["status", "--porcelain", "--", "app", "lib", "components", "proxy.ts"], {
      cwd: ROOT,
      encoding: "utf8",
    }).stdout.trim() !== "";
  const doc = [
    `# Registry Explorer benchmark — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `Commit ${commit}${dirty ? " with uncommitted changes" : ""}. Machine: ${machine}. Load: autocannon over loopback, 32 connections ${o.quick ? "2" : "5"} s per row, then 1 connection ${o.quick ? "1" : "3"} s. Latencies in ms.${o.nodeArgs.length > 0 ? ` Server started with \`${o.nodeArgs.join(" ")}\`.` : ""}`,
    "",
    summary(results, js, soaked),
    "",
    ...sections.flatMap((s) => [s, ""]),
    ...(js ? [pageJsMarkdown(js), ""] : []),
    ...(soakText ? [soakText, ""] : []),
    ...(churnText ? [churnText, ""] : []),
    ...(extractionText ? [extractionText, ""] : []),
    hostileTokensMarkdown(),
    "",
  ].join("\n");
  mkdirSync(path.dirname(o.out), { recursive: true });
  writeFileSync(o.out, doc);
  writeFileSync(o.out.replace(/\.md$/, ".json"), JSON.stringify({ results, js }, null, 1));
  console.log("\n" + doc);
  log(`written to ${path.relative(ROOT, o.out)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
