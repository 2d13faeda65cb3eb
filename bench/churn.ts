// Churn (issue 14): the large registry while OpenDepot's controllers keep updating Version status,
// 10 changes a second for 60 s, (a) through the file source (a Version's manifest file rewritten)
// and (b) through the Kubernetes source (MODIFIED watch events from lib/testing/fake-kube-api.ts,
// run in its own process by bench/fake-kube-process.ts).
// Measured: the time from each change to the API showing it, the server's CPU time over the
// window, and the latency of reads meanwhile against /healthz.
//
//   npx tsx bench/churn.ts [--seconds 60] [--rate 10] [--sources file,kubernetes] [--out FILE]
//
// bench/run.ts calls measureChurn and churnMarkdown (`--churn`).

import { fork, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildIfNeeded } from "../scripts/needs-build.mjs";
import { Agent, request } from "node:http";
import { benchRegistry, type BenchRegistry } from "./registries";
import { startBenchServer, DIAGNOSTICS_TOKEN, type BenchServer } from "./server";

const ROOT = path.resolve(import.meta.dirname, "..");
const TARGETS = 100;
const READS = "/opendepot/ui/v1/resources?page_size=20";
/** Requests a second of each read loop: a light, steady load, so that CPU time is the churn's. */
const READ_RATE = 20;
const POLL_MS = 50;

interface Latencies {
  readonly requests: number;
  readonly errors: number;
  /** Milliseconds. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export type ChurnSource = "file" | "kubernetes";

export interface ChurnOptions {
  readonly seconds: number;
  /** Changes per second. */
  readonly rate: number;
  readonly sources: readonly ChurnSource[];
  readonly log: (line: string) => void;
  /** Extra flags for the server's node (e.g. --trace-gc, to see what the tail of the delays is). */
  readonly nodeArgs?: readonly string[];
}

export interface ChurnResult {
  readonly source: ChurnSource;
  readonly seconds: number;
  readonly changes: number;
  /** Milliseconds from each change to the versions endpoint showing it; undefined = never seen. */
  readonly visibleMs: readonly (number | undefined)[];
  /** Server CPU seconds per wall-clock second over the window (1 = one core busy). */
  readonly cpuCores: number;
  /** Server CPU while the changes go on without any request (no reads, no polling). */
  readonly aloneCpuCores: number;
  /** Server CPU over the quiet window (the same reads, no changes), per wall-clock second. */
  readonly quietCpuCores: number;
  readonly quiet: { readonly reads: Latencies; readonly healthz: Latencies };
  readonly churn: { readonly reads: Latencies; readonly healthz: Latencies };
  /** Milliseconds from snapshot to published state in the server, per snapshot (its "snapshot applied" log lines). */
  readonly applyMs: readonly number[];
  /** The server's own counts of incremental updates and full builds, and its last build time. */
  readonly indexUpdates?: Record<string, unknown>;
  readonly rssBytes: number;
}

interface RawObject extends Record<string, unknown> {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  status?: Record<string, unknown>;
}

interface Target {
  readonly version: RawObject;
  /** The versions endpoint of its owner. */
  readonly path: string;
  /** The file it lives in (file source). */
  readonly file?: string;
}

/** The Versions of public modules in the first (public) namespace: every viewer sees their owner. */
function pickTargets(registry: string): { version: RawObject; path: string }[] {
  const items = (f: string) =>
    (JSON.parse(readFileSync(path.join(registry, f), "utf8")) as { items: RawObject[] }).items;
  const publicModules = new Set(
    items("ns-000/modules.json")
      .filter((m) => m.metadata.labels?.["opendepot.defdev.io/public"] === "true")
      .map((m) => m.metadata.name),
  );
  const out: { version: RawObject; path: string }[] = [];
  for (const v of items("ns-000/versions-000.json")) {
    const owner = v.metadata.labels?.["opendepot.defdev.io/module"];
    if (!owner || !publicModules.has(owner)) continue;
    out.push({ version: v, path: `/opendepot/ui/v1/resources/ns-000/module/${owner}/versions` });
    if (out.length === TARGETS) break;
  }
  return out;
}

/**
 * A copy of the large registry where the churned Versions live one per file (as a folder kept by
 * GitOps would hold them), the rest of ns-000's first list file unchanged. Made once per registry.
 */
function churnRegistry(reg: BenchRegistry, log: (line: string) => void): { path: string; targets: Target[] } {
  const dir = path.join(ROOT, "bench", ".cache", `${reg.size}-churn`);
  const stamp = readFileSync(path.join(reg.path, ".stamp"), "utf8") + `/churn-${TARGETS}`;
  const stampFile = path.join(dir, ".stamp");
  const targets = pickTargets(reg.path);
  const names = new Set(targets.map((t) => t.version.metadata.name));
  const fileOf = (name: string) => path.join(dir, "churn", `${name}.json`);
  if (!existsSync(stampFile) || readFileSync(stampFile, "utf8") !== stamp) {
    rmSync(dir, { recursive: true, force: true });
    cpSync(reg.path, dir, { recursive: true });
    const list = path.join(dir, "ns-000", "versions-000.json");
    const doc = JSON.parse(readFileSync(list, "utf8")) as { items: RawObject[] };
    writeFileSync(list, JSON.stringify({ ...doc, items: doc.items.filter((v) => !names.has(v.metadata.name)) }));
    mkdirSync(path.join(dir, "churn"), { recursive: true });
    for (const t of targets) writeFileSync(fileOf(t.version.metadata.name), JSON.stringify(t.version));
    writeFileSync(stampFile, stamp);
    log(`prepared ${dir} with ${targets.length} Versions one per file`);
  }
  return { path: dir, targets: targets.map((t) => ({ ...t, file: fileOf(t.version.metadata.name) })) };
}

/** The fake API server with every object of the registry folder, in a child process (bench/fake-kube-process.ts). */
export async function kubeApi(
  registry: string,
): Promise<{ url: string; apply: (object: RawObject) => void; stop: () => void }> {
  const child = fork(path.join(ROOT, "bench", "fake-kube-process.ts"), [registry], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (m: { url: string }) => resolve(m.url));
    child.once("exit", (code) => reject(new Error(`the fake API server exited (${code})`)));
  });
  return {
    url,
    apply: (object) => child.send({ resource: "versions", object }),
    stop: () => {
      child.disconnect();
      child.kill(); // by its own pid
    },
  };
}

/** User + system CPU seconds of a process and its descendants, from /proc. */
function treeCpuSeconds(root: number): number {
  const children = new Map<number, number[]>();
  const own = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ppid = Number(fields[1]);
      own.set(Number(entry), Number(fields[11]) + Number(fields[12])); // utime + stime, in ticks
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // exited while listing
    }
  }
  const ticks = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += own.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total / ticks;
}

/** GETs `url` `perSecond` times a second for `seconds` (one at a time), timed with hrtime. */
async function paced(url: string, seconds: number, perSecond: number): Promise<Latencies> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  let errors = 0;
  const start = performance.now();
  try {
    for (let i = 0; i < seconds * perSecond; i++) {
      const wait = start + (i * 1000) / perSecond - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const t0 = process.hrtime.bigint();
      const status = await new Promise<number>((resolve) => {
        const req = request(url, { agent }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
          res.on("error", () => resolve(0));
        });
        req.on("error", () => resolve(0));
        req.end();
      });
      if (status !== 200) errors += 1;
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  } finally {
    agent.destroy();
  }
  return {
    requests: times.length,
    errors,
    p50: quantile(times, 0.5),
    p99: quantile(times, 0.99),
    max: Math.max(...times),
  };
}

async function diagnostics(server: BenchServer): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.app.url}/readyz`, { headers: { authorization: `Bearer ${DIAGNOSTICS_TOKEN}` } });
  return (await res.json()) as Record<string, unknown>;
}

/** Polls the versions endpoint until the row shows the marker; the delay since `t0` in ms. */
async function visibleAfter(url: string, name: string, marker: string, t0: number, limitMs: number) {
  while (performance.now() - t0 < limitMs) {
    const res = await fetch(url).catch(() => undefined);
    if (res?.ok) {
      const body = (await res.json()) as { items?: { name: string; syncStatus?: string }[] };
      if (body.items?.some((r) => r.name === name && r.syncStatus === marker)) return performance.now() - t0;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return undefined;
}

async function runChurn(
  source: ChurnSource,
  server: BenchServer,
  targets: readonly Target[],
  change: (t: Target, changed: RawObject) => Promise<void>,
  o: ChurnOptions,
): Promise<ChurnResult> {
  const base = server.app.url;
  const pid = server.app.process.pid!;
  const logStart = server.app.output().length;
  // Let the collector finish with the loading garbage first (as bench/run.ts does).
  await new Promise((r) => setTimeout(r, 5000));
  o.log(`${source}: quiet baseline (10 s of reads and /healthz, ${READ_RATE}/s each)`);
  const quietCpu0 = treeCpuSeconds(pid);
  const q0 = performance.now();
  const [quietReads, quietHealth] = await Promise.all([
    paced(base + READS, 10, READ_RATE),
    paced(`${base}/healthz`, 10, READ_RATE),
  ]);
  const quietCpuCores = (treeCpuSeconds(pid) - quietCpu0) / ((performance.now() - q0) / 1000);
  o.log(`${source}: ${o.rate} Version status changes a second for ${o.seconds} s`);
  const cpu0 = treeCpuSeconds(pid);
  const t0 = performance.now();
  const reads = Promise.all([
    paced(base + READS, o.seconds, READ_RATE),
    paced(`${base}/healthz`, o.seconds, READ_RATE),
  ]);
  let n = 0;
  /** Changes at the rate for `seconds`; `track` polls each one until it is visible. */
  const changes = async (seconds: number, track: (t: Target, marker: string, at: number) => void) => {
    const start = performance.now();
    for (let i = 0; i < Math.round(seconds * o.rate); i++) {
      const wait = start + (i * 1000) / o.rate - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const t = targets[n % targets.length]!;
      const marker = `Syncing (churn ${source} ${n})`;
      const changed = { ...t.version, status: { ...t.version.status, synced: n % 2 === 0, syncStatus: marker } };
      n += 1;
      const at = performance.now();
      await change(t, changed);
      track(t, marker, at);
    }
  };
  const seen: Promise<number | undefined>[] = [];
  await changes(o.seconds, (t, marker, at) =>
    seen.push(visibleAfter(base + t.path, t.version.metadata.name, marker, at, 10_000)),
  );
  const total = seen.length;
  const elapsed = (performance.now() - t0) / 1000;
  const logged = server.app.output().length;
  const cpu = treeCpuSeconds(pid) - cpu0;
  const [churnReads, churnHealth] = await reads;
  const visibleMs = await Promise.all(seen);
  // The churn alone: the same changes with no request at all, for the CPU time they cost.
  const alone = Math.max(10, Math.round(o.seconds / 2));
  o.log(`${source}: ${alone} s more of changes without requests`);
  const aloneCpu0 = treeCpuSeconds(pid);
  const a0 = performance.now();
  await changes(alone, () => undefined);
  const aloneCpuCores = (treeCpuSeconds(pid) - aloneCpu0) / ((performance.now() - a0) / 1000);
  const diag = await diagnostics(server);
  return {
    source,
    seconds: o.seconds,
    changes: total,
    visibleMs,
    cpuCores: cpu / elapsed,
    aloneCpuCores,
    applyMs: server.app
      .output()
      .slice(logStart, logged)
      .split("\n")
      .flatMap((line) => {
        const m = /"snapshot applied".*"buildMs":(\d+)/.exec(line);
        return m ? [Number(m[1])] : [];
      }),
    quietCpuCores,
    quiet: { reads: quietReads, healthz: quietHealth },
    churn: { reads: churnReads, healthz: churnHealth },
    ...(diag.indexUpdates ? { indexUpdates: diag.indexUpdates as Record<string, unknown> } : {}),
    rssBytes: server.rssBytes(),
  };
}

// LOG_LEVEL info: the server's "snapshot applied" lines give the time of each index update.
const ENV = { AUTH_ANONYMOUS: "public", PUBLIC_BASE_URL: "http://127.0.0.1:9", LOG_LEVEL: "info" };

export async function measureChurn(reg: BenchRegistry, o: ChurnOptions): Promise<ChurnResult[]> {
  const results: ChurnResult[] = [];
  if (o.sources.includes("file")) {
    const churn = churnRegistry(reg, o.log);
    o.log("file: starting the app on the churn copy of the registry");
    const server = await startBenchServer({ ...ENV, REGISTRY_PATH: churn.path }, [...(o.nodeArgs ?? [])]);
    try {
      results.push(
        await runChurn("file", server, churn.targets, (t, changed) => writeFile(t.file!, JSON.stringify(changed)), o),
      );
    } finally {
      writeFileSync(path.join(ROOT, "bench", ".cache", "churn-file.log"), server.app.output());
      await server.app.stop();
      // Put the files back as generated, for the next run.
      for (const t of churn.targets) writeFileSync(t.file!, JSON.stringify(t.version));
    }
  }
  if (o.sources.includes("kubernetes")) {
    o.log("kubernetes: loading the registry into the fake API server");
    const api = await kubeApi(reg.path);
    const kubeconfig = path.join(tmpdir(), `churn-kubeconfig-${process.pid}.json`);
    writeFileSync(
      kubeconfig,
      JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: "fake", cluster: { server: api.url } }],
        users: [{ name: "u", user: { token: "t" } }],
        contexts: [{ name: "c", context: { cluster: "fake", user: "u" } }],
        "current-context": "c",
      }),
    );
    try {
      o.log("kubernetes: starting the app against it");
      const server = await startBenchServer({ ...ENV, REGISTRY_SOURCE: "kubernetes", KUBECONFIG: kubeconfig }, [
        ...(o.nodeArgs ?? []),
      ]);
      try {
        const targets = pickTargets(reg.path);
        results.push(await runChurn("kubernetes", server, targets, async (_t, changed) => api.apply(changed), o));
      } finally {
        writeFileSync(path.join(ROOT, "bench", ".cache", "churn-kubernetes.log"), server.app.output());
        await server.app.stop();
      }
    } finally {
      rmSync(kubeconfig, { force: true });
      api.stop();
    }
  }
  return results;
}

function quantile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
}

const ms = (x: number) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(1) : Math.round(x)} ms` : "–");
const ok = (good: boolean) => (good ? "✓" : "✗");

export function churnMarkdown(results: readonly ChurnResult[], title = "### Churn"): string {
  const lines = [
    title,
    "",
    `Large registry; ${results[0]?.changes ?? 0} Version status changes (${results[0] ? Math.round(results[0].changes / results[0].seconds) : 0}/s for ${results[0]?.seconds ?? 0} s) per source.` +
      ` Visible: from the change to the versions endpoint showing it (polled every ${POLL_MS} ms).` +
      ` Reads: \`/resources?page_size=20\` and \`/healthz\`, ${READ_RATE} requests a second each, one at a time, during the changes (quiet: the same for 10 s before them).` +
      " Snapshot → state: the server's time from a snapshot to the new index and downloads join in place." +
      " Server CPU: user + system time of the server process per second, over the changes alone (a further half window with no request at all), and with the reads and the visibility polling (quiet → churn).",
    "",
    "| source | visible p50 | visible p99 | never seen | snapshot → state p50 / p99 | server CPU, changes alone | server CPU with reads (quiet → churn) | reads p99 (quiet → churn) | /healthz p99 (quiet → churn) | reads p99 ÷ quiet /healthz p99 | index updates | RSS |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
  ];
  for (const r of results) {
    const seen = r.visibleMs.filter((x): x is number => x !== undefined);
    const p99 = seen.length > 0 ? quantile(seen, 0.99) : Number.NaN;
    const missed = r.visibleMs.length - seen.length;
    const ratio = r.churn.reads.p99 / Math.max(r.quiet.healthz.p99, 0.001);
    const u = r.indexUpdates ?? {};
    lines.push(
      `| ${r.source} | ${ms(quantile(seen, 0.5))} | ${ms(p99)} ${ok(missed === 0 && p99 <= 1000)} | ${missed} | ${ms(quantile(r.applyMs, 0.5))} / ${ms(quantile(r.applyMs, 0.99))} | ${(r.aloneCpuCores * 100).toFixed(0)} % of a core ${ok(r.aloneCpuCores < 0.5)} | ${(r.quietCpuCores * 100).toFixed(0)} % → ${(r.cpuCores * 100).toFixed(0)} % | ${ms(r.quiet.reads.p99)} → ${ms(r.churn.reads.p99)} (max ${ms(r.churn.reads.max)}) | ${ms(r.quiet.healthz.p99)} → ${ms(r.churn.healthz.p99)} | ${ratio.toFixed(1)}× ${ok(ratio <= 2)} | ${String(u.incremental ?? "?")} incremental, ${String(u.full ?? "?")} full | ${Math.round(r.rssBytes / 1024 / 1024)} MiB |`,
    );
  }
  lines.push(
    "",
    "Targets: visible within 1 s (p99), server CPU for the changes under half a core, reads' p99 at most twice the quiet /healthz p99.",
  );
  return lines.join("\n");
}

function parseArgs(argv: string[]): {
  seconds: number;
  rate: number;
  sources: ChurnSource[];
  out: string;
  nodeArgs: string[];
} {
  const o = {
    seconds: 60,
    rate: 10,
    sources: ["file", "kubernetes"] as ChurnSource[],
    nodeArgs: [] as string[],
    out: path.join(ROOT, "bench", "results", "churn.md"),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[++i];
    if (v === undefined) throw new Error(`${a} needs a value`);
    if (a === "--seconds") o.seconds = Number(v);
    else if (a === "--rate") o.rate = Number(v);
    else if (a === "--sources") o.sources = v.split(",") as ChurnSource[];
    else if (a === "--out") o.out = path.resolve(v);
    else if (a === "--node-args") o.nodeArgs = v.split(" ");
    else throw new Error(`unknown flag ${a}`);
  }
  return o;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string) => console.log(`[churn ${new Date().toISOString().slice(11, 19)}] ${line}`);
  if (!buildIfNeeded(ROOT, log)) throw new Error("next build failed");
  const results = await measureChurn(benchRegistry("large", log), { ...args, log });
  log("the server's output is kept in bench/.cache/churn-{file,kubernetes}.log");
  const commit =
    spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).stdout.trim() || "unknown";
  const doc = [
    `# Churn benchmark — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `Commit ${commit}. \`npx tsx bench/churn.ts\` (also \`npm run bench -- --churn\`).`,
    "",
    churnMarkdown(results, "## Version status churn at the large size"),
    "",
  ].join("\n");
  mkdirSync(path.dirname(args.out), { recursive: true });
  writeFileSync(args.out, doc);
  writeFileSync(args.out.replace(/\.md$/, ".json"), JSON.stringify(results, null, 1));
  console.log("\n" + doc);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
