import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { module, ns, provider, scan, version } from "../../testing/fixture";
import { composeSnapshot, type Snapshot } from "../snapshot";
import { readManifestFile } from "../sources/manifest-file";
import type { RegistryObject } from "../types";
import { buildIndex } from "./build";
import type { RegistryIndex } from "./types";
import { diffObjects, updateIndex } from "./update";

const OPTIONS = { bindingsNamespace: "opendepot-system" };

/** A snapshot of the manifests, keeping every object equal to one of `before` as that very object (as sources do). */
function snap(yaml: string, before?: Snapshot): Snapshot {
  const old: RegistryObject[] = before
    ? [
        ...before.modules,
        ...before.providers,
        ...before.versions,
        ...before.depots,
        ...before.groupBindings,
        ...before.namespaces,
        ...before.configMaps,
      ]
    : [];
  const objects = readManifestFile("t.yaml", yaml).objects.map(({ object, origin }) => ({
    object: old.find((o) => isDeepStrictEqual(o, object)) ?? object,
    origin,
  }));
  return composeSnapshot({ objects, errors: [], warnings: [] });
}

function depot(namespace: string, name: string, modules: string[], providers: string[] = []): string {
  const list = (xs: string[]) => (xs.length === 0 ? " []" : xs.map((x) => `\n  - ${x}`).join(""));
  return `---
apiVersion: opendepot.defdev.io/v1alpha1
kind: Depot
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  global:
    storageConfig:
      s3: {bucket: b, region: r}
status:
  modules:${list(modules)}
  providers:${list(providers)}
`;
}

function binding(name: string, pattern: string): string {
  return `---
apiVersion: opendepot.defdev.io/v1alpha1
kind: GroupBinding
metadata:
  name: ${name}
  namespace: opendepot-system
spec:
  expression: 'true'
  moduleResources: ["${pattern}"]
`;
}

// byId may be a PatchedMap: compared as a Map of the same entries. Derived values are caches.
const comparable = ({ builtAt: _b, snapshotId: _s, lineage: _l, derived: _d, ...rest }: RegistryIndex) => ({
  ...rest,
  byId: new Map(rest.byId),
});

const BASE =
  ns("p", true) +
  module("p", "a", "", { isPublic: true }) +
  module("p", "b") +
  provider("p", "c") +
  version("p", "a1", "1.0.0", { moduleRef: "a" }) +
  version("p", "a2", "1.1.0", { moduleRef: "a", synced: false }) +
  version("p", "b1", "2.0.0", { moduleRef: "b" }) +
  depot("p", "d1", ["a"]) +
  depot("p", "d2", ["b", "a"]) +
  binding("team", "a*");

function start(yaml = BASE) {
  const snapshot = snap(yaml);
  const result = updateIndex(undefined, snapshot, OPTIONS);
  expect(result).toMatchObject({ mode: "full", reason: "first snapshot" });
  return { snapshot, index: result.index };
}

describe("updateIndex: the incremental path", () => {
  it("a Version's status change rebuilds its owner's entry only and keeps everything else", () => {
    const prev = start();
    const next = snap(BASE.replace("synced: false", "synced: true"), prev.snapshot);
    expect(diffObjects(prev.snapshot.versions, next.versions).added).toHaveLength(1);
    const result = updateIndex(prev, next, OPTIONS);
    expect(result).toMatchObject({ mode: "incremental", changedObjects: 2, changedResources: 1 });
    const { index } = result;
    expect(index.byId.get("module/p/a")).not.toBe(prev.index.byId.get("module/p/a"));
    expect(index.byId.get("module/p/a")!.syncCounts).toEqual({ synced: 2, progressing: 0, failed: 0 });
    expect(index.byId.get("module/p/b")).toBe(prev.index.byId.get("module/p/b"));
    expect(index.byId.get("provider/p/c")).toBe(prev.index.byId.get("provider/p/c"));
    expect(index.byId.get("module/p/a")!.versions[1]).toBe(prev.index.byId.get("module/p/a")!.versions[1]);
    expect(index.depots).toBe(prev.index.depots);
    expect(index.providers).toBe(prev.index.providers);
    expect(comparable(index)).toEqual(comparable(buildIndex(next, OPTIONS)));
  });

  it("a changed config name relinks the namespace's Versions", () => {
    const yaml = ns("p", true) + module("p", "a") + module("p", "z", "", { configName: "q" });
    const prev = start(yaml + version("p", "v", "1.0.0", { moduleRef: "q" }));
    const next = snap(
      yaml.replace("name: q", "name: r") + version("p", "v", "1.0.0", { moduleRef: "q" }),
      prev.snapshot,
    );
    const result = updateIndex(prev, next, OPTIONS);
    expect(result.mode).toBe("incremental");
    expect(result.index.byId.get("module/p/z")!.versions).toHaveLength(0);
    expect(comparable(result.index)).toEqual(comparable(buildIndex(next, OPTIONS)));
  });

  it("a Version that moves from a Module to a Provider is rebuilt as a provider row (binary scan counted)", () => {
    const v = version("p", "v", "1.0.0", {
      moduleRef: "a",
      providerRef: "a",
      binaryScan: scan("2026-01-01T00:00:00Z", [["CVE-1", "x", "1", "HIGH"]]),
    });
    const prev = start(ns("p", true) + module("p", "a") + provider("p", "a") + v);
    expect(prev.index.byId.get("module/p/a")!.versions[0]!.scanSummary).toBeUndefined();
    const next = snap(ns("p", true) + provider("p", "a") + v, prev.snapshot);
    const result = updateIndex(prev, next, OPTIONS);
    expect(result.mode).toBe("incremental");
    expect(result.index.byId.get("provider/p/a")!.versions[0]!.scanSummary?.scanCounts.high).toBe(1);
    expect(comparable(result.index)).toEqual(comparable(buildIndex(next, OPTIONS)));
  });

  it("a depot change re-points the resources it manages", () => {
    const prev = start();
    const next = snap(BASE.replace(depot("p", "d1", ["a"]), depot("p", "d1", [])), prev.snapshot);
    const result = updateIndex(prev, next, OPTIONS);
    expect(result.mode).toBe("incremental");
    expect(result.index.byId.get("module/p/a")!.managingDepot?.name).toBe("d2");
    expect(comparable(result.index)).toEqual(comparable(buildIndex(next, OPTIONS)));
  });

  it("an unchanged snapshot keeps every entry", () => {
    const prev = start();
    const result = updateIndex(prev, snap(BASE, prev.snapshot), OPTIONS);
    expect(result).toMatchObject({ mode: "incremental", changedObjects: 0, changedResources: 0 });
    expect(result.index.resources).toBe(prev.index.resources);
  });
});

describe("updateIndex: the full build", () => {
  it("is taken when a Namespace changes", () => {
    const prev = start();
    const next = snap(BASE.replace(ns("p", true), ns("p", false)), prev.snapshot);
    expect(updateIndex(prev, next, OPTIONS)).toMatchObject({ mode: "full", reason: "namespaces changed" });
  });

  it("is taken when a GroupBinding changes", () => {
    const prev = start();
    const next = snap(BASE.replace('"a*"', '"b*"'), prev.snapshot);
    expect(updateIndex(prev, next, OPTIONS)).toMatchObject({ mode: "full", reason: "group bindings changed" });
  });

  it("is taken when the change set is large", () => {
    const prev = start();
    const next = snap(BASE.replace(/synced: true/g, "synced: false"), prev.snapshot);
    expect(updateIndex(prev, next, { ...OPTIONS, maxChanges: 2 })).toMatchObject({
      mode: "full",
      reason: "large change set",
    });
    expect(updateIndex(prev, next, OPTIONS).mode).toBe("incremental");
  });

  it("is taken when the previous index is not the previous snapshot's, or was built another way", () => {
    const prev = start();
    const other = snap(BASE);
    expect(updateIndex({ snapshot: other, index: prev.index }, snap(BASE), OPTIONS)).toMatchObject({
      mode: "full",
      reason: "previous index unknown",
    });
    const foreign = { snapshot: prev.snapshot, index: buildIndex(prev.snapshot, OPTIONS) };
    expect(updateIndex(foreign, snap(BASE), OPTIONS)).toMatchObject({ mode: "full", reason: "previous index unknown" });
    expect(updateIndex(prev, snap(BASE, prev.snapshot), { bindingsNamespace: "elsewhere" })).toMatchObject({
      mode: "full",
      reason: "options changed",
    });
  });
});

describe("diffObjects", () => {
  it("finds what left and what came, by identity, wherever it is", () => {
    const [a, b, c, d] = [{}, {}, {}, {}];
    expect(diffObjects([a, b, c], [a, b, c])).toEqual({ removed: [], added: [] });
    expect(diffObjects([a, b, c], [a, d, c])).toEqual({ removed: [b], added: [d] });
    const moved = diffObjects([a, b, c], [c, a, d]);
    expect(moved.removed).toEqual([b]);
    expect(moved.removed[0]).toBe(b);
    expect(moved.added[0]).toBe(d);
    expect(diffObjects([a, b], [])).toEqual({ removed: [a, b], added: [] });
  });
});
