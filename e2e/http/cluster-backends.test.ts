// The built app on the production backends: the Kubernetes source (against a local server that
// speaks the list/watch protocol — no real API server can run here) and Valkey (a real
// redis-server), plus /metrics and the detailed /readyz.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Valkey } from "iovalkey";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeKubeApi } from "../../lib/testing/fake-kube-api";
import { recordDownload, startRedis, type RunningRedis } from "../../lib/testing/redis";
import { startApp, type RunningApp } from "../support/app-server";

const G = "opendepot.defdev.io/v1alpha1";
const PUB = { "opendepot.defdev.io/public": "true" };
const DIAG = "diagnostics-token-for-cluster-tests-01";

let api: FakeKubeApi;
let redis: RunningRedis;
let app: RunningApp;
let dir: string;

beforeAll(async () => {
  api = new FakeKubeApi();
  await api.start();
  api.apply("namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "platform", labels: PUB } });
  api.apply("modules", {
    apiVersion: G,
    kind: "Module",
    metadata: { name: "terraform-aws-vpc", namespace: "platform", labels: PUB },
    spec: { moduleConfig: { provider: "aws" } },
    status: { latestVersion: "v1.0.0" },
  });
  api.apply("versions", {
    apiVersion: G,
    kind: "Version",
    metadata: { name: "vpc-1", namespace: "platform" },
    spec: { version: "1.0.0", moduleConfigRef: { name: "terraform-aws-vpc" } },
    status: { synced: true, readmeConfigMapRef: { name: "vpc-readme", key: "" } },
  });
  api.apply("configmaps", {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "vpc-readme", namespace: "platform" },
    data: { "README.md": Buffer.from("# From the cluster\n").toString("base64") },
  });
  redis = await startRedis();
  const client = new Valkey(redis.url);
  await recordDownload(client, "platform", "module", "terraform-aws-vpc", "1.0.0", new Date().toISOString(), 7);
  client.disconnect();
  dir = await mkdtemp(path.join(tmpdir(), "od-kube-"));
  const kubeconfig = path.join(dir, "kubeconfig");
  await writeFile(
    kubeconfig,
    // As `kubectl proxy` serves it: plain http, no TLS settings at all.
    `apiVersion: v1\nkind: Config\nclusters: [{name: fake, cluster: {server: "${api.url}"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: c, context: {cluster: fake, user: u}}]\ncurrent-context: c\n`,
  );
  app = await startApp({
    REGISTRY_SOURCE: "kubernetes",
    KUBECONFIG: kubeconfig,
    VALKEY_URL: redis.url,
    DOWNLOADS_REFRESH: "1s",
    DIAGNOSTICS_TOKEN: DIAG,
  });
});
afterAll(async () => {
  await app?.stop();
  await api?.stop();
  await redis?.stop();
  await rm(dir, { recursive: true, force: true });
});

const json = async (p: string, init?: RequestInit) => (await fetch(app.url + p, init)).json();
async function eventually(check: () => Promise<boolean>, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("not within the deadline");
    await new Promise((r) => setTimeout(r, 100));
  }
}
const names = async () =>
  ((await json("/opendepot/ui/v1/resources")) as { items: { name: string }[] }).items.map((c) => c.name);

describe("cluster backends", () => {
  it("serves the cluster's objects with Valkey downloads and the README fetched on demand", async () => {
    expect(app.output()).toMatch(/Kubernetes API server uses plain http.*"server":"http:\/\/127\.0\.0\.1:\d+"/);
    await eventually(
      async () => ((await json("/opendepot/ui/v1/stats")) as { totalDownloads: number }).totalDownloads === 7,
      5000,
    );
    const detail = await json("/opendepot/ui/v1/resources/platform/module/terraform-aws-vpc");
    expect(detail).toMatchObject({ totalDownloads: 7, readmeContent: "# From the cluster\n" });
    expect(detail.downloadTrend).toHaveLength(30);
    expect(detail.downloadTrend.at(-1).count).toBe(7);
  });

  it("draws the download trend on the detail page as a small chart with a text alternative", async () => {
    const html = await (await fetch(`${app.url}/platform/module/terraform-aws-vpc`)).text();
    expect(html).toContain('data-testid="download-trend"');
    expect(html).toMatch(/aria-label="Downloads per day from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}: 7 in total/);
    expect((await fetch(`${app.url}/platform/module/does-not-exist`)).status).toBe(404);
  });

  it("shows objects appearing, changing and disappearing within 2 s", async () => {
    api.apply("modules", {
      apiVersion: G,
      kind: "Module",
      metadata: { name: "terraform-aws-eks", namespace: "platform", labels: PUB },
      spec: { moduleConfig: { provider: "aws" } },
    });
    await eventually(async () => (await names()).includes("terraform-aws-eks"));
    api.apply("modules", {
      apiVersion: G,
      kind: "Module",
      metadata: { name: "terraform-aws-eks", namespace: "platform", labels: PUB },
      spec: { moduleConfig: { provider: "aws", repoUrl: "https://example.com/eks" } },
    });
    await eventually(
      async () => ((await json("/opendepot/ui/v1/resources?q=example.com")) as { totalCount: number }).totalCount === 1,
    );
    api.remove("modules", "platform", "terraform-aws-eks");
    await eventually(async () => !(await names()).includes("terraform-aws-eks"));
  });

  it("survives the API server and Valkey going away, stays ready, and catches up", async () => {
    const port = api.port;
    await api.stop();
    await redis.stop();
    type Detailed = {
      kinds: { kind: string; secondsSinceLastSuccess: number }[];
      downloads: { source: string; lastError?: string };
    };
    const readyz = async () => (await json("/readyz", { headers: { authorization: `Bearer ${DIAG}` } })) as Detailed;
    await eventually(async () => (await readyz()).downloads.lastError !== undefined, 5000);
    expect(await names()).toContain("terraform-aws-vpc");
    expect(await json("/readyz")).toEqual({ ready: true });
    const detailed = await readyz();
    expect(detailed.kinds.map((k) => k.kind)).toEqual(
      expect.arrayContaining(["modules", "versions", "providers", "depots", "groupbindings", "namespaces"]),
    );
    expect(detailed.downloads.source).toBe("valkey");
    expect(detailed.downloads.lastError).toBeDefined();
    // The last downloads table keeps serving (for up to 10 minutes).
    expect(((await json("/opendepot/ui/v1/stats")) as { downloadsAvailable: boolean }).downloadsAvailable).toBe(true);
    api.apply("modules", {
      apiVersion: G,
      kind: "Module",
      metadata: { name: "back-again", namespace: "platform", labels: PUB },
      spec: { moduleConfig: {} },
    });
    await api.start(port);
    await eventually(async () => (await names()).includes("back-again"), 10_000);
  });

  it("serves /metrics only with the diagnostics token, by route template", async () => {
    expect((await fetch(app.url + "/metrics")).status).toBe(404);
    const text = await (await fetch(app.url + "/metrics", { headers: { authorization: `Bearer ${DIAG}` } })).text();
    expect(text).toContain(
      'opendepot_explorer_http_requests_total{route="/opendepot/ui/v1/resources/{namespace}/{kind}/{name}",status="200"}',
    );
    expect(text).not.toContain("terraform-aws-vpc");
    expect(text).toMatch(/opendepot_explorer_snapshot_objects\{kind="modules"\} \d/);
    expect(text).toContain("opendepot_explorer_watch_restarts_total");
    expect(text).toContain("opendepot_explorer_valkey_errors_total");
    // The process's own figures, which the benchmark's memory breakdown reads.
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d+/m);
    expect(text).toMatch(/^nodejs_gc_duration_seconds_count\{kind="minor"\} \d+/m);
  });
});
