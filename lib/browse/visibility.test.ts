// The visible sets of one index are bounded: a registry with many GroupBindings cannot grow them
// without limit, and an evicted Viewer class gets the same set again when it returns. The set of
// an index updated incrementally is carried from the previous index's (a status change must not
// cost a filter and a sort of every resource on the next read).

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it, vi } from "vitest";
import { bindingGrants, type Viewer } from "../auth/viewer";
import { module, ns, stateFromYaml, version, withVersionSynced } from "../testing/fixture";
import { composeSnapshot, type Snapshot } from "../registry/snapshot";
import { readManifestFile } from "../registry/sources/manifest-file";
import { updateIndex } from "../registry/index/update";
import type { RegistryIndex } from "../registry/index/types";
import type { GroupBinding } from "../registry/types";
import { carriedOrder, derived, MAX_VIEWER_CLASSES, visibleSet } from "./visibility";

function scoped(name: string): Viewer {
  const binding: GroupBinding = {
    kind: "GroupBinding",
    metadata: { name, namespace: "opendepot-system", labels: {}, ownerReferences: [] },
    expression: `"${name}" in groups`,
    moduleResources: ["vpc"],
    providerResources: [],
  };
  return {
    kind: "scoped",
    identity: { subject: "u", groups: [name], tokenSource: "header", expiresAt: 0 },
    binding: bindingGrants(binding),
  };
}

describe("visibleSet", () => {
  const { index } = stateFromYaml(ns("platform", false) + module("platform", "vpc", ""));

  it("is computed once per Viewer class while the class is in use", () => {
    const a = scoped("a");
    expect(visibleSet(index, a)).toBe(visibleSet(index, scoped("a")));
    expect(visibleSet(index, a).resources.map((r) => r.name)).toEqual(["vpc"]);
  });

  it("keeps at most MAX_VIEWER_CLASSES classes and recomputes an evicted one alike", () => {
    const first = visibleSet(index, scoped("class-0"));
    for (let i = 1; i <= MAX_VIEWER_CLASSES; i++) visibleSet(index, scoped(`class-${i}`));
    const again = visibleSet(index, scoped("class-0"));
    expect(again).not.toBe(first);
    expect(again.resources).toEqual(first.resources);
  });

  it("lives in the index, so another bundle's copy of this module finds the same set", async () => {
    const set = visibleSet(index, scoped("shared"));
    vi.resetModules();
    const copy = await import("./visibility");
    expect(copy.visibleSet).not.toBe(visibleSet);
    expect(copy.visibleSet(index, scoped("shared"))).toBe(set);
  });
});

describe("derived", () => {
  const { index } = stateFromYaml(ns("platform", true) + module("platform", "vpc", "", { isPublic: true }));

  it("keeps values per downloads table: another table's are computed afresh", () => {
    const set = visibleSet(index, { kind: "public" });
    const [a, b] = [{ table: "a" }, { table: "b" }];
    let computed = 0;
    const value = (table: object) => derived(set, "by-downloads", () => ++computed, table);
    expect([value(a), value(a)]).toEqual([1, 1]);
    expect(value(b)).toBe(2);
    expect(derived(set, "by-downloads", () => "plain")).toBe("plain");
  });

  it("does not keep a replaced downloads table alive", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const set = visibleSet(index, { kind: "public" });
    const gone = ((table: object) => {
      derived(set, "held", () => [...set.resources], table);
      return new WeakRef(table);
    })({ rows: new Array(1000).fill(0) });
    // A WeakRef's target stays alive until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(gone.deref()).toBeUndefined();
  });
});

describe("visibleSet after an incremental update", () => {
  const OPTIONS = { bindingsNamespace: "opendepot-system" };
  const owned = (name: string) => ({ label: { kind: "module" as const, value: name } });
  const yaml =
    ns("platform", true) +
    module("platform", "vpc", "", { isPublic: true }) +
    module("platform", "dns", "", { isPublic: true }) +
    module("platform", "private", "") +
    version("platform", "vpc-1.0.0", "1.0.0", owned("vpc")) +
    version("platform", "dns-1.0.0", "1.0.0", owned("dns"));
  const objects = readManifestFile("t.yaml", yaml).objects;
  const first = composeSnapshot({ objects, errors: [], warnings: [] });

  function update(previous: { snapshot: Snapshot; index: RegistryIndex }, next: Snapshot): RegistryIndex {
    const result = updateIndex(previous, next, OPTIONS);
    expect(result.mode).toBe("incremental");
    return result.index;
  }

  it("carries the previous index's set and sort orders, equal to what a fresh computation gives", () => {
    const index0 = updateIndex(undefined, first, OPTIONS).index;
    const viewer: Viewer = { kind: "public" };
    const set0 = visibleSet(index0, viewer);
    derived(set0, "order/name", (v) => [...v.resources]);
    const second = withVersionSynced(first, "vpc-1.0.0", false);
    const index1 = update({ snapshot: first, index: index0 }, second);
    const set1 = visibleSet(index1, viewer);
    expect(set1.carried).toBeDefined();
    expect(set1.ids).toBe(set0.ids);
    // The changed entry is the new index's; the rest are the same objects.
    expect(set1.resources).toEqual(index1.resources.filter((r) => r.isPublic));
    expect(set1.resources.map((r) => r.name)).toEqual(["dns", "vpc"]);
    expect(set1.resources[1]).toBe(index1.byId.get("module/platform/vpc"));
    const order = carriedOrder(set1, "order/name", (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    expect(order?.map((r) => r.name)).toEqual(["dns", "vpc"]);
    expect(order?.find((r) => r.name === "vpc")).toBe(index1.byId.get("module/platform/vpc"));
  });

  it("keeps one older index alive, not a chain", () => {
    const index0 = updateIndex(undefined, first, OPTIONS).index;
    const second = withVersionSynced(first, "vpc-1.0.0", false);
    const index1 = update({ snapshot: first, index: index0 }, second);
    expect(index1.lineage?.previous).toBe(index0);
    expect([...index1.lineage!.changedIds]).toEqual(["module/platform/vpc"]);
    const index2 = update({ snapshot: second, index: index1 }, withVersionSynced(second, "dns-1.0.0", false));
    expect(index2.lineage?.previous).toBe(index1);
    expect(index1.lineage?.previous).toBeUndefined();
  });
});
