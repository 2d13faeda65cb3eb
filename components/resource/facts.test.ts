// The detail page's facts as pure functions: the snippet's default version, provider rows grouped
// per version (one download count), a platform's findings counted as the table counts them, and
// readable durations in the Overview.

import { describe, expect, it } from "vitest";
import type { VersionRow } from "@/lib/browse/json";
import { countFindings } from "@/lib/registry/findings";
import { readableDuration } from "./overview";
import { platformFindings } from "./scan-findings";
import { defaultSnippetVersion } from "./usage-snippet";
import { groupRuns } from "./versions-table";

const row = (version: string, os: string): VersionRow => ({
  name: `${version}-${os}`,
  version,
  synced: true,
  syncState: "synced",
  os,
  arch: "amd64",
});

describe("detail facts", () => {
  it("regression: the snippet skips a newest version that is still syncing", () => {
    expect(
      defaultSnippetVersion([
        { version: "4.0.4", synced: false },
        { version: "4.0.3", synced: true },
      ]),
    ).toBe("4.0.3");
    expect(defaultSnippetVersion([{ version: "1.0.0", synced: false }])).toBe("1.0.0");
    expect(defaultSnippetVersion([])).toBe("");
  });
  it("regression: provider rows of one version share one download cell", () => {
    const runs = groupRuns([row("2", "linux"), row("2", "darwin"), row("1", "linux")]);
    expect(runs.map(([r, span]) => `${r.version}:${span}`)).toEqual(["2:2", "2:0", "1:1"]);
  });
  it("regression: a platform's source and binary findings count as its table row does", () => {
    const merged = platformFindings(
      [{ vulnerabilityID: "AVD-1", pkgName: "", installedVersion: "", severity: "LOW" }],
      [
        { vulnerabilityID: "AVD-1", pkgName: "", installedVersion: "", severity: "HIGH" },
        { vulnerabilityID: "CVE-2024-1", pkgName: "stdlib", installedVersion: "1.21", severity: "MEDIUM" },
      ],
    );
    expect(merged.map((f) => `${f.vulnerabilityID}:${f.severity}:${f.scan}`)).toEqual([
      "AVD-1:HIGH:Source",
      "CVE-2024-1:MEDIUM:Binary",
    ]);
    expect(countFindings(merged.map((f) => ({ ...f, fixedVersion: "", title: "" })))).toEqual({
      critical: 0,
      high: 1,
      medium: 1,
      low: 0,
      unknown: 0,
    });
  });
  it("writes Go durations for people", () => {
    expect(readableDuration("15m0s")).toBe("15 min");
    expect(readableDuration("1h30m0s")).toBe("1 h 30 min");
    expect(readableDuration("weird")).toBe("weird");
  });
});
