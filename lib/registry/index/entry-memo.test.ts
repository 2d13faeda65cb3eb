import { describe, expect, it } from "vitest";
import { module, ns, version, withVersionSynced } from "../../testing/fixture";
import { composeSnapshot } from "../snapshot";
import { readManifestFile } from "../sources/manifest-file";
import { entryMemo } from "./entry-memo";
import type { ResourceEntry } from "./types";
import { updateIndex } from "./update";

const OPTIONS = { bindingsNamespace: "opendepot-system" };
const owned = (name: string) => ({ label: { kind: "module" as const, value: name } });
const first = composeSnapshot({
  objects: readManifestFile(
    "t.yaml",
    ns("platform", true) +
      module("platform", "vpc", "", { isPublic: true }) +
      module("platform", "dns", "", { isPublic: true }) +
      version("platform", "vpc-1.0.0", "1.0.0", owned("vpc")) +
      version("platform", "dns-1.0.0", "1.0.0", owned("dns")),
  ).objects,
  errors: [],
  warnings: [],
});

/** A memo whose values say which call made them. */
function counting() {
  let made = 0;
  const memo = entryMemo<ResourceEntry, string>(`test/${Math.random()}`);
  const make = (r: ResourceEntry) => `${r.name}#${++made}`;
  return { memo, make, made: () => made };
}

describe("entryMemo", () => {
  const index0 = updateIndex(undefined, first, OPTIONS).index;
  const vpc0 = index0.byId.get("module/platform/vpc")!;
  const dns0 = index0.byId.get("module/platform/dns")!;

  it("makes a value once per entry and index", () => {
    const { memo, make, made } = counting();
    expect(memo.get(index0, vpc0, make)).toBe("vpc#1");
    expect(memo.get(index0, vpc0, make)).toBe("vpc#1");
    expect(memo.get(index0, dns0, make)).toBe("dns#2");
    expect(made()).toBe(2);
  });

  it("takes over the values of unchanged entries from the index an update started from, and only those", () => {
    const { memo, make } = counting();
    memo.get(index0, vpc0, make);
    memo.get(index0, dns0, make);
    const index1 = updateIndex(
      { snapshot: first, index: index0 },
      withVersionSynced(first, "vpc-1.0.0", false),
      OPTIONS,
    ).index;
    const vpc1 = index1.byId.get("module/platform/vpc")!;
    const dns1 = index1.byId.get("module/platform/dns")!;
    expect(vpc1).not.toBe(vpc0);
    expect(dns1).toBe(dns0);
    expect(memo.get(index1, dns1, make)).toBe("dns#2");
    expect(memo.get(index1, vpc1, make)).toBe("vpc#3");
  });

  it("does not look further back than one update, nor at an unrelated index", () => {
    const { memo, make } = counting();
    memo.get(index0, dns0, make);
    const second = withVersionSynced(first, "vpc-1.0.0", false);
    const index1 = updateIndex({ snapshot: first, index: index0 }, second, OPTIONS).index;
    const index2 = updateIndex(
      { snapshot: second, index: index1 },
      withVersionSynced(second, "vpc-1.0.0", true),
      OPTIONS,
    ).index;
    // index1 never made dns's value, and index0 is two updates back.
    expect(index2.byId.get("module/platform/dns")).toBe(dns0);
    expect(memo.get(index2, dns0, make)).toBe("dns#2");
    const fresh = updateIndex(undefined, first, OPTIONS).index;
    expect(memo.peek(fresh, fresh.byId.get("module/platform/dns")!)).toBeUndefined();
  });

  it("peeks without making, and keeps what is set", () => {
    const { memo } = counting();
    expect(memo.peek(index0, vpc0)).toBeUndefined();
    memo.set(index0, vpc0, "set");
    expect(memo.peek(index0, vpc0)).toBe("set");
  });
});
