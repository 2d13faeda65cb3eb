import { describe, expect, it } from "vitest";
import { ALL_VIEWER, PUBLIC_VIEWER } from "../auth/viewer";
import { BadRequestError } from "../errors";
import { module, ns, provider, qs, scan, stateFromYaml, version } from "../testing/fixture";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { filterResources, listResources, parseResourceQuery, SORT_KEYS, sortResources } from "./resources";
import { visibleSet } from "./visibility";
import { readDownloadsEntries } from "../registry/sources/downloads-file";
import { joinDownloads } from "../downloads/join";
import { parseDocuments } from "../registry/sources/manifest-file";

const registry = stateFromYaml(
  ns("pub", true) +
    ns("priv", false) +
    module("pub", "alpha", "", { isPublic: true, latest: "v1.10.0" }) +
    version("pub", "a1", "1.10.0", {
      moduleRef: "alpha",
      sourceScan: scan("2026-01-03T00:00:00Z", [["C", "p", "1", "CRITICAL"]]),
    }) +
    module("pub", "beta", "", { isPublic: true, latest: "v1.9.0" }) +
    version("pub", "b1", "1.9.0", { moduleRef: "beta", sourceScan: scan("2026-01-01T00:00:00Z", []) }) +
    module("pub", "gamma", "", { isPublic: true }) +
    module("pub", "hidden") +
    module("priv", "secret", "", { isPublic: true }) +
    provider("pub", "aws", { isPublic: true, latest: "v5.0.0" }) +
    version("pub", "p1", "5.0.0", {
      providerRef: "aws",
      os: "linux",
      arch: "amd64",
      sourceScan: scan("2026-01-02T00:00:00Z", [["L", "p", "1", "LOW"]]),
    }),
  `- {namespace: pub, kind: module, name: beta, version: 1.9.0, count: 7}
- {namespace: pub, kind: module, name: alpha, version: 1.10.0, count: 3}`,
);

const names = (q: string, viewer = PUBLIC_VIEWER) => listResources(registry, viewer, qs(q)).items.map((c) => c.name);

describe("/resources visibility (docs/browse-api.md §3.1, docs/browse-api.md §3.2)", () => {
  it("shows public resources only to the public viewer: both labels needed", () => {
    expect(names("")).toEqual(["alpha", "aws", "beta", "gamma"]);
  });
  it("shows everything to all, and public_only=true narrows it", () => {
    expect(names("", ALL_VIEWER)).toEqual(["alpha", "aws", "beta", "gamma", "hidden", "secret"]);
    expect(names("public_only=true", ALL_VIEWER)).toEqual(["alpha", "aws", "beta", "gamma"]);
  });
});

describe("/resources filters (docs/browse-api.md §6.2)", () => {
  it("matches q per field, case-insensitively, trimmed", () => {
    expect(names("q=%20ALP%20")).toEqual(["alpha"]);
    expect(names("q=1.10")).toEqual(["alpha"]);
    // No match across field boundaries (name + namespace).
    expect(names("q=alpha%20pub")).toEqual([]);
  });
  it("keeps cards at or above a severity; UNKNOWN keeps every card with a finding", () => {
    expect(names("severity=high")).toEqual(["alpha"]);
    expect(names("severity=UNKNOWN")).toEqual(["alpha", "aws"]);
  });
  it("os/arch exclude modules and providers without the platform, case-insensitively", () => {
    expect(names("os=LINUX")).toEqual(["aws"]);
    expect(names("os=linux&arch=arm64")).toEqual([]);
  });
  it("namespace is repeatable and an empty value means not given", () => {
    expect(names("namespace=&kind=provider")).toEqual(["aws"]);
    expect(names("namespace=pub&namespace=priv", ALL_VIEWER)).toHaveLength(6);
  });
  it("rejects invalid enums with 400 naming the allowed values, in validation order", () => {
    expect(() => listResources(registry, PUBLIC_VIEWER, qs("sort_by=bogus&kind=nope"))).toThrowError(
      expect.objectContaining({ param: "kind", allowed: ["module", "provider"] }) as Error,
    );
    try {
      listResources(registry, PUBLIC_VIEWER, qs("sort_by=Bogus"));
    } catch (err) {
      expect(err).toBeInstanceOf(BadRequestError);
      expect((err as BadRequestError).message).toContain("allowed values: name, namespace, latest_version");
    }
  });
});

describe("/resources sorting (docs/browse-api.md §6.2)", () => {
  it("sorts latest_version by SemVer with missing values last in both directions", () => {
    expect(names("sort_by=latest_version")).toEqual(["beta", "alpha", "aws", "gamma"]);
    expect(names("sort_by=latest_version&sort_dir=desc")).toEqual(["aws", "alpha", "beta", "gamma"]);
  });
  it("sorts severity most severe first, clean below LOW, unscanned last", () => {
    expect(names("sort_by=severity")).toEqual(["alpha", "aws", "beta", "gamma"]);
    expect(names("sort_by=severity&sort_dir=desc")).toEqual(["beta", "aws", "alpha", "gamma"]);
  });
  it("sorts by downloads with missing as 0, ties ascending by namespace, name, kind", () => {
    expect(names("sort_by=downloads&sort_dir=desc")).toEqual(["beta", "alpha", "aws", "gamma"]);
    expect(names("sort_by=downloads")).toEqual(["aws", "gamma", "alpha", "beta"]);
  });
  it("sorts last_scanned as instants", () => {
    expect(names("sort_by=last_scanned")).toEqual(["beta", "aws", "alpha", "gamma"]);
  });
});

describe("/resources pagination (docs/browse-api.md §4.3)", () => {
  it("pages, clamps page_size, and treats malformed integers as not given", () => {
    const r = listResources(registry, PUBLIC_VIEWER, qs("page=2&page_size=3"));
    expect(r).toMatchObject({ totalCount: 4, page: 2, pageSize: 3 });
    expect(r.items.map((c) => c.name)).toEqual(["gamma"]);
    expect(listResources(registry, PUBLIC_VIEWER, qs("page_size=1000")).pageSize).toBe(100);
    expect(listResources(registry, PUBLIC_VIEWER, qs("page=abc&page_size=2.5"))).toMatchObject({
      page: 1,
      pageSize: 20,
    });
    expect(listResources(registry, PUBLIC_VIEWER, qs("page=-3")).page).toBe(1);
  });
  it("returns an empty page with the true total for a huge page", () => {
    const r = listResources(registry, PUBLIC_VIEWER, qs("page=100000000000000000000"));
    expect(r).toMatchObject({ items: [], totalCount: 4, page: Number.MAX_SAFE_INTEGER });
  });
  it("attaches download totals to cards", () => {
    const beta = listResources(registry, PUBLIC_VIEWER, qs("q=beta")).items[0]!;
    expect(beta.totalDownloads).toBe(7);
  });
});

describe("precomputed sort orders (performance: sort once per index, filter per request)", () => {
  // The demo registry exercises every sort key with missing values, ties and downloads.
  const demoDir = path.join(import.meta.dirname, "..", "..", "demo", "registry");
  const files = readdirSync(demoDir, { recursive: true, withFileTypes: true }).filter(
    (e) => e.isFile() && e.name.endsWith(".yaml") && e.name !== "downloads.yaml",
  );
  const demo = stateFromYaml(
    files.map((e) => readFileSync(path.join(e.parentPath, e.name), "utf8")).join("\n---\n"),
    readFileSync(path.join(demoDir, "downloads.yaml"), "utf8"),
  );

  it("give the same pages as filtering first and sorting the result, for every key, direction and filter", () => {
    for (const sortBy of SORT_KEYS) {
      for (const sortDir of ["asc", "desc"] as const) {
        for (const filter of [
          "",
          "kind=provider",
          "q=aws",
          "severity=LOW",
          "synced=false",
          "namespace=team-a&namespace=shared",
        ]) {
          for (const viewer of [PUBLIC_VIEWER, ALL_VIEWER]) {
            const q = qs(`${filter}&sort_by=${sortBy}&sort_dir=${sortDir}&page_size=100`);
            const query = parseResourceQuery(q);
            const expected = sortResources(
              filterResources(visibleSet(demo.index, viewer).resources, query),
              sortBy,
              sortDir,
              demo.downloads,
            ).map((r) => r.id);
            const actual = listResources(demo, viewer, q).items.map((c) => `${c.kind}/${c.namespace}/${c.name}`);
            expect(actual, `${sortBy} ${sortDir} ${filter}`).toEqual(expected);
          }
        }
      }
    }
  });
});

describe("sort_by=downloads follows the table in use", () => {
  it("recomputes the order for a new downloads table over the same index", () => {
    const order = (s: typeof registry) =>
      listResources(s, PUBLIC_VIEWER, qs("kind=module&sort_by=downloads&sort_dir=desc")).items.map((c) => c.name);
    expect(order(registry).slice(0, 2)).toEqual(["beta", "alpha"]);
    const raw = readDownloadsEntries(
      parseDocuments(
        "downloads.yaml",
        "- {namespace: pub, kind: module, name: beta, version: 1.9.0, count: 1}\n- {namespace: pub, kind: module, name: alpha, version: 1.10.0, count: 9}",
      )[0],
      "downloads.yaml",
      Date.now(),
    ).downloads;
    const next = { ...registry, downloads: joinDownloads(registry.index, raw) };
    expect(order(next).slice(0, 2)).toEqual(["alpha", "beta"]);
    expect(order(registry).slice(0, 2)).toEqual(["beta", "alpha"]);
  });
});
