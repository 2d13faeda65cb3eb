// The churn benchmark's fake Kubernetes API server (lib/testing/fake-kube-api.ts) in a process of
// its own, holding every object of a registry folder: its heap (100,000 raw objects) then never
// pauses the process that sends the changes and times the requests. Started by bench/churn.ts
// with the folder as its argument; answers {url} once listening, then applies {resource, object}
// messages as MODIFIED (or ADDED) watch events.

import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { FakeKubeApi } from "../lib/testing/fake-kube-api";

const PLURAL: Record<string, string> = {
  Module: "modules",
  Provider: "providers",
  Version: "versions",
  Depot: "depots",
  GroupBinding: "groupbindings",
  Namespace: "namespaces",
};

type Obj = Parameters<FakeKubeApi["apply"]>[1];

async function main(): Promise<void> {
  const registry = process.argv[2];
  if (!registry || !process.send) throw new Error("usage: forked with the registry folder as argument");
  const api = new FakeKubeApi();
  for (const entry of readdirSync(registry, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".json")) continue;
    const doc = JSON.parse(await readFile(path.join(entry.parentPath, entry.name), "utf8")) as Obj & { items?: Obj[] };
    for (const o of doc.kind === "List" ? (doc.items ?? []) : [doc]) {
      const plural = PLURAL[String(o.kind)];
      if (plural) api.apply(plural, o);
    }
  }
  await api.start();
  process.on("message", (m: { resource: string; object: Obj }) => api.apply(m.resource, m.object));
  process.on("disconnect", () => void api.stop().then(() => process.exit(0)));
  process.send({ url: api.url });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
