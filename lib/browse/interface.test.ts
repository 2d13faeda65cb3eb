import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_VIEWER, PUBLIC_VIEWER } from "../auth/viewer";
import { ArchiveSource } from "../interface/archive-source";
import { ExtractPool } from "../interface/extract-pool";
import { InterfaceService } from "../interface/service";
import { DEFAULT_LIMITS } from "../interface/types";
import { tarGz } from "../testing/archives";
import { module, ns, provider, qs, stateFromYaml, version } from "../testing/fixture";
import { getInterfaceDiff, getModuleInterface } from "./interface";

const fsStorage = "    storageConfig:\n      fileSystem: {directoryPath: store}\n";
const yaml =
  ns("pub", true) +
  ns("priv", false) +
  module("pub", "net", fsStorage, { isPublic: true }) +
  version("pub", "net-1", "1.0.0", { moduleRef: "net", fileName: "net-1.0.0.tar.gz", checksum: "sha256:one" }) +
  version("pub", "net-2", "1.1.0", { moduleRef: "net", fileName: "net-1.1.0.tar.gz", checksum: "sha256:two" }) +
  version("pub", "net-3", "1.2.0", { moduleRef: "net", fileName: "net-1.2.0.tar.gz", synced: false }) +
  // Same archive bytes (checksum) as pub/net 1.1.0, in a namespace the public viewer cannot see.
  module("priv", "secret", fsStorage) +
  version("priv", "secret-1", "1.1.0", {
    moduleRef: "secret",
    fileName: "secret-1.1.0.tar.gz",
    checksum: "sha256:two",
  }) +
  provider("pub", "aws", { isPublic: true }) +
  version("pub", "aws-1", "5.0.0", { providerRef: "aws", os: "linux", arch: "amd64" });

let root: string;
let pool: ExtractPool;
let service: InterfaceService;
const state = stateFromYaml(yaml);
const path1 = { namespace: "pub", kind: "module", name: "net" };

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "iface-"));
  const write = async (name: string, file: string, tf: string) => {
    mkdirSync(path.join(root, "store", name), { recursive: true });
    writeFileSync(path.join(root, "store", name, file), await tarGz([{ name: "main.tf", content: tf }]));
  };
  await write("net", "net-1.0.0.tar.gz", 'variable "a" { default = 1 }\noutput "gone" { value = 1 }');
  await write("net", "net-1.1.0.tar.gz", 'variable "a" { default = 1 }\nvariable "b" { type = string }');
  await write("secret", "secret-1.1.0.tar.gz", 'variable "a" { default = 1 }\nvariable "b" { type = string }');
  pool = new ExtractPool({ workerPath: path.resolve("lib/interface/extract-worker.mjs") });
  service = new InterfaceService({
    pool,
    source: new ArchiveSource({ archiveRoot: root, maxBytes: DEFAULT_LIMITS.maxArchiveBytes }),
    limits: DEFAULT_LIMITS,
    cacheBytes: 1 << 20,
  });
});
afterAll(async () => {
  await pool.close();
  rmSync(root, { recursive: true, force: true });
});

describe("GET …/interface", () => {
  it("defaults to the newest synced version and reads the file system", async () => {
    const r = await getModuleInterface(state, PUBLIC_VIEWER, path1, qs(), service);
    expect(r).toMatchObject({ version: "1.1.0", status: "ok" });
    expect(r.root.inputs.map((i) => [i.name, i.required])).toEqual([
      ["a", false],
      ["b", true],
    ]);
  });

  it("takes a version in any spelling; unknown versions and providers are 404", async () => {
    expect((await getModuleInterface(state, PUBLIC_VIEWER, path1, qs("version=v1.0.0"), service)).version).toBe(
      "1.0.0",
    );
    await expect(getModuleInterface(state, PUBLIC_VIEWER, path1, qs("version=9.9.9"), service)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      getModuleInterface(state, ALL_VIEWER, { namespace: "pub", kind: "provider", name: "aws" }, qs(), service),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("an archive missing from the file system is unavailable with a reason", async () => {
    const r = await getModuleInterface(state, PUBLIC_VIEWER, path1, qs("version=1.2.0"), service);
    expect(r).toMatchObject({
      status: "unavailable",
      error: expect.stringMatching(/no archive file at store\/net\/net-1\.2\.0\.tar\.gz/),
    });
  });

  it("a module the viewer may not see is a 404 on both endpoints, even with its archive cached", async () => {
    const secret = { namespace: "priv", kind: "module", name: "secret" };
    expect((await getModuleInterface(state, ALL_VIEWER, secret, qs(), service)).status).toBe("ok");
    await expect(getModuleInterface(state, PUBLIC_VIEWER, secret, qs(), service)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(getInterfaceDiff(state, PUBLIC_VIEWER, secret, qs(), service)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("GET …/interface/diff", () => {
  it("compares the previous release with the default version", async () => {
    const d = await getInterfaceDiff(state, PUBLIC_VIEWER, path1, qs(), service);
    expect(d).toMatchObject({
      from: "1.0.0",
      to: "1.1.0",
      bump: "minor",
      status: "ok",
      breaking: true,
      verdict: "breaking change in a minor release",
    });
    expect(d.changes.map((c) => [c.kind, c.name, c.what])).toEqual([
      ["input", "b", "new required input"],
      ["output", "gone", "output removed"],
    ]);
  });

  it("says why when one side cannot be read", async () => {
    const d = await getInterfaceDiff(state, PUBLIC_VIEWER, path1, qs("from=1.1.0&to=1.2.0"), service);
    expect(d).toMatchObject({
      status: "unavailable",
      changes: [],
      error: expect.stringMatching(/^to 1\.2\.0: no archive file/),
    });
  });
});
