// The built app on a temporary registry folder: every endpoint's status codes, headers and JSON.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";

const G = "opendepot.defdev.io/v1alpha1";
const DIAG = "diagnostics-token-for-tests-0123456789";

let dir: string;
let app: RunningApp;

const manifests = `
apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: Namespace, metadata: {name: platform, labels: {opendepot.defdev.io/public: "true"}}}
- {apiVersion: v1, kind: Namespace, metadata: {name: team-a}}
- apiVersion: ${G}
  kind: Module
  metadata: {name: terraform-aws-vpc, namespace: platform, labels: {opendepot.defdev.io/public: "true"}}
  spec: {moduleConfig: {provider: aws, repoUrl: "https://github.com/terraform-aws-modules/terraform-aws-vpc", storageConfig: {s3: {bucket: b, region: r}, presign: {enabled: true, ttl: 15m}}}}
  status: {synced: true, syncStatus: Successfully synced module, latestVersion: v3.19.0}
- apiVersion: ${G}
  kind: Version
  metadata: {name: vpc-3-19-0, namespace: platform}
  spec: {version: 3.19.0, moduleConfigRef: {name: terraform-aws-vpc}, fileName: vpc.tar.gz}
  status: {synced: true, archiveSizeBytes: 10, readmeConfigMapRef: {name: vpc-readme, key: ""}, sourceScan: {scannedAt: "2026-11-20T08:15:00Z", findings: [{vulnerabilityID: AVD-AWS-0178, severity: high, title: VPC flow logs disabled}]}}
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: vpc-readme, namespace: platform}
  data: {README.md: "${Buffer.from("# AWS VPC module\n").toString("base64")}"}
- apiVersion: ${G}
  kind: Module
  metadata: {name: secret-module, namespace: team-a}
  spec: {moduleConfig: {provider: aws}}
`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "od-http-"));
  await writeFile(path.join(dir, "registry.yaml"), manifests);
  await writeFile(path.join(dir, "broken.yaml"), "kind: [unclosed\n");
  await writeFile(
    path.join(dir, "downloads.yaml"),
    "- {namespace: platform, kind: module, name: terraform-aws-vpc, version: v3.19.0, count: 4}\n",
  );
  app = await startApp({ REGISTRY_PATH: dir, DIAGNOSTICS_TOKEN: DIAG });
});
afterAll(async () => {
  await app?.stop();
  await rm(dir, { recursive: true, force: true });
});

const get = (p: string, init?: RequestInit) => fetch(app.url + p, init);

describe("browse API over HTTP", () => {
  it("serves /resources with JSON and the no-store headers", async () => {
    const res = await get("/opendepot/ui/v1/resources");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    // Next adds its own Vary members (rsc, …); ours must be among them.
    expect(res.headers.get("vary")).toMatch(/Authorization, Cookie/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const body = await res.json();
    expect(body).toMatchObject({ totalCount: 1, page: 1, pageSize: 20 });
    expect(body.items[0]).toMatchObject({
      name: "terraform-aws-vpc",
      latestVersion: "3.19.0",
      totalDownloads: 4,
      public: true,
    });
    expect(JSON.stringify(body)).not.toContain("secret-module");
  });

  it("answers 400 with param and allowed values for an invalid enum", async () => {
    const res = await get("/opendepot/ui/v1/resources?sort_by=bogus");
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: "bad_request", param: "sort_by" });
    expect(body.error.allowed).toContain("downloads");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  it("serves the detail with README, storage view and downloads, and the same 404 for missing and invisible", async () => {
    const res = await get("/opendepot/ui/v1/resources/platform/module/terraform-aws-vpc");
    expect(res.status).toBe(200);
    const d = await res.json();
    expect(d).toMatchObject({
      readmeContent: "# AWS VPC module\n",
      storageConfig: { backend: "s3", bucket: "b", region: "r", presignEnabled: true, presignTTL: "15m0s" },
      versions: [{ name: "vpc-3-19-0", version: "3.19.0", downloadCount: 4, archiveSizeBytes: 10 }],
      sourceScanFindings: [{ vulnerabilityID: "AVD-AWS-0178", severity: "HIGH", title: "VPC flow logs disabled" }],
    });
    const missing = await get("/opendepot/ui/v1/resources/platform/module/nope");
    const invisible = await get("/opendepot/ui/v1/resources/team-a/module/secret-module");
    expect(missing.status).toBe(404);
    expect(invisible.status).toBe(404);
    expect(await missing.text()).toBe(await invisible.text());
    expect((await get("/opendepot/ui/v1/resources/platform/Widget/x")).status).toBe(400);
    expect((await get("/opendepot/ui/v1/resources/platform/MODULE/terraform-aws-vpc")).status).toBe(200);
  });

  it("serves versions, scan-findings, depots, graph, stats, namespaces and whoami", async () => {
    const versions = await (
      await get("/opendepot/ui/v1/resources/platform/module/terraform-aws-vpc/versions?synced=failed")
    ).json();
    expect(versions).toMatchObject({ items: [], totalCount: 0 });
    expect(
      (await get("/opendepot/ui/v1/resources/platform/module/terraform-aws-vpc/versions?synced=maybe")).status,
    ).toBe(400);
    const findings = await (
      await get("/opendepot/ui/v1/resources/platform/module/terraform-aws-vpc/scan-findings")
    ).json();
    expect(findings).toMatchObject({ selectedVersion: "3.19.0", scannedVersions: ["3.19.0"] });
    expect(
      (await get("/opendepot/ui/v1/resources/platform/module/terraform-aws-vpc/scan-findings?version=1.0.0")).status,
    ).toBe(404);
    expect(await (await get("/opendepot/ui/v1/depots")).json()).toEqual({ items: [] });
    const graph = await (await get("/opendepot/ui/v1/depots/graph")).json();
    expect(graph).toMatchObject({ depots: [], truncated: false, summary: { totalModules: 1, totalNodesInScope: 1 } });
    expect((await get("/opendepot/ui/v1/depots/graph?depot=nonsense")).status).toBe(400);
    const stats = await (await get("/opendepot/ui/v1/stats")).json();
    expect(stats).toMatchObject({ totalModules: 1, totalVersions: 1, totalDownloads: 4, downloadsAvailable: true });
    expect(await (await get("/opendepot/ui/v1/namespaces")).json()).toEqual({
      items: [{ name: "platform", public: true }],
    });
    expect(await (await get("/opendepot/ui/v1/whoami")).json()).toEqual({
      authenticated: false,
      mode: "public",
      allAccess: false,
    });
  });

  it("answers unknown browse routes with a JSON 404 and other methods with 405", async () => {
    const res = await get("/opendepot/ui/v1/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "not found" } });
    expect((await get("/opendepot/ui/v1/resources", { method: "POST" })).status).toBe(405);
  });

  it("reports readiness, with details (and the broken file) only for the diagnostics token", async () => {
    expect(await (await get("/healthz")).json()).toEqual({ ok: true });
    expect(await (await get("/readyz")).json()).toEqual({ ready: true });
    expect(
      await (await get("/readyz", { headers: { authorization: "Bearer wrong-token-wrong-token" } })).json(),
    ).toEqual({ ready: true });
    const detailed = await (await get("/readyz", { headers: { authorization: `Bearer ${DIAG}` } })).json();
    expect(detailed).toMatchObject({ ready: true, source: "file" });
    expect(detailed.errors).toEqual([expect.objectContaining({ file: "broken.yaml" })]);
  });

  it("picks up a new file within 2 s", async () => {
    await writeFile(
      path.join(dir, "more.yaml"),
      `apiVersion: ${G}\nkind: Module\nmetadata: {name: added-later, namespace: platform, labels: {opendepot.defdev.io/public: "true"}}\nspec: {moduleConfig: {provider: aws}}\n`,
    );
    const deadline = Date.now() + 2000;
    let names: string[] = [];
    while (Date.now() < deadline) {
      names = (await (await get("/opendepot/ui/v1/resources")).json()).items.map((c: { name: string }) => c.name);
      if (names.includes("added-later")) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(names).toContain("added-later");
  });
});

describe("the bundled demo", () => {
  it("serves the demo registry by default", async () => {
    const demo = await startApp({});
    try {
      const body = await (await fetch(demo.url + "/opendepot/ui/v1/resources?page_size=100")).json();
      expect(body.totalCount).toBeGreaterThan(10);
    } finally {
      await demo.stop();
    }
  });
});
