// `npm run bench:profile -- [--size large] [--path /] [--scoped] [--seconds 10] [--node-args "…"]`: serves one
// request under load with the server started with --cpu-prof, then prints where the time went
// (self and total, by function), the collector's pauses and what the path promotes per request.
// The .cpuprofile is kept for Chrome DevTools.

import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { measure, warm } from "./measure";
import { gcSummary, gcText } from "./report";
import { startIssuer } from "./issuer";
import { benchRegistry, type SizeName } from "./registries";
import { startBenchServer } from "./server";
import { appEnv, viewers } from "./viewers";

const args = new Map<string, string>();
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const eq = /^--([^=]+)=(.*)$/.exec(argv[i]!); // --node-args=--flag (a value that starts with --)
  if (eq) args.set(eq[1]!, eq[2]!);
  else
    args.set(
      argv[i]!.replace(/^--/, ""),
      argv[i + 1]?.startsWith("--") || argv[i + 1] === undefined ? "true" : argv[++i]!,
    );
}
const size = (args.get("size") ?? "large") as SizeName;
const target = args.get("path") ?? "/";
const seconds = Number(args.get("seconds") ?? 10);
const dir = path.resolve(args.get("out") ?? "bench/.cache/profiles");

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

function summarize(file: string, top = 30): string {
  const p = JSON.parse(readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const spent = new Map<number, number>();
  p.samples.forEach((s, i) => spent.set(s, (spent.get(s) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const label = (n: Node) =>
    `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const n of p.nodes) {
    const t = spent.get(n.id) ?? 0;
    if (t === 0) continue;
    self.set(label(n), (self.get(label(n)) ?? 0) + t);
    const seen = new Set<string>();
    for (let cur: number | undefined = n.id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + t);
    }
  }
  const fmt = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${v.toFixed(0).padStart(8)} ms  ${k}`)
      .join("\n");
  return `self time\n${fmt(self)}\n\ntotal time\n${fmt(total)}`;
}

const reg = benchRegistry(size, console.log);
rmSync(dir, { recursive: true, force: true });
const issuer = await startIssuer("opendepot");
const server = await startBenchServer(appEnv(reg.path, issuer), [
  "--cpu-prof",
  `--cpu-prof-dir=${dir}`,
  ...(args.get("node-args")?.split(" ").filter(Boolean) ?? []),
]);
let headers: Record<string, string> = {};
if (args.has("scoped")) {
  const v = await viewers(issuer, reg.scopedGroups);
  headers = target.startsWith("/opendepot/") ? v.scopedApi : v.scopedPage;
}
const url = server.app.url + target;
await warm(url, headers, 200);
const mark = server.outputMark();
const m = await measure(url, headers, { connections: 32, seconds });
console.log(`${target}: ${Math.round(m.reqPerSec)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, errors ${m.errors}`);
// The bench server runs with --trace-gc-nvp: how long the collector paused it (the p99 tails), and
// what this path promotes per request (what brings on the mark-compacts).
console.log(gcText(gcSummary(server.gcPauses(mark)), m.requests));
const pauses = server.gcPauses();
const byKind = new Map<string, number[]>();
for (const p of pauses) {
  const kind = `${p.thread} thread ${p.kind}`;
  const list = byKind.get(kind);
  if (list) list.push(p.ms);
  else byKind.set(kind, [p.ms]);
}
for (const [kind, ms] of byKind) {
  ms.sort((a, b) => b - a);
  console.log(`${kind}: ${ms.length} pauses, longest ${ms.slice(0, 5).join(", ")} ms`);
}
await server.app.stop();
await issuer.stop();
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".cpuprofile"))
  .map((f) => path.join(dir, f));
// `next start` may profile more than one process; the server is the busiest.
const busiest = files.sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0];
if (!busiest) throw new Error(`no profile written to ${dir}`);
console.log(`profile: ${path.relative(process.cwd(), busiest)}\n`);
console.log(summarize(busiest));
