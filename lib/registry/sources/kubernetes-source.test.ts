// The Kubernetes source against a local HTTP server that speaks the API server's list and watch
// protocol (no real API server can run here): add, change, delete, 410 Gone, disconnects, outage.

import { KubeConfig } from "@kubernetes/client-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeKubeApi } from "../../testing/fake-kube-api";
import { silentLogger } from "../../log";
import type { Snapshot } from "../snapshot";
import { preparedKubeConfig } from "./kube-config";
import { KubernetesSource } from "./kubernetes-source";

const G = "opendepot.defdev.io/v1alpha1";
const mod = (ns: string, name: string, provider = "aws") => ({
  apiVersion: G,
  kind: "Module",
  metadata: { name, namespace: ns },
  spec: { moduleConfig: { provider } },
});

function kubeConfig(url: string, skipTLSVerify = true): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "fake", server: url, skipTLSVerify }],
    users: [{ name: "u", token: "t" }],
    contexts: [{ name: "c", cluster: "fake", user: "u" }],
    currentContext: "c",
  });
  return kc;
}

let api: FakeKubeApi;
let source: KubernetesSource | undefined;
beforeEach(async () => {
  api = new FakeKubeApi();
  await api.start();
  api.apply("namespaces", {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: "a", labels: { "opendepot.defdev.io/public": "true" } },
  });
  api.apply("modules", mod("a", "one"));
  api.apply("groupbindings", {
    apiVersion: G,
    kind: "GroupBinding",
    metadata: { name: "b", namespace: "opendepot-system" },
    spec: { expression: "true" },
  });
});
afterEach(async () => {
  await source?.stop();
  source = undefined;
  await api.stop();
});

async function waitFor<T>(fn: () => T | undefined, ms = 2000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function start(namespaces: string[] = []) {
  const snapshots: Snapshot[] = [];
  source = new KubernetesSource({
    kubeConfig: kubeConfig(api.url),
    namespaces,
    bindingsNamespace: "opendepot-system",
    logger: silentLogger,
    debounceMs: 30,
    maxBackoffMs: 300,
  });
  await source.start((s) => snapshots.push(s));
  return snapshots;
}
const names = (s: Snapshot | undefined) => (s?.modules ?? []).map((m) => m.metadata.name).sort();

/** The path to a string containing `needle` among everything reachable from `root`, if any. */
function pathTo(root: unknown, needle: string): string | undefined {
  const seen = new Set<object>();
  const stack: [unknown, string][] = [[root, "root"]];
  while (stack.length > 0) {
    const [v, at] = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes(needle)) return at;
      continue;
    }
    if (typeof v !== "object" || v === null || seen.has(v) || ArrayBuffer.isView(v)) continue;
    seen.add(v);
    if (v instanceof Map) for (const [key, value] of v) stack.push([key, `${at}.keys()`], [value, `${at}.get(${key})`]);
    else if (v instanceof Set) for (const value of v) stack.push([value, `${at}.values()`]);
    for (const key of Reflect.ownKeys(v)) {
      try {
        stack.push([Reflect.get(v, key), `${at}.${String(key)}`]);
      } catch {
        // an accessor that throws holds nothing reachable here
      }
    }
  }
  return undefined;
}

describe("KubernetesSource", () => {
  it("watches a plain-http API server with no TLS settings, as kubectl proxy serves it", async () => {
    const plain = kubeConfig(api.url, false);
    await expect(plain.applyToFetchOptions({})).rejects.toThrow(/HTTP protocol is not allowed/);
    const prepared = preparedKubeConfig(plain);
    expect(prepared.plainHttpServer).toBe(api.url);
    expect(preparedKubeConfig(kubeConfig(api.url)).plainHttpServer).toBeUndefined();
    const snapshots: Snapshot[] = [];
    source = new KubernetesSource({
      kubeConfig: prepared.kubeConfig,
      namespaces: [],
      bindingsNamespace: "opendepot-system",
      logger: silentLogger,
      debounceMs: 30,
      maxBackoffMs: 300,
    });
    await source.start((s) => snapshots.push(s));
    expect(names(snapshots.at(-1))).toEqual(["one"]);
  });

  it("retains no raw object, listed or watched: only the parsed model", async () => {
    // A field the schemas never read, and kubectl's annotation that repeats the whole object.
    const marker = "raw-only-7f3c";
    const heavy = (name: string) => {
      const m = mod("a", name);
      return {
        ...m,
        unread: { marker },
        metadata: {
          ...m.metadata,
          annotations: { "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify({ ...m, marker }) },
          managedFields: [{ manager: "kubectl", operation: "Apply", fieldsV1: { "f:spec": {} } }],
        },
      };
    };
    api.apply("modules", heavy("listed"));
    const snaps = await start();
    api.apply("modules", heavy("watched"));
    await waitFor(() => names(snaps.at(-1)).includes("watched"));
    const listed = () => snaps.at(-1)!.modules.find((m) => m.metadata.name === "listed");
    const before = listed();
    api.apply("modules", heavy("listed"));
    await waitFor(() => listed() !== before);
    // The walk finds the marker where raw objects are kept (the fake server holds them)...
    expect(pathTo(api, marker)).toBeDefined();
    // ...and nowhere the source can reach.
    expect(pathTo(source, marker)).toBeUndefined();
    expect(snaps.at(-1)!.modules.find((m) => m.metadata.name === "watched")?.config.provider).toBe("aws");
  });

  it("lists every kind, then applies ADDED, MODIFIED and DELETED within 2 s", async () => {
    const snaps = await start();
    expect(names(snaps.at(-1))).toEqual(["one"]);
    expect(snaps.at(-1)!.namespaces.map((n) => n.name)).toEqual(["a"]);
    expect(snaps.at(-1)!.groupBindings).toHaveLength(1);
    api.apply("modules", mod("a", "two"));
    await waitFor(() => names(snaps.at(-1)).includes("two"));
    api.apply("modules", mod("a", "two", "google"));
    await waitFor(() => snaps.at(-1)!.modules.find((m) => m.metadata.name === "two")?.config.provider === "google");
    api.remove("modules", "a", "one");
    await waitFor(() => !names(snaps.at(-1)).includes("one"));
    api.bookmark();
    expect(names(snaps.at(-1))).toEqual(["two"]);
  });

  it("patches the last snapshot per watch event: other objects stay identical, and it equals a fresh list", async () => {
    for (const n of ["m1", "m2", "m3"]) api.apply("modules", mod("a", n));
    const snaps = await start();
    const first = snaps.at(-1)!;
    api.apply("modules", mod("a", "m2", "google"));
    api.apply("modules", mod("a", "m4"));
    api.remove("modules", "a", "m3");
    await waitFor(() => names(snaps.at(-1)).includes("m4") && !names(snaps.at(-1)).includes("m3"));
    const last = snaps.at(-1)!;
    const byName = (s: Snapshot, n: string) => s.modules.find((m) => m.metadata.name === n);
    expect(byName(last, "m1")).toBe(byName(first, "m1"));
    expect(byName(last, "m2")).not.toBe(byName(first, "m2"));
    expect(byName(last, "m2")!.config.provider).toBe("google");
    expect(last.namespaces).toBe(first.namespaces);
    const fresh: Snapshot[] = [];
    const other = new KubernetesSource({
      kubeConfig: kubeConfig(api.url),
      namespaces: [],
      bindingsNamespace: "opendepot-system",
      logger: silentLogger,
    });
    await other.start((s) => fresh.push(s));
    await other.stop();
    const sorted = ({ changes: _c, ...s }: Snapshot) => ({
      ...s,
      id: 0,
      loadedAt: 0,
      modules: [...s.modules].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1)),
    });
    expect(sorted(last)).toEqual(sorted(fresh.at(-1)!));
  });

  it("relists after 410 Gone and resumes after dropped connections", async () => {
    const snaps = await start();
    const lists = () =>
      api.requests.filter((r) => /^GET \/apis\/opendepot\.defdev\.io\/v1alpha1\/modules(\?(?!.*watch)|$)/.test(r))
        .length;
    const before = lists();
    api.compact();
    api.dropWatches();
    api.apply("modules", mod("a", "after-gone"));
    await waitFor(() => names(snaps.at(-1)).includes("after-gone"));
    // The resumed watch was told 410 Gone, so the informer listed again.
    await waitFor(() => lists() > before);
    api.dropWatches();
    api.apply("modules", mod("a", "after-drop"));
    await waitFor(() => names(snaps.at(-1)).includes("after-drop"), 4000);
  });

  it("relists after 410 Gone and forgets the objects deleted meanwhile", async () => {
    api.apply("modules", mod("a", "two"));
    const snaps = await start();
    expect(names(snaps.at(-1))).toEqual(["one", "two"]);
    const port = api.port;
    await api.stop();
    // Deleted while the watch is away, and the history compacted: only a list can tell.
    api.remove("modules", "a", "two");
    api.apply("modules", mod("a", "three"));
    api.compact();
    await api.start(port);
    await waitFor(() => names(snaps.at(-1)).includes("three"), 8000);
    expect(names(snaps.at(-1))).toEqual(["one", "three"]);
    expect(api.requests.some((r) => /\/modules\?.*watch=true/.test(r))).toBe(true);
  });

  it("resumes a cut watch from the bookmark's resourceVersion, without listing again", async () => {
    const snaps = await start();
    const modules = (watch: boolean) =>
      api.requests.filter((r) =>
        watch
          ? /^GET \/apis\/opendepot\.defdev\.io\/v1alpha1\/modules\?.*watch=true/.test(r)
          : /^GET \/apis\/opendepot\.defdev\.io\/v1alpha1\/modules(\?(?!.*watch)|$)/.test(r),
      );
    expect(modules(false)).toHaveLength(1);
    await waitFor(() => modules(true).length === 1);
    // Changes elsewhere move the resourceVersion on; only a bookmark tells the modules watch.
    for (const n of ["x", "y", "z"])
      api.apply("configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: n, namespace: "a" } });
    api.bookmark();
    const rv = String(api["rv"]);
    const modulesKind = () => source!["kinds"].find((k) => k.spec.plural === "modules")!;
    await waitFor(() => modulesKind().resourceVersion === rv);
    api.dropWatches();
    await waitFor(() => modules(true).some((r) => r.includes(`resourceVersion=${rv}`)), 4000);
    expect(modules(false)).toHaveLength(1);
    api.apply("modules", mod("a", "after-cut"));
    await waitFor(() => names(snaps.at(-1)).includes("after-cut"));
    expect(modules(false)).toHaveLength(1);
  });

  it("lists a large kind a page at a time, and a relist over pages forgets what it lacks", async () => {
    for (let i = 0; i < 1200; i++) api.apply("modules", mod("a", `m${String(i).padStart(4, "0")}`));
    const snaps = await start();
    expect(names(snaps.at(-1))).toHaveLength(1201);
    const pages = api.requests.filter(
      (r) =>
        r.startsWith("GET /apis/opendepot.defdev.io/v1alpha1/modules?") &&
        !r.includes("watch=") &&
        r.includes("limit=500"),
    );
    expect(pages).toHaveLength(3);
    expect(pages.filter((r) => r.includes("continue="))).toHaveLength(2);
    const port = api.port;
    await api.stop();
    api.remove("modules", "a", "m0001");
    api.remove("modules", "a", "m1100");
    api.compact();
    await api.start(port);
    await waitFor(() => names(snaps.at(-1)).length === 1199, 8000);
    expect(names(snaps.at(-1))).not.toContain("m1100");
  });

  it("keeps the last snapshot while the API server is down and catches up when it returns", async () => {
    const snaps = await start();
    const port = api.port;
    await api.stop();
    await new Promise((r) => setTimeout(r, 400));
    expect(names(snaps.at(-1))).toEqual(["one"]);
    const diag = source!.diagnostics() as { kinds: { kind: string; synced: boolean }[] };
    expect(diag.kinds.every((k) => k.synced)).toBe(true);
    api.apply("modules", mod("a", "while-down"));
    await api.start(port);
    await waitFor(() => names(snaps.at(-1)).includes("while-down"), 8000);
  });

  it("watches only WATCH_NAMESPACES when given, and reads README ConfigMaps on demand", async () => {
    api.apply("modules", mod("b", "elsewhere"));
    api.apply("configmaps", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "readme", namespace: "a" },
      data: { "README.md": "IyBoaQ==" },
    });
    const snaps = await start(["a"]);
    expect(names(snaps.at(-1))).toEqual(["one"]);
    expect(api.requests.some((r) => r.includes("/namespaces/a/modules"))).toBe(true);
    expect(await source!.readConfigMap("a", "readme", "README.md")).toBe("IyBoaQ==");
    expect(await source!.readConfigMap("a", "missing", "README.md")).toBeUndefined();
  });
});
