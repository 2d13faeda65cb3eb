import { describe, expect, it } from "vitest";
import { readManifestFile } from "../lib/registry/sources/manifest-file";
import { composeSnapshot } from "../lib/registry/snapshot";
import { buildIndex } from "../lib/registry/index/build";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateRegistry, writeDemoArchives } from "./generate-registry";
import { cardBase } from "../lib/browse/json";

function load(files: Map<string, string>) {
  const objects = [...files]
    .filter(([f]) => f !== "downloads.yaml")
    .flatMap(([f, text]) => readManifestFile(f, text).objects);
  const snapshot = composeSnapshot({ objects, errors: [], warnings: [] });
  return { snapshot, index: buildIndex(snapshot, { bindingsNamespace: "opendepot-system" }) };
}

describe("generate-registry", () => {
  it("is deterministic per seed", () => {
    const a = generateRegistry({ seed: 7 });
    expect(generateRegistry({ seed: 7 })).toEqual(a);
    expect(generateRegistry({ seed: 8 })).not.toEqual(a);
  });

  it("builds a demo that exercises the spec's rules", () => {
    const { snapshot, index } = load(generateRegistry({ seed: 1 }));
    expect(snapshot.namespaces.map((n) => n.name).sort()).toEqual([
      "opendepot-system",
      "platform",
      "sandbox",
      "shared",
      "team-a",
    ]);
    expect(snapshot.modules.length).toBeGreaterThanOrEqual(38);
    expect(snapshot.versions.length).toBeGreaterThanOrEqual(350);
    expect(snapshot.depots).toHaveLength(3);
    expect(snapshot.groupBindings).toHaveLength(3);
    const m = (name: string, ns = "platform") => index.byId.get(`module/${ns}/${name}`)!;
    // Linking by owner reference only, config ref only, label only, and config ref = config name.
    for (const name of ["terraform-aws-sqs", "terraform-aws-sns", "terraform-aws-kms", "vpc-legacy"])
      expect(m(name).versions.length).toBeGreaterThan(0);
    expect(m("vpc-legacy").registryName).toBe("terraform-aws-vpc-legacy");
    // Status `v1.2.0` matching a Version `1.2`; a pre-release never latest while a release exists.
    expect(m("terraform-aws-route53").latestVersion).toBe("1.2");
    expect(m("terraform-aws-cloudfront").latestVersion).toBe("3.1.0");
    expect(cardBase(index, m("sandbox-playground", "sandbox")).latestVersion).toBe("0.1.0");
    // A clean latest provider build after a vulnerable one.
    const aws = index.byId.get("provider/platform/aws")!;
    expect(Object.values(aws.latestBinaryFindings!).every((f) => f.length === 0)).toBe(true);
    expect(
      aws.versions.some((v) => v.normalized === "5.79.0" && (v.version.status.binaryScan?.findings.length ?? 0) > 0),
    ).toBe(true);
    // A nameless provider, linked by label.
    expect(index.byId.get("provider/shared/null")!.versions.length).toBeGreaterThan(0);
    // Depot status with plain names, one with ns/name entries (cross-namespace), over three backends
    // (platform-depot on a file system: its modules' archives are in demo/registry/archives).
    expect(index.depots.map((d) => d.storageBackend)).toEqual(["fileSystem", "gcs", "azureStorage"]);
    expect(snapshot.depots.find((d) => d.metadata.name === "mirror")!.modules.every((e) => e.includes("/"))).toBe(true);
    // Sync classes and pre-releases are all present.
    const states = new Set(index.resources.flatMap((r) => r.versions.map((v) => v.syncState)));
    expect([...states].sort()).toEqual(["failed", "progressing", "synced"]);
    expect(snapshot.versions.some((v) => v.spec.version.includes("-"))).toBe(true);
    // An orphan Version.
    const linked = new Set(index.resources.flatMap((r) => r.versions.map((v) => v.version)));
    expect(snapshot.versions.some((v) => !linked.has(v))).toBe(true);
  });

  it("emits synthetic registries of the requested size", () => {
    const files = generateRegistry({
      seed: 3,
      scale: { modules: 200, providers: 20, versions: 2000, namespaces: 5, depots: 10, groupbindings: 4 },
    });
    const { snapshot } = load(files);
    expect(snapshot.modules).toHaveLength(200);
    expect(snapshot.providers).toHaveLength(20);
    expect(snapshot.depots).toHaveLength(10);
    expect(snapshot.groupBindings).toHaveLength(4);
    expect(snapshot.versions.length).toBeGreaterThan(1500);
    expect(snapshot.versions.length).toBeLessThanOrEqual(2000);
  });

  it("writes an archive for every synced Version stored on the file system, as committed", async () => {
    const { index } = load(generateRegistry({ seed: 1 }));
    const expected = index.modules
      .filter((r) => r.effectiveBackend === "fileSystem")
      .flatMap((r) =>
        r.versions
          .filter((v) => v.version.status.checksum !== "")
          .map((v) => `${r.registryName}/${v.version.spec.fileName}`),
      )
      .sort();
    expect(expected.length).toBeGreaterThan(50);
    expect(expected.some((f) => f.endsWith(".zip"))).toBe(true);
    const out = mkdtempSync(path.join(tmpdir(), "demo-archives-"));
    try {
      expect(await writeDemoArchives(out, 1)).toBe(expected.length);
      const list = (root: string) =>
        readdirSync(root, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
          .sort();
      const fresh = path.join(out, "archives");
      const committed = path.resolve("demo/registry/archives");
      expect(list(fresh)).toEqual(expected);
      // The committed demo is what the generator writes (regenerate with `npm run generate:demo`).
      expect(list(committed)).toEqual(expected);
      for (const f of expected)
        expect(readFileSync(path.join(fresh, f)).equals(readFileSync(path.join(committed, f))), f).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
