import { describe, expect, it } from "vitest";
import { module, provider, scan, stateFromYaml, version } from "../../testing/fixture";
import { cardBase } from "../../browse/json";

describe("latest version (docs/browse-api.md §3.5)", () => {
  it("uses the status value when it matches a linked Version, spelled as the Version", () => {
    const s = stateFromYaml(
      module("p", "m", "", { latest: "v1.2.0" }) +
        version("p", "a", "1.2", { moduleRef: "m" }) +
        version("p", "b", "1.3.0", { moduleRef: "m" }),
    );
    expect(cardBase(s.index, s.index.byId.get("module/p/m")!).latestVersion).toBe("1.2");
  });

  it("falls back to the highest release, never a pre-release while a release exists", () => {
    const s = stateFromYaml(
      module("p", "m", "", { latest: "v9.9.9" }) +
        version("p", "a", "2.0.0-rc.1", { moduleRef: "m" }) +
        version("p", "b", "1.5.0", { moduleRef: "m" }),
    );
    expect(s.index.byId.get("module/p/m")!.latestVersion).toBe("1.5.0");
  });

  it("uses the highest version when there is no release, and the status alone without Versions", () => {
    const s = stateFromYaml(
      module("p", "m") +
        version("p", "a", "2.0.0-rc.1", { moduleRef: "m" }) +
        version("p", "b", "main", { moduleRef: "m" }) +
        module("p", "empty", "", { latest: "v3.0.0" }) +
        module("p", "none"),
    );
    expect(s.index.byId.get("module/p/m")!.latestVersion).toBe("2.0.0-rc.1");
    expect(cardBase(s.index, s.index.byId.get("module/p/empty")!).latestVersion).toBe("3.0.0");
    expect(cardBase(s.index, s.index.byId.get("module/p/empty")!).scanCounts).toBeUndefined();
    expect(cardBase(s.index, s.index.byId.get("module/p/none")!)).not.toHaveProperty("latestVersion");
  });
});

describe("findings and counts (docs/browse-api.md §3.7)", () => {
  it("counts the latest version's deduplicated findings, highest severity kept", () => {
    const s = stateFromYaml(
      module("p", "m", "", { latest: "v2.0.0" }) +
        version("p", "old", "1.0.0", {
          moduleRef: "m",
          sourceScan: scan("2026-01-01T00:00:00Z", [["CVE-1", "x", "1", "CRITICAL"]]),
        }) +
        version("p", "new", "2.0.0", {
          moduleRef: "m",
          sourceScan: scan("2026-02-01T00:00:00Z", [
            ["CVE-2", "x", "1", "low"],
            ["CVE-2", "x", "1", " High "],
            ["AVD-1", "", "", "bogus"],
            ["AVD-1", "", "", "MEDIUM"],
          ]),
        }),
    );
    const m = s.index.byId.get("module/p/m")!;
    expect(cardBase(s.index, m).scanCounts).toEqual({ critical: 0, high: 1, medium: 1, low: 0, unknown: 0 });
    expect(m.latestSourceFindings.map((f) => [f.vulnerabilityID, f.severity])).toEqual([
      ["CVE-2", "HIGH"],
      ["AVD-1", "MEDIUM"],
    ]);
    expect(cardBase(s.index, m).lastScanned).toBe("2026-02-01T00:00:00Z");
  });

  it("gives zeros for a clean latest scan and omits counts when the latest is unscanned", () => {
    const s = stateFromYaml(
      module("p", "clean") +
        version("p", "c", "1.0.0", { moduleRef: "clean", sourceScan: scan("2026-01-01T00:00:00Z", []) }) +
        module("p", "unscanned") +
        version("p", "u", "1.0.0", { moduleRef: "unscanned" }),
    );
    expect(cardBase(s.index, s.index.byId.get("module/p/clean")!).scanCounts).toEqual({
      critical: 0,
      high: 0,
      medium: 0,
      low: 0,
      unknown: 0,
    });
    expect(cardBase(s.index, s.index.byId.get("module/p/unscanned")!)).not.toHaveProperty("scanCounts");
    expect(cardBase(s.index, s.index.byId.get("module/p/unscanned")!)).not.toHaveProperty("lastScanned");
  });

  it("provider counts combine source and binary of every latest platform, shared findings once", () => {
    const shared: [string, string, string, string] = ["CVE-9", "stdlib", "1.22", "HIGH"];
    const s = stateFromYaml(
      provider("p", "aws", { latest: "v5.0.0" }) +
        version("p", "a1", "5.0.0", {
          providerRef: "aws",
          os: "linux",
          arch: "amd64",
          binaryScan: scan("2026-01-01T00:00:00Z", [shared]),
        }) +
        version("p", "a2", "5.0.0", {
          providerRef: "aws",
          os: "darwin",
          arch: "arm64",
          binaryScan: scan("2026-01-02T00:00:00Z", [shared]),
        }) +
        version("p", "a3", "4.0.0", {
          providerRef: "aws",
          os: "linux",
          arch: "amd64",
          binaryScan: scan("2026-01-01T00:00:00Z", [["CVE-OLD", "x", "1", "CRITICAL"]]),
        }),
    );
    const aws = s.index.byId.get("provider/p/aws")!;
    expect(cardBase(s.index, aws).scanCounts).toEqual({ critical: 0, high: 1, medium: 0, low: 0, unknown: 0 });
    expect(cardBase(s.index, aws).platforms).toEqual([
      { os: "darwin", arch: "arm64" },
      { os: "linux", arch: "amd64" },
    ]);
    expect(Object.keys(aws.latestBinaryFindings!)).toEqual(["darwin/arm64", "linux/amd64"]);
  });
});

describe("sync state (docs/browse-api.md §3.6)", () => {
  it("classifies failed before synced, and marks cards with problematic versions", () => {
    const s = stateFromYaml(
      module("p", "m") +
        version("p", "a", "1.0.0", { moduleRef: "m", synced: true, syncStatus: "Sync ERROR: boom" }) +
        version("p", "b", "1.1.0", { moduleRef: "m", synced: false }) +
        version("p", "c", "1.2.0", { moduleRef: "m", synced: true }),
    );
    const m = s.index.byId.get("module/p/m")!;
    expect(m.versions.map((v) => v.syncState)).toEqual(["synced", "progressing", "failed"]);
    expect(cardBase(s.index, m).hasUnsyncedVersions).toBe(true);
    expect(m.syncCounts).toEqual({ synced: 1, progressing: 1, failed: 1 });
  });
});
