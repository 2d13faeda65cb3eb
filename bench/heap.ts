// `npx tsx --expose-gc bench/heap.ts [--size large] [--source file|kubernetes] [--snapshot FILE]`:
// what the model and the index retain, measured in this process without the server: the heap after
// the source's first snapshot, after the index build, and (with --snapshot) a heap snapshot for
// Chrome DevTools. The Kubernetes source lists from the fake API server (bench/fake-kube-process.ts)
// in a child process, so that process's heap is not counted.

import { writeHeapSnapshot } from "node:v8";
import { silentLogger } from "../lib/log";
import { buildIndex } from "../lib/registry/index/build";
import type { Snapshot } from "../lib/registry/snapshot";
import { FileSource } from "../lib/registry/sources/file-source";
import type { RegistrySource } from "../lib/registry/sources/types";
import { kubeApi } from "./churn";
import { benchRegistry, type SizeName } from "./registries";

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc (npx tsx --expose-gc bench/heap.ts)");
const used = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;

const reg = benchRegistry((arg("size") ?? "large") as SizeName, console.log);
const kind = arg("source") ?? "file";
if (kind !== "file" && kind !== "kubernetes") throw new Error("--source is file or kubernetes");
const api = kind === "kubernetes" ? await kubeApi(reg.path) : undefined;
let source: RegistrySource;
if (api) {
  const [{ KubeConfig }, { KubernetesSource }, { preparedKubeConfig }] = await Promise.all([
    import("@kubernetes/client-node"),
    import("../lib/registry/sources/kubernetes-source"),
    import("../lib/registry/sources/kube-config"),
  ]);
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "fake", server: api.url }],
    users: [{ name: "bench", token: "t" }],
    contexts: [{ name: "bench", cluster: "fake", user: "bench" }],
    currentContext: "bench",
  });
  source = new KubernetesSource({
    kubeConfig: preparedKubeConfig(kc).kubeConfig,
    namespaces: [],
    bindingsNamespace: "opendepot-system",
    logger: silentLogger,
  });
} else source = new FileSource({ root: reg.path, readDownloadsFile: true, logger: silentLogger, watch: false });
const before = used();
const t0 = performance.now();
let snapshot: Snapshot | undefined;
await source.start((s) => (snapshot = s));
// The Kubernetes source's watches connect after its first snapshot: measure once they have.
if (api) await new Promise((r) => setTimeout(r, 1000));
const loadMs = performance.now() - t0;
const afterLoad = used();
const t1 = performance.now();
const index = buildIndex(snapshot!, { bindingsNamespace: "opendepot-system" });
const buildMs = performance.now() - t1;
const afterIndex = used();
console.log(
  `${reg.size}, ${kind} source: ${snapshot!.versions.length} versions; load ${Math.round(loadMs)} ms, index ${Math.round(buildMs)} ms`,
);
console.log(
  `heap: snapshot ${mib(afterLoad - before)}, index on top ${mib(afterIndex - afterLoad)}, total ${mib(afterIndex)}`,
);
console.log(`RSS ${mib(process.memoryUsage().rss)}`);
const file = arg("snapshot");
if (file) console.log(`heap snapshot: ${writeHeapSnapshot(file)}`);
void index;
if (api) {
  await source.stop();
  api.stop();
}
