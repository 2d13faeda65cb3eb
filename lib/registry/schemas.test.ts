import { describe, expect, it } from "vitest";
import { parseRegistryObject } from "./schemas";
import { decodeReadme } from "./readme";

const G = "opendepot.defdev.io/v1alpha1";

describe("parseRegistryObject (docs/browse-api.md §2.1)", () => {
  it("ignores other kinds and api versions silently", () => {
    expect(parseRegistryObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" } }, "f")).toEqual({
      warnings: [],
    });
    expect(parseRegistryObject({ apiVersion: "opendepot.defdev.io/v1beta9", kind: "Module" }, "f")).toEqual({
      warnings: [],
    });
  });

  it("treats a mistyped optional field as absent, with a warning", () => {
    const r = parseRegistryObject(
      {
        apiVersion: G,
        kind: "Module",
        metadata: { name: "m", namespace: "a", labels: { "opendepot.defdev.io/public": true } },
        spec: { moduleConfig: { provider: 7, versionHistoryLimit: "ten" } },
        status: { synced: "yes" },
      },
      "f#0",
    );
    expect(r.object).toMatchObject({ config: { provider: "" }, status: { synced: false } });
    expect(r.object && "versionHistoryLimit" in (r.object as { config: object }).config).toBe(false);
    // A non-string label value counts as absent.
    expect((r.object as { metadata: { labels: object } }).metadata.labels).toEqual({});
    expect(r.warnings.map((w) => w.field).sort()).toEqual([
      "spec.moduleConfig.provider",
      "spec.moduleConfig.versionHistoryLimit",
      "status.synced",
    ]);
  });

  it("drops a malformed array element alone", () => {
    const r = parseRegistryObject(
      {
        apiVersion: G,
        kind: "Depot",
        metadata: { name: "d", namespace: "a" },
        status: { modules: ["ok", 3, "b/also"] },
      },
      "f#0",
    );
    expect(r.object).toMatchObject({ modules: ["ok", "b/also"] });
    expect(r.warnings).toEqual([expect.objectContaining({ field: "status.modules[1]" })]);
  });

  it("skips a Version whose version is empty after normalizing", () => {
    const r = parseRegistryObject(
      { apiVersion: G, kind: "Version", metadata: { name: "v", namespace: "a" }, spec: { version: " v" } },
      "f#2",
    );
    expect(r.object).toBeUndefined();
    expect(r.warnings[0]).toMatchObject({ kind: "Version", object: "a/v", origin: "f#2", field: "spec.version" });
  });

  it("canonicalizes severities and fills missing finding strings", () => {
    const r = parseRegistryObject(
      {
        apiVersion: G,
        kind: "Version",
        metadata: { name: "v", namespace: "a" },
        spec: { version: "1" },
        status: { sourceScan: { scannedAt: "t", findings: [{ vulnerabilityID: "X", severity: " high " }, "junk"] } },
      },
      "f",
    );
    expect(r.object).toMatchObject({
      status: { sourceScan: { findings: [{ vulnerabilityID: "X", pkgName: "", severity: "HIGH" }] } },
    });
  });
});

describe("decodeReadme (docs/browse-api.md §2.9)", () => {
  const b64 = Buffer.from("# Title\nünïcode").toString("base64");
  it("decodes standard base64 with whitespace and optional padding", () => {
    expect(decodeReadme(b64.slice(0, 8) + "\n  " + b64.slice(8))).toBe("# Title\nünïcode");
    expect(decodeReadme(b64.replace(/=+$/, ""))).toBe("# Title\nünïcode");
  });
  it("rejects invalid characters, bad padding and impossible lengths", () => {
    expect(decodeReadme("abc*")).toBeUndefined();
    expect(decodeReadme("YQ=")).toBeUndefined();
    expect(decodeReadme("YQ==YQ==")).toBeUndefined();
    expect(decodeReadme("abcde")).toBeUndefined();
    expect(decodeReadme("-_8=")).toBeUndefined();
  });
  it("replaces invalid UTF-8 with U+FFFD", () => {
    expect(decodeReadme(Buffer.from([0x61, 0xff, 0x62]).toString("base64"))).toBe("a\uFFFDb");
  });
});

describe("parseRegistryObject: shared values (lib/registry/intern.ts)", () => {
  const version = (name: string, findings: unknown[]) =>
    parseRegistryObject(
      {
        apiVersion: G,
        kind: "Version",
        metadata: { name, namespace: "ns", labels: { "opendepot.defdev.io/module": "m" } },
        spec: { version: "1.0.0", moduleConfigRef: { name: "m" } },
        status: { sourceScan: { scannedAt: "2026-01-01T00:00:00Z", findings } },
      },
      "f#0",
    ).object as import("./types").Version;
  const finding = { vulnerabilityID: "CVE-1", pkgName: "p", installedVersion: "1", severity: " high" };

  it("gives Versions with the same labels and findings one frozen copy of each", () => {
    const a = version("a", [finding]);
    const b = version("b", [{ ...finding }]);
    expect(b.metadata.labels).toBe(a.metadata.labels);
    expect(Object.isFrozen(a.metadata.labels)).toBe(true);
    expect(b.status.sourceScan!.findings).toBe(a.status.sourceScan!.findings);
    expect(a.status.sourceScan!.findings[0]).toMatchObject({ vulnerabilityID: "CVE-1", severity: "HIGH", title: "" });
    expect(Object.isFrozen(a.status.sourceScan!.findings[0])).toBe(true);
  });

  it("keeps findings that differ in any field apart", () => {
    const a = version("a", [finding]);
    const b = version("b", [{ ...finding, fixedVersion: "2" }]);
    expect(b.status.sourceScan!.findings).not.toBe(a.status.sourceScan!.findings);
    expect(b.status.sourceScan!.findings[0]!.fixedVersion).toBe("2");
  });
});
