import { describe, expect, it } from "vitest";
import { ALL_VIEWER } from "../auth/viewer";
import { BadRequestError, NotFoundError } from "../errors";
import { module, provider, qs, scan, stateFromYaml, version } from "../testing/fixture";
import { getScanFindings } from "./scan-findings";

const state = stateFromYaml(
  module("a", "m", "", { latest: "v3.0.0" }) +
    version("a", "m1", "1.0.0", {
      moduleRef: "m",
      sourceScan: scan("2026-01-01T00:00:00Z", [["C1", "x", "1", "HIGH"]]),
    }) +
    version("a", "m2", "2.0.0", { moduleRef: "m", sourceScan: scan("2026-01-02T00:00:00Z", []) }) +
    version("a", "m3", "3.0.0", { moduleRef: "m" }) +
    provider("a", "aws", { latest: "v5.0.0" }) +
    version("a", "p1", "5.0.0", {
      providerRef: "aws",
      os: "linux",
      arch: "amd64",
      binaryScan: scan("2026-01-01T00:00:00Z", []),
    }) +
    version("a", "p2", "5.0.0", {
      providerRef: "aws",
      os: "darwin",
      arch: "arm64",
      binaryScan: scan("2026-01-01T00:00:00Z", []),
    }) +
    version("a", "p3", "4.0.0", {
      providerRef: "aws",
      os: "linux",
      arch: "amd64",
      binaryScan: scan("2026-01-01T00:00:00Z", [["CVE-1", "stdlib", "1.21", "critical"]]),
    }),
);
const path = (kind: string, name: string) => ({ namespace: "a", kind, name });

describe("/scan-findings (docs/browse-api.md §6.5)", () => {
  it("defaults to the newest scanned version when the latest is unscanned", () => {
    expect(getScanFindings(state, ALL_VIEWER, path("module", "m"), qs())).toEqual({
      sourceScanFindings: [],
      selectedVersion: "2.0.0",
      scannedVersions: ["2.0.0", "1.0.0"],
    });
  });
  it("selects a requested version, normalized twice, and 200 with no findings for an unscanned one", () => {
    expect(getScanFindings(state, ALL_VIEWER, path("module", "m"), qs("version=vv1.0.0")).sourceScanFindings).toEqual([
      { vulnerabilityID: "C1", pkgName: "x", installedVersion: "1", severity: "HIGH" },
    ]);
    expect(getScanFindings(state, ALL_VIEWER, path("module", "m"), qs("version=3.0"))).toEqual({
      selectedVersion: "3.0",
      scannedVersions: ["2.0.0", "1.0.0"],
    });
  });
  it("404s for a version that does not exist and 400s for binaryVersion on a module", () => {
    expect(() => getScanFindings(state, ALL_VIEWER, path("module", "m"), qs("version=9.9.9"))).toThrow(NotFoundError);
    expect(() => getScanFindings(state, ALL_VIEWER, path("module", "m"), qs("binaryVersion=1.0.0"))).toThrow(
      BadRequestError,
    );
    expect(() => getScanFindings(state, ALL_VIEWER, path("widget", "m"), qs())).toThrow(BadRequestError);
  });
  it("shows a clean latest provider build as [] per platform, and older builds on request", () => {
    expect(getScanFindings(state, ALL_VIEWER, path("provider", "aws"), qs())).toEqual({
      binaryScanFindings: { "darwin/arm64": [], "linux/amd64": [] },
      selectedVersion: "5.0.0",
      selectedBinaryVersion: "5.0.0",
      binaryVersions: ["5.0.0", "4.0.0"],
    });
    const old = getScanFindings(state, ALL_VIEWER, path("provider", "aws"), qs("binaryVersion=v4.0.0"));
    expect(old.selectedBinaryVersion).toBe("4.0.0");
    expect(old.binaryScanFindings).toEqual({
      "linux/amd64": [{ vulnerabilityID: "CVE-1", pkgName: "stdlib", installedVersion: "1.21", severity: "CRITICAL" }],
    });
  });
  it("regression: per-platform source findings keep a finding another platform reports at another severity", () => {
    const two = stateFromYaml(
      provider("a", "aws", { latest: "v5.0.0" }) +
        version("a", "p1", "5.0.0", {
          providerRef: "aws",
          os: "linux",
          arch: "arm64",
          sourceScan: scan("2026-01-01T00:00:00Z", [["AVD-1", "", "", "MEDIUM"]]),
        }) +
        version("a", "p2", "5.0.0", {
          providerRef: "aws",
          os: "windows",
          arch: "amd64",
          sourceScan: scan("2026-01-01T00:00:00Z", [["AVD-1", "", "", "LOW"]]),
        }),
    );
    const r = getScanFindings(two, ALL_VIEWER, path("provider", "aws"), qs());
    expect(r.sourceScanFindings).toHaveLength(1);
    expect(
      Object.fromEntries(
        Object.entries(r.sourceScanFindingsByPlatform!).map(([k, v]) => [k, v.map((f) => f.severity)]),
      ),
    ).toEqual({
      "linux/arm64": ["MEDIUM"],
      "windows/amd64": ["LOW"],
    });
  });
});
