// Fills a Valkey (redis-server here) in OpenDepot's key schema (docs/browse-api.md §7.1) with one
// download record per Version of a generated registry, so the Valkey path runs at full size.

import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { Valkey } from "iovalkey";

interface VersionItem {
  kind?: string;
  metadata?: { namespace?: string };
  spec?: {
    type?: string;
    version?: string;
    moduleConfigRef?: { name?: string };
    providerConfigRef?: { name?: string };
  };
}

/** Every Version of the registry's JSON List files as (namespace, kind, name, version). */
function versionsOf(root: string): { ns: string; kind: string; name: string; version: string }[] {
  const out: { ns: string; kind: string; name: string; version: string }[] = [];
  for (const e of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith(".json")) continue;
    const list = JSON.parse(readFileSync(path.join(e.parentPath, e.name), "utf8")) as { items?: VersionItem[] };
    for (const item of list.items ?? []) {
      if (item.kind !== "Version") continue;
      const kind = item.spec?.type === "Provider" ? "provider" : "module";
      const name = kind === "provider" ? item.spec?.providerConfigRef?.name : item.spec?.moduleConfigRef?.name;
      if (item.metadata?.namespace && name && item.spec?.version)
        out.push({ ns: item.metadata.namespace, kind, name, version: item.spec.version });
    }
  }
  return out;
}

/** Returns the number of version records written. Provider platform rows share one record. */
export async function fillValkey(url: string, registryRoot: string): Promise<number> {
  const client = new Valkey(url);
  const seen = new Set<string>();
  const today = new Date().toISOString().slice(0, 10);
  let n = 0;
  let pipeline = client.pipeline();
  for (const v of versionsOf(registryRoot)) {
    const member = `${v.ns}/${v.kind}/${v.name}/${v.version}`;
    if (seen.has(member)) continue;
    seen.add(member);
    // Deterministic counts, so reruns compare like with like.
    const count = 1 + ((n * 7919) % 5000);
    const lastAt = new Date(Date.UTC(2026, 10, 1) + (n % 30) * 86_400_000).toISOString().replace(".000Z", "Z");
    pipeline
      .incrby("stats:total", count)
      .incrby(`stats:ns:${v.ns}`, count)
      .hincrby(`stats:resource:${v.ns}:${v.kind}:${v.name}`, "count", count)
      .hset(`stats:resource:${v.ns}:${v.kind}:${v.name}`, "lastAt", lastAt)
      .hset(`stats:version:${v.ns}:${v.kind}:${v.name}:${v.version}`, "count", String(count), "lastAt", lastAt)
      .zincrby("stats:leaderboard:global", count, member)
      .zincrby(`stats:leaderboard:${v.ns}`, count, member)
      .incrby(`stats:day:${today}:${v.ns}:${v.kind}:${v.name}:${v.version}`, 1 + (n % 40));
    n += 1;
    if (n % 2000 === 0) {
      await pipeline.exec();
      pipeline = client.pipeline();
    }
  }
  await pipeline.exec();
  client.disconnect();
  return n;
}
