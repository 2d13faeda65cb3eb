// A generated registry for the Depots page's tests: ~500 graph nodes, depots of very different
// sizes (the generator's 1–12, plus three of 40, 80 and 200), some resources shared by two depots.

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeRegistry } from "../../scripts/generate-registry";

interface Item {
  kind: string;
  metadata: { name: string; namespace: string };
}

export interface DepotsRegistry {
  dir: string;
  /** `kind/ns/name` of a resource managed by both big depots. */
  shared: { id: string; name: string; depots: string[] };
}

export function writeDepotsRegistry(): DepotsRegistry {
  const dir = mkdtempSync(path.join(tmpdir(), "depots-registry-"));
  writeRegistry(dir, {
    seed: 12,
    scale: { modules: 420, providers: 60, versions: 600, namespaces: 4, depots: 30, groupbindings: 0 },
  });
  const resources: Item[] = [];
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !/(modules|providers)(-\d+)?\.json$/.test(e.name)) continue;
    resources.push(...(JSON.parse(readFileSync(path.join(e.parentPath, e.name), "utf8")) as { items: Item[] }).items);
  }
  resources.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const entry = (r: Item) => `${r.metadata.namespace}/${r.metadata.name}`;
  const depot = (name: string, picked: Item[]) => ({
    apiVersion: "opendepot.defdev.io/v1alpha1",
    kind: "Depot",
    metadata: { name, namespace: "ns-000", labels: { "opendepot.defdev.io/public": "true" } },
    spec: { pollingIntervalMinutes: 15, global: { storageConfig: { s3: { bucket: name, region: "eu-west-1" } } } },
    status: {
      modules: picked.filter((r) => r.kind === "Module").map(entry),
      providers: picked.filter((r) => r.kind === "Provider").map(entry),
    },
  });
  // "aa-" sorts these first in ns-000, so the page opens on the biggest cluster.
  const big = resources.slice(0, 200);
  const second = [...resources.slice(190, 200), ...resources.slice(200, 270)];
  const third = resources.slice(300, 340);
  writeFileSync(
    path.join(dir, "ns-000", "extra-depots.json"),
    JSON.stringify({
      apiVersion: "v1",
      kind: "List",
      items: [depot("aa-big", big), depot("aa-second", second), depot("aa-third", third)],
    }),
  );
  const s = resources[195]!;
  return {
    dir,
    shared: {
      id: `${s.kind.toLowerCase()}/${s.metadata.namespace}/${s.metadata.name}`,
      name: s.metadata.name,
      depots: ["ns-000/aa-big", "ns-000/aa-second"],
    },
  };
}
