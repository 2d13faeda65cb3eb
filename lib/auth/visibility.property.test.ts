// Property: over random registries, bindings and viewers, no JSON response of any endpoint names a
// resource (or depot) the viewer may not see by the rules of visibility.ts, and visible sets grow
// from public to scoped to all.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { graphResponse } from "../testing/fixture";
import { ALL_VIEWER, PUBLIC_VIEWER, bindingGrants, type Viewer } from "./viewer";
import { globMatch } from "./glob";
import { joinDownloads } from "../downloads/join";
import { buildIndex } from "../registry/index/build";
import { composeSnapshot } from "../registry/snapshot";
import type { Depot, GroupBinding, Module, Namespace, Provider, RegistryObject, Version } from "../registry/types";
import { getResourceDetail } from "../browse/detail";
import { listDepots } from "../browse/depots";
import { listNamespaces } from "../browse/namespaces";
import { listResources } from "../browse/resources";
import { getScanFindings } from "../browse/scan-findings";
import { snapshotConfigMaps, type BrowseState } from "../browse/state";
import { getStats } from "../browse/stats";
import { listVersions } from "../browse/versions";

const PUB = { "opendepot.defdev.io/public": "true" };
const meta = (name: string, namespace: string, isPublic: boolean) => ({
  name,
  namespace,
  labels: isPublic ? PUB : {},
  ownerReferences: [],
});
const id = (prefix: string, i: number) => `${prefix}-${String(i).padStart(4, "0")}-z`;

const registryArb = fc.record({
  namespaces: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
  resources: fc.array(
    fc.record({
      kind: fc.constantFrom("module", "provider"),
      ns: fc.nat(3),
      isPublic: fc.boolean(),
      renamed: fc.boolean(),
      versions: fc.nat(3),
    }),
    { maxLength: 14 },
  ),
  depots: fc.array(
    fc.record({
      ns: fc.nat(3),
      isPublic: fc.boolean(),
      entries: fc.array(fc.record({ target: fc.nat(13), qualified: fc.boolean() }), { maxLength: 6 }),
    }),
    {
      maxLength: 4,
    },
  ),
  bindings: fc.array(
    fc.record({
      modules: fc.array(fc.constantFrom("*", "mod-000?-z", "cfg-*", "mod-00[0-3]*", "x", "mod-*"), { maxLength: 2 }),
      providers: fc.array(
        fc.oneof(
          fc.constant("*"),
          fc.nat(13).map((i) => id("prv", i)),
        ),
        { maxLength: 2 },
      ),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

type Registry = typeof registryArb extends fc.Arbitrary<infer T> ? T : never;

function build(r: Registry) {
  const objects: RegistryObject[] = [];
  const nsName = (i: number) => `ns${i % r.namespaces.length}`;
  r.namespaces.forEach((p, i) =>
    objects.push({ kind: "Namespace", name: `ns${i}`, labels: p ? PUB : {} } satisfies Namespace),
  );
  const resources = r.resources.map((x, i) => {
    const name = id(x.kind === "module" ? "mod" : "prv", i);
    const registryName = x.renamed ? id("cfg", i) : name;
    const ns = nsName(x.ns);
    const status = { synced: true, syncStatus: "", latestVersion: "" };
    if (x.kind === "module") {
      objects.push({
        kind: "Module",
        metadata: meta(name, ns, x.isPublic),
        config: {
          name: x.renamed ? registryName : "",
          provider: "aws",
          repoUrl: "",
          repoOwner: "",
          versionConstraints: "",
        },
        status,
      } satisfies Module);
    } else {
      objects.push({
        kind: "Provider",
        metadata: meta(name, ns, x.isPublic),
        config: { name: x.renamed ? registryName : "", namespace: "", sourceRepository: "", versionConstraints: "" },
        status: { ...status, resolvedSourceRepository: "" },
      } satisfies Provider);
    }
    for (let v = 0; v < x.versions; v++) {
      objects.push({
        kind: "Version",
        metadata: {
          ...meta(`${name}-v${v}`, ns, false),
          ownerReferences: [{ kind: x.kind === "module" ? "Module" : "Provider", name }],
        },
        spec: {
          version: `1.${v}.0`,
          fileName: "",
          operatingSystem: "linux",
          architecture: "amd64",
          moduleConfigRefName: "",
          providerConfigRefName: "",
        },
        status: {
          synced: v % 2 === 0,
          syncStatus: "",
          checksum: "",
          archiveSizeBytes: 10,
          sourceScan: {
            scannedAt: "2026-01-01T00:00:00Z",
            findings: [
              {
                vulnerabilityID: `CVE-${name}`,
                pkgName: "p",
                installedVersion: "1",
                fixedVersion: "",
                severity: "HIGH",
                title: "",
              },
            ],
          },
        },
      } satisfies Version);
    }
    return { ...x, name, registryName, ns };
  });
  r.depots.forEach((d, i) => {
    const ns = nsName(d.ns);
    const entries = d.entries.filter((e) => e.target < resources.length).map((e) => ({ e, res: resources[e.target]! }));
    const text = (x: (typeof entries)[number]) => (x.e.qualified ? `${x.res.ns}/${x.res.name}` : x.res.name);
    objects.push({
      kind: "Depot",
      metadata: meta(id("dep", i), ns, d.isPublic),
      modules: entries.filter((x) => x.res.kind === "module").map(text),
      providers: entries.filter((x) => x.res.kind === "provider").map(text),
    } satisfies Depot);
  });
  const bindings: GroupBinding[] = r.bindings.map((b, i) => ({
    kind: "GroupBinding",
    metadata: meta(`b${i}`, "opendepot-system", false),
    expression: "true",
    moduleResources: b.modules,
    providerResources: b.providers,
  }));
  objects.push(...bindings);
  const snapshot = composeSnapshot({
    objects: objects.map((object) => ({ object, origin: "prop" })),
    errors: [],
    warnings: [],
  });
  const index = buildIndex(snapshot, { bindingsNamespace: "opendepot-system" });
  const downloads = joinDownloads(index, {
    source: "file",
    builtAt: Date.now(),
    resources: new Map(),
    versions: new Map(),
    leaderboard: resources.map((x) => ({
      namespace: x.ns,
      kind: x.kind,
      name: x.registryName,
      version: "1.0.0",
      score: 1,
    })),
  });
  const state: BrowseState = { index, downloads, readConfigMap: snapshotConfigMaps(index) };
  return { state, resources, bindings, publicNs: new Set(r.namespaces.flatMap((p, i) => (p ? [`ns${i}`] : []))) };
}

/** The visibility rule written out again, independently of visibility.ts. */
function oracle(viewer: Viewer, res: ReturnType<typeof build>["resources"][number], publicNs: Set<string>): boolean {
  if (viewer.kind === "all") return true;
  if (publicNs.has(res.ns) && res.isPublic) return true;
  if (viewer.kind === "public") return false;
  const b = viewer.binding;
  return res.kind === "module"
    ? b.moduleResources.some((p) => globMatch(p, res.registryName))
    : b.providerResources.includes("*") || b.providerResources.includes(res.registryName);
}

async function everyBody(state: BrowseState, viewer: Viewer): Promise<string> {
  const bodies: unknown[] = [];
  const q = (s = "") => new URLSearchParams(s);
  for (const query of [
    "page_size=100",
    "page_size=100&sort_by=downloads&sort_dir=desc",
    "severity=LOW&page_size=100",
    "q=z&page_size=100",
  ]) {
    bodies.push(listResources(state, viewer, q(query)));
  }
  bodies.push(
    listDepots(state, viewer, q()),
    graphResponse(state, viewer, q()),
    graphResponse(state, viewer, q("limit=3")),
    getStats(state, viewer, q()),
  );
  bodies.push(listNamespaces(state, viewer, q("include=visible")));
  for (const r of state.index.resources) {
    const path = { namespace: r.namespace, kind: r.kind, name: r.name };
    for (const call of [
      () => getResourceDetail(state, viewer, path),
      () => listVersions(state, viewer, path, q()),
      () => getScanFindings(state, viewer, path, q()),
    ]) {
      try {
        bodies.push(await call());
      } catch {
        // 404 for invisible resources: nothing is returned.
      }
    }
  }
  return JSON.stringify(bodies);
}

describe("visibility property", () => {
  it("never leaks an invisible resource or depot, and visible sets grow monotonically", async () => {
    await fc.assert(
      fc.asyncProperty(registryArb, async (r) => {
        const { state, resources, bindings, publicNs } = build(r);
        const viewers: Viewer[] = [
          PUBLIC_VIEWER,
          ...bindings.map((b) => ({
            kind: "scoped" as const,
            identity: { subject: "s", groups: ["g"], tokenSource: "header" as const, expiresAt: 0 },
            binding: bindingGrants(b),
          })),
          ALL_VIEWER,
        ];
        const visibleCounts: number[] = [];
        for (const viewer of viewers) {
          const body = await everyBody(state, viewer);
          const visible = resources.filter((x) => oracle(viewer, x, publicNs));
          visibleCounts.push(visible.length);
          for (const x of resources) {
            if (visible.includes(x)) continue;
            expect(body).not.toContain(x.name);
            expect(body).not.toContain(x.registryName);
          }
          const listed = listResources(state, viewer, new URLSearchParams("page_size=100"))
            .items.map((c) => c.name)
            .sort();
          expect(listed).toEqual(visible.map((x) => x.name).sort());
          // Depots: a public-only viewer sees public depots only; a scoped one also depots managing what it sees.
          for (const d of state.index.depots) {
            const shown = body.includes(`"${d.name}"`);
            const managesVisible = [...d.modules, ...d.providers].some((e) =>
              oracle(
                viewer,
                resources.find((x) => x.name === state.index.byId.get(e.id)!.name)!,
                publicNs,
              ),
            );
            const allowed = viewer.kind === "all" || d.isPublic || (viewer.kind === "scoped" && managesVisible);
            if (!allowed) expect(shown).toBe(false);
          }
        }
        const [pub, ...rest] = visibleCounts;
        const all = rest.pop()!;
        for (const scoped of rest) expect(pub! <= scoped && scoped <= all).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
