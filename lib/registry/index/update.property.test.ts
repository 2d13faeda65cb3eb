// Property: a random registry changed by a random sequence of add, modify and delete events gives,
// through updateIndex one snapshot at a time, the same index (and the same answer from every browse
// query, for every viewer class, with visible sets and sort orders carried over from index to
// index) as a full build of the final snapshot.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ALL_VIEWER, PUBLIC_VIEWER, bindingGrants, type Viewer } from "../../auth/viewer";
import { depotsView, type DepotsView } from "../../browse/depots-view";
import { ResultCache } from "../../browse/result-cache";
import { getResourceDetail } from "../../browse/detail";
import { listDepots } from "../../browse/depots";
import { listNamespaces } from "../../browse/namespaces";
import { listResources } from "../../browse/resources";
import { getScanFindings } from "../../browse/scan-findings";
import { snapshotConfigMaps, type BrowseState } from "../../browse/state";
import { getStats } from "../../browse/stats";
import { listVersions } from "../../browse/versions";
import { joinDownloads, rejoinDownloads, type JoinedDownloads } from "../../downloads/join";
import { graphResponse } from "../../testing/fixture";
import type { RawDownloads } from "../download-records";
import { composeSnapshot, patchSnapshot, type Snapshot } from "../snapshot";
import type {
  ConfigMap,
  Depot,
  GroupBinding,
  Module,
  Namespace,
  Provider,
  RegistryObject,
  StorageConfig,
  Version,
} from "../types";
import { buildIndex } from "./build";
import type { RegistryIndex } from "./types";
import { updateIndex } from "./update";

const PUB = { "opendepot.defdev.io/public": "true" };
const NS = ["ns0", "ns1", "ns2"];
const NAMES = ["a", "b", "c", "d", "e"];
const VERSIONS = ["1.0.0", "v1.0.0", "1.1.0", "2.0.0-rc.1", "main", " 1.1 "];
const BINDINGS_NS = "opendepot-system";
const OPTIONS = { bindingsNamespace: BINDINGS_NS };
const meta = (name: string, namespace: string, isPublic: boolean, extra: Partial<Module["metadata"]> = {}) => ({
  name,
  namespace,
  labels: isPublic ? PUB : {},
  ownerReferences: [],
  ...extra,
});

const nsArb = fc.constantFrom(...NS);
const nameArb = fc.constantFrom(...NAMES);
const storageArb: fc.Arbitrary<StorageConfig | undefined> = fc.constantFrom(
  undefined,
  { s3: { bucket: "b", region: "r" } },
  { gcs: { bucket: "g" } },
);
const scanArb = fc.option(
  fc.record({
    scannedAt: fc.constantFrom("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "bogus"),
    findings: fc.array(
      fc.record({
        vulnerabilityID: fc.constantFrom("CVE-1", "CVE-2", "AVD-3"),
        pkgName: fc.constantFrom("p", "q"),
        installedVersion: fc.constant("1"),
        fixedVersion: fc.constant(""),
        severity: fc.constantFrom("CRITICAL", "HIGH", "LOW", "UNKNOWN" as const),
        title: fc.constant(""),
      }),
      { maxLength: 2 },
    ),
  }),
  { nil: undefined },
);

const moduleArb: fc.Arbitrary<Module> = fc
  .record({
    ns: nsArb,
    name: nameArb,
    isPublic: fc.boolean(),
    configName: fc.constantFrom("", "", "x", "a"),
    latest: fc.constantFrom("", "v1.0.0", "2.0.0-rc.1", "9.9.9"),
    synced: fc.boolean(),
    storage: storageArb,
  })
  .map((m) => ({
    kind: "Module",
    metadata: meta(m.name, m.ns, m.isPublic),
    config: {
      name: m.configName,
      provider: "aws",
      repoUrl: "",
      repoOwner: "",
      versionConstraints: "",
      ...(m.storage ? { storageConfig: m.storage } : {}),
    },
    status: { synced: m.synced, syncStatus: m.synced ? "" : "Failed to sync", latestVersion: m.latest },
  }));

const providerArb: fc.Arbitrary<Provider> = fc
  .record({ ns: nsArb, name: nameArb, isPublic: fc.boolean(), configName: fc.constantFrom("", "x", "b") })
  .map((p) => ({
    kind: "Provider",
    metadata: meta(p.name, p.ns, p.isPublic),
    config: { name: p.configName, namespace: "hashicorp", sourceRepository: "", versionConstraints: "" },
    status: { synced: true, syncStatus: "", latestVersion: "", resolvedSourceRepository: "" },
  }));

const targetArb = fc.constantFrom("", "", ...NAMES, "x");
const versionArb: fc.Arbitrary<Version> = fc
  .record({
    ns: nsArb,
    name: fc.constantFrom("v1", "v2", "v3", "v4", "v5", "v6"),
    owners: fc.array(fc.record({ kind: fc.constantFrom("Module", "Provider"), name: targetArb }), { maxLength: 2 }),
    moduleRef: targetArb,
    providerRef: targetArb,
    moduleLabel: targetArb,
    providerLabel: targetArb,
    type: fc.constantFrom(undefined, "Module", "Provider"),
    version: fc.constantFrom(...VERSIONS),
    os: fc.constantFrom("", "linux", "darwin"),
    synced: fc.boolean(),
    syncStatus: fc.constantFrom("", "Syncing", "Failed"),
    size: fc.option(fc.nat(1000), { nil: undefined }),
    sourceScan: scanArb,
    binaryScan: scanArb,
  })
  .map((v) => ({
    kind: "Version",
    metadata: meta(v.name, v.ns, false, {
      ownerReferences: v.owners,
      labels: {
        ...(v.moduleLabel ? { "opendepot.defdev.io/module": v.moduleLabel } : {}),
        ...(v.providerLabel ? { "opendepot.defdev.io/provider": v.providerLabel } : {}),
      },
    }),
    spec: {
      ...(v.type ? { type: v.type } : {}),
      version: v.version,
      fileName: "",
      operatingSystem: v.os,
      architecture: v.os === "" ? "" : "amd64",
      moduleConfigRefName: v.moduleRef,
      providerConfigRefName: v.providerRef,
    },
    status: {
      synced: v.synced,
      syncStatus: v.syncStatus,
      checksum: "",
      ...(v.size !== undefined ? { archiveSizeBytes: v.size } : {}),
      ...(v.sourceScan ? { sourceScan: v.sourceScan } : {}),
      ...(v.binaryScan ? { binaryScan: v.binaryScan } : {}),
    },
  }));

const depotArb: fc.Arbitrary<Depot> = fc
  .record({
    ns: nsArb,
    name: fc.constantFrom("d1", "d2", "d3"),
    isPublic: fc.boolean(),
    storage: storageArb,
    modules: fc.array(fc.constantFrom(...NAMES, "ns1/a", "ns2/b", "x", " c ", "ns0/"), { maxLength: 4 }),
    providers: fc.array(fc.constantFrom(...NAMES, "ns0/b", "ns1/c"), { maxLength: 3 }),
  })
  .map((d) => ({
    kind: "Depot",
    metadata: meta(d.name, d.ns, d.isPublic),
    ...(d.storage ? { storageConfig: d.storage } : {}),
    pollingIntervalMinutes: 15,
    modules: d.modules,
    providers: d.providers,
  }));

const namespaceArb: fc.Arbitrary<Namespace> = fc
  .record({ name: nsArb, isPublic: fc.boolean() })
  .map((n) => ({ kind: "Namespace", name: n.name, labels: n.isPublic ? PUB : {} }));

const bindingArb: fc.Arbitrary<GroupBinding> = fc
  .record({
    name: fc.constantFrom("b0", "b1"),
    modules: fc.array(fc.constantFrom("*", "a", "x", "[a-c]"), { maxLength: 2 }),
    providers: fc.array(fc.constantFrom("*", "b", "x"), { maxLength: 2 }),
  })
  .map((b) => ({
    kind: "GroupBinding",
    metadata: meta(b.name, BINDINGS_NS, false),
    expression: "true",
    moduleResources: b.modules,
    providerResources: b.providers,
  }));

const configMapArb: fc.Arbitrary<ConfigMap> = fc
  .record({ ns: nsArb, text: fc.constantFrom("IyBB", "IyBC") })
  .map((c) => ({ kind: "ConfigMap", metadata: meta("readme", c.ns, false), data: { "README.md": c.text } }));

const objectArb: fc.Arbitrary<RegistryObject> = fc.oneof(
  { weight: 3, arbitrary: moduleArb },
  { weight: 2, arbitrary: providerArb },
  { weight: 8, arbitrary: versionArb },
  { weight: 2, arbitrary: depotArb },
  { weight: 1, arbitrary: namespaceArb },
  { weight: 1, arbitrary: bindingArb },
  { weight: 1, arbitrary: configMapArb },
);

/**
 * An event: put (add, or replace the object of the same identity), edit (the n-th object gets the
 * content of a random one of its kind), delete the n-th object, or the same content anew.
 */
const eventArb = fc.oneof(
  { weight: 3, arbitrary: objectArb.map((object) => ({ put: object })) },
  { weight: 3, arbitrary: fc.tuple(fc.nat(), objectArb).map(([n, object]) => ({ edit: n, object })) },
  { weight: 1, arbitrary: fc.nat().map((n) => ({ del: n })) },
  { weight: 1, arbitrary: fc.nat().map((n) => ({ same: n })) },
);

function identity(o: RegistryObject): string {
  return o.kind === "Namespace" ? `Namespace/${o.name}` : `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
}

/** A source in miniature: unchanged objects stay the same objects, a put replaces in place. */
class Store {
  private readonly objects = new Map<string, RegistryObject>();
  apply(
    e: { put: RegistryObject } | { edit: number; object: RegistryObject } | { del: number } | { same: number },
  ): void {
    if ("put" in e) this.objects.set(identity(e.put), e.put);
    else if ("edit" in e) {
      const same = [...this.objects.values()].filter((o) => o.kind === e.object.kind);
      const target = same[e.edit % Math.max(1, same.length)];
      if (!target || target.kind === "Namespace" || e.object.kind === "Namespace") return;
      const edited = { ...e.object, metadata: { ...e.object.metadata, name: target.metadata.name } };
      this.objects.set(identity(target), {
        ...edited,
        metadata: { ...edited.metadata, namespace: target.metadata.namespace },
      } as RegistryObject);
    } else if ("del" in e) {
      const keys = [...this.objects.keys()];
      if (keys.length > 0) this.objects.delete(keys[e.del % keys.length]!);
    } else {
      // The same content as a new object, as a source re-reading a file without keeping objects would give.
      const keys = [...this.objects.keys()];
      if (keys.length === 0) return;
      const k = keys[e.same % keys.length]!;
      this.objects.set(k, structuredClone(this.objects.get(k)!));
    }
  }
  /** The same objects as the sources send them after a change: `previous` patched (its `changes` say what moved). */
  patched(previous: Snapshot): Snapshot {
    const before = new Map(
      [
        ...previous.modules,
        ...previous.providers,
        ...previous.versions,
        ...previous.depots,
        ...previous.groupBindings,
        ...previous.namespaces,
        ...previous.configMaps,
      ].map((o) => [identity(o), o]),
    );
    const replace = new Map<RegistryObject, RegistryObject>();
    const add: RegistryObject[] = [];
    for (const [k, o] of this.objects) {
      const b = before.get(k);
      if (!b) add.push(o);
      else if (b !== o) replace.set(b, o);
    }
    const remove = new Set([...before].filter(([k]) => !this.objects.has(k)).map(([, o]) => o));
    return patchSnapshot(previous, { replace, add, remove, errors: [], warnings: [] });
  }

  snapshot(): Snapshot {
    return composeSnapshot({
      objects: [...this.objects.values()].map((object) => ({ object, origin: "prop" })),
      errors: [],
      warnings: [],
    });
  }
}

const RAW: RawDownloads = {
  source: "file",
  builtAt: 0,
  resources: new Map(
    NS.flatMap((ns) => NAMES.map((n) => [`${ns}\u0000module\u0000${n}`, { count: n.charCodeAt(0) }] as const)),
  ),
  versions: new Map(
    NS.flatMap((ns) => VERSIONS.map((v) => [`${ns}\u0000module\u0000a\u0000${v}`, { count: v.length }] as const)),
  ),
  leaderboard: NS.flatMap((ns) =>
    NAMES.map((n, i) => ({ namespace: ns, kind: "module" as const, name: n, version: VERSIONS[i]!, score: i + 1 })),
  ),
};

function viewers(index: RegistryIndex): Viewer[] {
  return [
    PUBLIC_VIEWER,
    ...index.groupBindings.map((b) => ({
      kind: "scoped" as const,
      identity: { subject: "s", groups: ["g"], tokenSource: "header" as const, expiresAt: 0 },
      binding: bindingGrants(b),
    })),
    ALL_VIEWER,
  ];
}

const NOW = Date.parse("2026-03-01T00:00:00Z");

const SORTS = [
  "page_size=100",
  "page_size=100&sort_by=downloads&sort_dir=desc",
  "page_size=100&sort_by=latest_version",
  "page_size=100&sort_by=last_scanned&sort_dir=desc",
];

/** The visible sets and sort orders of every viewer class, as requests leave them cached on an index. */
function warmDerived(state: BrowseState): void {
  for (const viewer of viewers(state.index))
    for (const query of SORTS) listResources(state, viewer, new URLSearchParams(query), NOW);
}

/** Every browse query's answer, for every viewer class, as one JSON text. */
async function everyAnswer(state: BrowseState): Promise<string> {
  const out: unknown[] = [];
  const q = (s = "") => new URLSearchParams(s);
  for (const viewer of viewers(state.index)) {
    for (const query of [
      ...SORTS,
      "severity=LOW&page_size=100",
      "synced=false&page_size=2&page=2",
      "q=a&kind=module",
      "os=linux&arch=amd64",
      "namespace=ns1&public_only=true",
    ]) {
      out.push(listResources(state, viewer, q(query), NOW));
    }
    out.push(
      listDepots(state, viewer, q()),
      graphResponse(state, viewer, q(), NOW),
      graphResponse(state, viewer, q("limit=3&namespace=ns0"), NOW),
      graphResponse(state, viewer, q("depot=ns1/d1"), NOW),
      depotsView(new ResultCache<DepotsView>({ maxEntries: 4 }), state, viewer, q(), NOW),
      getStats(state, viewer, q(), NOW),
      getStats(state, viewer, q("namespace=ns2"), NOW),
      listNamespaces(state, viewer, q("include=visible")),
      listNamespaces(state, viewer, q()),
    );
    for (const ns of NS) {
      for (const kind of ["module", "provider"] as const) {
        for (const name of NAMES) {
          const path = { namespace: ns, kind, name };
          for (const call of [
            () => getResourceDetail(state, viewer, path, NOW),
            () => listVersions(state, viewer, path, q(), NOW),
            () => getScanFindings(state, viewer, path, q()),
          ]) {
            try {
              out.push(await call());
            } catch (err) {
              out.push({ error: (err as { code?: string }).code ?? String(err) });
            }
          }
        }
      }
    }
  }
  return JSON.stringify(out);
}

function state(index: RegistryIndex, downloads: JoinedDownloads): BrowseState {
  return { index, downloads, readConfigMap: snapshotConfigMaps(index) };
}

/** The index as data: what an equal rebuild must match (the build time, snapshot id and caches aside). */
function comparable(index: RegistryIndex) {
  // byId may be a PatchedMap: compared as a Map of the same entries.
  const { builtAt: _b, snapshotId: _s, lineage: _l, derived: _d, ...rest } = index;
  return { ...rest, byId: new Map(rest.byId) };
}

describe("updateIndex", () => {
  it("gives the index and the answers a full build of the final snapshot gives", async () => {
    let incremental = 0;
    let patched = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(objectArb, { maxLength: 30 }),
        // Each step's snapshot composed anew (the changes found by comparing lists) or patched (read from the patch).
        fc.array(fc.tuple(fc.array(eventArb, { minLength: 1, maxLength: 3 }), fc.boolean()), {
          minLength: 1,
          maxLength: 8,
        }),
        async (initial, steps) => {
          const store = new Store();
          for (const o of initial) store.apply({ put: o });
          let snapshot = store.snapshot();
          let index = updateIndex(undefined, snapshot, OPTIONS).index;
          let downloads = joinDownloads(index, RAW);
          for (const [step, patch] of steps) {
            // Derived values of the index before: the next index's are carried over from them.
            warmDerived(state(index, downloads));
            for (const e of step) store.apply(e);
            const next = patch ? store.patched(snapshot) : store.snapshot();
            if (patch) patched += 1;
            const result = updateIndex({ snapshot, index }, next, OPTIONS);
            if (result.mode === "incremental") incremental += 1;
            downloads = rejoinDownloads(downloads, index, result.index) ?? joinDownloads(result.index, RAW);
            snapshot = next;
            index = result.index;
          }
          const oracle = buildIndex(snapshot, OPTIONS);
          expect(comparable(index)).toEqual(comparable(oracle));
          expect(await everyAnswer(state(index, downloads))).toBe(
            await everyAnswer(state(oracle, joinDownloads(oracle, RAW))),
          );
        },
      ),
      { numRuns: 300 },
    );
    // The property is about the incremental path: most steps must have taken it.
    expect(incremental).toBeGreaterThan(300);
    expect(patched).toBeGreaterThan(300);
  }, 120_000);
});
