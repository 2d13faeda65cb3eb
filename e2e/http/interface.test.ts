// The built app reading module archives: from the file system under the registry folder and
// through a stand-in OpenDepot download server (token from a file), behind the browse gate.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tar, tarGz } from "../../lib/testing/archives";
import { startApp, type RunningApp } from "../support/app-server";

const G = "opendepot.defdev.io/v1alpha1";
const TOKEN = "token-for-the-stand-in-0123456789";
const BASE = "/opendepot/ui/v1/resources";

const mod = (ns: string, name: string, storage: string, isPublic: boolean) =>
  `- {apiVersion: ${G}, kind: Module, metadata: {name: ${name}, namespace: ${ns}${isPublic ? ', labels: {opendepot.defdev.io/public: "true"}' : ""}}, spec: {moduleConfig: {name: ${name}, provider: aws${storage}}}, status: {synced: true}}`;
const ver = (ns: string, name: string, v: string, file: string) =>
  `- {apiVersion: ${G}, kind: Version, metadata: {name: ${name}-${v.replace(/\./g, "-")}, namespace: ${ns}}, spec: {type: Module, version: "${v}", moduleConfigRef: {name: ${name}}, fileName: ${file}}, status: {synced: true, syncStatus: ok, checksum: "sha256:${name}-${v}"}}`;
const FS = ", storageConfig: {fileSystem: {directoryPath: store}}";

const manifests = `
apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: Namespace, metadata: {name: pub, labels: {opendepot.defdev.io/public: "true"}}}
- {apiVersion: v1, kind: Namespace, metadata: {name: priv}}
${mod("pub", "local", FS, true)}
${ver("pub", "local", "1.0.0", "local-1.0.0.tar.gz")}
${ver("pub", "local", "2.0.0", "local-2.0.0.tar.gz")}
${mod("pub", "remote", "", true)}
${ver("pub", "remote", "1.0.0", "remote-1.0.0.tgz")}
${mod("pub", "empty", FS, true)}
${mod("priv", "hidden", FS, false)}
${ver("priv", "hidden", "1.0.0", "hidden-1.0.0.tar.gz")}
`;

let dir: string;
let app: RunningApp;
let opendepot: Server;
const seenAuth: (string | undefined)[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "od-iface-"));
  await writeFile(path.join(dir, "registry.yaml"), manifests);
  const good = await tarGz([
    { name: "main.tf", content: 'variable "region" { type = string }\noutput "id" { value = 1 }' },
  ]);
  // 256 MiB of zeros behind a valid tar header: a few hundred KB on disk.
  const bomb = gzipSync(
    Buffer.concat([await tar([{ name: "main.tf", content: 'variable "x" {}' }]), Buffer.alloc(256 * 1024 * 1024)]),
    { level: 9 },
  );
  for (const [name, file, bytes] of [
    ["local", "local-1.0.0.tar.gz", good],
    ["local", "local-2.0.0.tar.gz", bomb],
    ["hidden", "hidden-1.0.0.tar.gz", good],
  ] as const) {
    await mkdir(path.join(dir, "store", name), { recursive: true });
    await writeFile(path.join(dir, "store", name, file), bytes);
  }
  opendepot = createServer((q, s) => {
    seenAuth.push(q.headers.authorization);
    if (q.headers.authorization !== `Bearer ${TOKEN}`) return void s.writeHead(401).end();
    if (q.url === "/opendepot/modules/v1/pub/remote/aws/1.0.0/download")
      return void s.writeHead(204, { "X-Terraform-Get": "/archives/remote-1.0.0.tgz" }).end();
    if (q.url === "/archives/remote-1.0.0.tgz") return void s.end(good);
    s.writeHead(404).end();
  });
  await new Promise<void>((r) => opendepot.listen(0, "127.0.0.1", r));
  await writeFile(path.join(dir, "token"), `${TOKEN}\n`);
  app = await startApp({
    REGISTRY_PATH: dir,
    OPENDEPOT_SERVER_URL: `http://127.0.0.1:${(opendepot.address() as AddressInfo).port}`,
    OPENDEPOT_TOKEN_FILE: path.join(dir, "token"),
  });
}, 120_000);
afterAll(async () => {
  await app?.stop();
  opendepot?.closeAllConnections();
  await new Promise<void>((r) => (opendepot ? opendepot.close(() => r()) : r()));
  await rm(dir, { recursive: true, force: true });
});

const get = async (p: string) => {
  const res = await fetch(app.url + p);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe("module interface over HTTP", () => {
  it("reads a file-system module's archive", async () => {
    const r = await get(`${BASE}/pub/module/local/interface?version=1.0.0`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      version: "1.0.0",
      status: "ok",
      root: { inputs: [{ name: "region", type: "string", required: true }], outputs: [{ name: "id" }] },
    });
  });

  it("reads another module through OpenDepot's download protocol with the token file", async () => {
    const r = await get(`${BASE}/pub/module/remote/interface`);
    expect(r.body).toMatchObject({ version: "1.0.0", status: "ok", root: { inputs: [{ name: "region" }] } });
    expect(seenAuth.every((a) => a === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("a compression bomb is invalid with a reason while /healthz keeps answering", async () => {
    const order: string[] = [];
    const bomb = get(`${BASE}/pub/module/local/interface?version=2.0.0`).then((r) => (order.push("bomb"), r));
    await new Promise((r) => setTimeout(r, 20));
    const health = fetch(`${app.url}/healthz`).then((r) => (order.push("healthz"), r.status));
    expect(await health).toBe(200);
    const r = await bomb;
    expect(r.body).toMatchObject({ status: "invalid", error: expect.stringMatching(/unpacks to more than/) });
    expect(order[0]).toBe("healthz");
  });

  it("compares two versions (the bomb side says why)", async () => {
    const r = await get(`${BASE}/pub/module/local/interface/diff?from=1.0.0&to=2.0.0`);
    expect(r.body).toMatchObject({ from: "1.0.0", to: "2.0.0", bump: "major", status: "invalid", changes: [] });
  });

  it("a module the viewer may not see, a provider or an unknown version is a 404", async () => {
    for (const p of [
      `${BASE}/priv/module/hidden/interface`,
      `${BASE}/priv/module/hidden/interface/diff`,
      `${BASE}/pub/module/local/interface?version=9.0.0`,
      `${BASE}/pub/provider/local/interface`,
    ]) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      expect(r.body).toEqual({ error: { code: "not_found", message: "not found" } });
    }
  });

  it("renders the module page's tabs on the server", async () => {
    const html = await (await fetch(`${app.url}/pub/module/remote?tab=inputs`)).text();
    expect(html).toContain("Inputs (1)");
    expect(html).toContain("region");
    expect(html).toContain("= null # required, string");
    const invalid = await (await fetch(`${app.url}/pub/module/local?tab=inputs`)).text();
    expect(invalid).toContain("The archive of 2.0.0 could not be read.");
    // A module without Versions keeps its README panel and shows no tabs.
    const empty = await (await fetch(`${app.url}/pub/module/empty`)).text();
    expect(empty).toContain("This version has no README.");
    expect(empty).not.toContain('data-testid="module-tabs"');
  });
});
