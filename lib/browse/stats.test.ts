import { describe, expect, it } from "vitest";
import { ALL_VIEWER, PUBLIC_VIEWER } from "../auth/viewer";
import { module, ns, provider, qs, scan, stateFromYaml, version } from "../testing/fixture";
import { getStats } from "./stats";
import { downloadsInUse, DOWNLOADS_MAX_AGE_MS } from "./state";

const yaml =
  ns("a", true) +
  ns("c", false) +
  module("a", "vpc", "    storageConfig:\n      s3: {bucket: x, region: y}\n", { isPublic: true, latest: "v2.0.0" }) +
  version("a", "vpc-1", "1.0.0", { moduleRef: "vpc", size: 100 }) +
  version("a", "vpc-2", "2.0.0", {
    moduleRef: "vpc",
    size: 50,
    sourceScan: scan("2026-01-01T00:00:00Z", [
      ["C1", "x", "1", "HIGH"],
      ["C2", "y", "1", "LOW"],
    ]),
  }) +
  provider("a", "aws", { isPublic: true, latest: "v5.0.0" }) +
  version("a", "aws-1", "5.0.0", { providerRef: "aws", os: "linux", arch: "amd64", synced: false }) +
  version("a", "aws-2", "5.0.0", { providerRef: "aws", os: "darwin", arch: "arm64", syncStatus: "Failed" }) +
  module("c", "secret", "", { isPublic: true }) +
  version("c", "s-1", "1.0.0", { moduleRef: "secret", size: 1000 });

const downloads = `
- {namespace: a, kind: module, name: vpc, version: 2.0.0, count: 5, lastDownloadedAt: "2026-11-20T00:00:00Z"}
- {namespace: a, kind: module, name: vpc, version: v2.0.0, count: 1, lastDownloadedAt: "2026-11-21T00:00:00Z"}
- {namespace: a, kind: provider, name: aws, version: 5.0.0, count: 6}
- {namespace: c, kind: module, name: secret, version: 1.0.0, count: 100}
`;

describe("/stats (docs/browse-api.md §6.8)", () => {
  const state = stateFromYaml(yaml, downloads);

  it("aggregates over visible resources only", () => {
    expect(getStats(state, PUBLIC_VIEWER, qs())).toEqual({
      totalModules: 1,
      totalProviders: 1,
      totalDepots: 0,
      totalVersions: 4,
      totalStorageBytes: 150,
      totalDownloads: 12,
      downloadsAvailable: true,
      syncHealth: { syncedVersions: 2, unsyncedVersions: 1, failedVersions: 1 },
      securityPosture: { critical: 0, high: 1, medium: 0, low: 1, unknown: 0, totalAffectedResources: 1 },
      storageDistribution: [
        { backend: "s3", count: 2 },
        { backend: "unknown", count: 2 },
      ],
      mostDownloaded: [
        // Spellings merged (5 + 1); ties on count broken by lastDownloadedAt, missing last.
        {
          namespace: "a",
          kind: "module",
          name: "vpc",
          version: "2.0.0",
          downloadCount: 6,
          lastDownloadedAt: "2026-11-21T00:00:00Z",
        },
        { namespace: "a", kind: "provider", name: "aws", version: "5.0.0", downloadCount: 6 },
      ],
    });
  });

  it("filters the leaderboard by visibility before taking the top 10", () => {
    const all = getStats(state, ALL_VIEWER, qs());
    expect(all.mostDownloaded[0]).toMatchObject({ name: "secret", downloadCount: 100 });
    expect(getStats(state, ALL_VIEWER, qs("namespace=c")).totalModules).toBe(1);
    expect(getStats(state, PUBLIC_VIEWER, qs("namespace=c"))).toMatchObject({
      totalModules: 0,
      totalVersions: 0,
      mostDownloaded: [],
    });
  });

  it("reports downloads unavailable when a Valkey table is older than 10 minutes", () => {
    const stale = { ...state, downloads: { ...state.downloads!, source: "valkey" as const, builtAt: 0 } };
    expect(downloadsInUse(stale, DOWNLOADS_MAX_AGE_MS + 1)).toBeUndefined();
    expect(getStats(stale, PUBLIC_VIEWER, qs(), DOWNLOADS_MAX_AGE_MS + 1)).toMatchObject({
      totalDownloads: 0,
      downloadsAvailable: false,
      mostDownloaded: [],
    });
  });

  it("counts the 10 minutes from Valkey's last answer with the same table, not from when it was built", () => {
    const old = { ...state, downloads: { ...state.downloads!, source: "valkey" as const, builtAt: 0 } };
    const confirmed = { ...old, downloadsConfirmedAt: () => DOWNLOADS_MAX_AGE_MS };
    expect(downloadsInUse(confirmed, DOWNLOADS_MAX_AGE_MS + 1)).toBe(old.downloads);
    expect(downloadsInUse(confirmed, 2 * DOWNLOADS_MAX_AGE_MS + 1)).toBeUndefined();
  });
});
