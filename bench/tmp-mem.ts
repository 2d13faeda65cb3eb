// temp: where the resident memory goes at the large size (experiment, not committed)
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { apiEndpoints, pageEndpoints } from "./endpoints";
import { startIssuer } from "./issuer";
import { benchRegistry } from "./registries";
import { startBenchServer, DIAGNOSTICS_TOKEN } from "./server";
import { appEnv, viewers } from "./viewers";

const seconds = Number(process.env.SOAK ?? 60);
const extra = JSON.parse(process.env.EXTRA_ENV ?? "{}") as Record<string, string>;
const nodeArgs = (process.env.NODE_ARGS ?? "").split(" ").filter(Boolean);
const reg = benchRegistry((process.env.SIZE ?? "large") as "large", () => {});
const issuer = await startIssuer("opendepot");
const server = await startBenchServer({ ...appEnv(reg.path, issuer), ...extra }, nodeArgs);
const pid = server.app.process.pid!;
const mib = (b: number) => `${Math.round(b / 1024 / 1024)}`;
async function breakdown(label: string) {
  const text = await (
    await fetch(server.app.url + "/metrics", { headers: { authorization: `Bearer ${DIAGNOSTICS_TOKEN}` } })
  ).text();
  const num = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, "m").exec(rollup)?.[1] ?? 0) * 1024;
  const spaces = [...text.matchAll(/^nodejs_heap_space_size_total_bytes\{space="(\w+)"\} (\d+)/gm)]
    .map((m) => `${m[1]}=${mib(Number(m[2]))}`)
    .join(" ");
  console.log(
    `${label}: rss ${mib(num(/^process_resident_memory_bytes (\d+)/m))} (anon ${mib(kb("Anonymous"))} file ${mib(kb("Rss") - kb("Anonymous"))}) heapTotal ${mib(num(/^nodejs_heap_size_total_bytes (\d+)/m))} used ${mib(num(/^nodejs_heap_size_used_bytes (\d+)/m))} external ${mib(num(/^nodejs_external_memory_bytes (\d+)/m))} | ${spaces}`,
  );
}
console.log(`ready ${(server.readyMs / 1000).toFixed(1)} s, tree rss ${mib(server.rssBytes())}`);
await new Promise((r) => setTimeout(r, 3000));
await breakdown("after load");
const readyMark = server.outputMark();
const subj = await (async () => {
  const first = async (kind: string) => {
    const res = await fetch(`${server.app.url}/opendepot/ui/v1/resources?kind=${kind}&page_size=1&public_only=true`);
    const body = (await res.json()) as { items: { namespace: string; name: string }[] };
    return { namespace: body.items[0]!.namespace, name: body.items[0]!.name };
  };
  return { module: await first("module"), provider: await first("provider") };
})();
const v = await viewers(issuer, reg.scopedGroups);
const api = apiEndpoints(subj, reg.search, true);
const pages = pageEndpoints(subj);
const phases: [string, typeof api][] = [
  ["api", api.filter((e) => !e.pathFor)],
  ["pages", pages.filter((e) => !e.pathFor)],
  ["miss", [...api, ...pages].filter((e) => e.pathFor)],
];
for (const [name, eps] of phases) {
  let n = 0;
  const requests = eps.flatMap((e) => [
    { method: "GET" as const, path: e.path, headers: v.public },
    { method: "GET" as const, path: e.path, headers: e.category === "page" ? v.scopedPage : v.scopedApi },
  ]);
  await autocannon({
    url: server.app.url,
    connections: 32,
    duration: Number(process.env.PHASE ?? 15),
    requests: eps.some((e) => e.pathFor)
      ? [
          {
            setupRequest: (req) => {
              const e = eps[n % eps.length]!;
              n += 1;
              return { ...req, path: e.pathFor!(5_000_000 + n), headers: n % 2 ? v.public : v.scopedPage };
            },
          },
        ]
      : requests,
  });
  await breakdown(`after ${name}`);
}
const pagesOnly = pageEndpoints(subj).filter((p) => p.category === "page");
const requests = [...api, ...pagesOnly].flatMap((e) => [
  { method: "GET" as const, path: e.path, headers: v.public },
  { method: "GET" as const, path: e.path, headers: e.category === "page" ? v.scopedPage : v.scopedApi },
]);
const t = setInterval(() => void breakdown("soak"), 10_000);
await autocannon({ url: server.app.url, connections: 16, duration: seconds, requests });
clearInterval(t);
await breakdown("after soak");
{
  const smaps = readFileSync(`/proc/${pid}/smaps`, "utf8").split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/);
  const rows = smaps.map((b) => {
    const head = b.split("\n")[0]!;
    const rss = Number(/^Rss:\s+(\d+)/m.exec(b)?.[1] ?? 0);
    const [a, z] = head
      .split(" ")[0]!
      .split("-")
      .map((x) => parseInt(x, 16));
    return { head: head.slice(0, 120), rss, size: (z! - a!) / 1024 };
  });
  rows.sort((x, y) => y.rss - x.rss);
  for (const r of rows.slice(0, 25))
    console.log(`${Math.round(r.rss / 1024)} MiB of ${Math.round(r.size / 1024)} MiB  ${r.head}`);
}
const pauses = server.gcPauses(readyMark);
const { gcSummary, gcText, gcPhasesText } = await import("./report");
const g = gcSummary(pauses);
const mcs = pauses.filter((p) => p.kind === "Mark-Compact");
console.log(
  `${gcText(g)}; mark-compacts ${mcs.length}, longest ${Math.max(0, ...mcs.map((p) => p.ms)).toFixed(1)}; scavenges over 20: ${pauses.filter((p) => p.kind === "Scavenge" && p.ms > 20).length}`,
);
console.log(`longest: ${gcPhasesText(g)}`);
if (process.env.DUMP) (await import("node:fs")).writeFileSync(process.env.DUMP, server.app.output());
await server.app.stop();
await issuer.stop();
