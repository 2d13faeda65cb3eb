// Deterministic, seedable generator of OpenDepot registries (Kubernetes manifests).
//   npx tsx scripts/generate-registry.ts                       # the bundled demo → demo/registry
//   npx tsx scripts/generate-registry.ts --out /tmp/large --modules 10000 --providers 2000 \
//       --versions 100000 --namespaces 50 --depots 500 --groupbindings 20   # a synthetic registry
// The demo is curated to exercise every rule of the browse spec; synthetic registries are written
// as JSON `kind: List` files (JSON parses an order of magnitude faster than YAML at that size).

import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { archiveBytes, type ArchivePlan } from "./demo-archives";

const G = "opendepot.defdev.io/v1alpha1";
const PUBLIC = { "opendepot.defdev.io/public": "true" };
const BASE_DATE = Date.UTC(2026, 10, 20);

export interface ScaleOptions {
  modules: number;
  providers: number;
  versions: number;
  namespaces: number;
  depots: number;
  groupbindings: number;
}
export interface GenerateOptions {
  seed: number;
  scale?: ScaleOptions;
}

type Obj = Record<string, unknown>;

/** mulberry32: a tiny seeded PRNG, so the same seed gives byte-identical output. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
    hex: (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join(""),
  };
}
type Rng = ReturnType<typeof prng>;

const iso = (offsetMinutes: number) => new Date(BASE_DATE - offsetMinutes * 60_000).toISOString().replace(".000Z", "Z");

const MISCONFIG = [
  ["AVD-AWS-0178", "VPC flow logs are not enabled"],
  ["AVD-AWS-0088", "S3 bucket does not have encryption enabled"],
  ["AVD-AWS-0104", "Security group rule allows egress to multiple public addresses"],
  ["AVD-AWS-0057", "IAM policy document uses wildcarded action"],
  ["AVD-AWS-0080", "RDS encryption has not been enabled"],
  ["AVD-GCP-0029", "Cluster does not have private nodes"],
  ["AVD-AZU-0041", "AKS cluster has no network policy"],
  ["AVD-KSV-0014", "Root file system is not read-only"],
] as const;
const CVES = [
  ["CVE-2026-21441", "golang.org/x/net", "0.21.0", "0.23.0", "HTTP/2 rapid reset can cause excessive work"],
  ["CVE-2026-24790", "stdlib", "1.22.1", "1.22.4", "net/netip: unexpected behavior from Is methods"],
  [
    "GHSA-xr7r-f8xq-vfvv",
    "github.com/hashicorp/go-getter",
    "1.7.3",
    "1.7.5",
    "go-getter vulnerable to symlink attacks",
  ],
  ["CVE-2026-29018", "golang.org/x/crypto", "0.19.0", "0.31.0", "Misuse of ServerConfig.PublicKeyCallback"],
  ["CVE-2026-45337", "github.com/hashicorp/go-retryablehttp", "0.7.4", "0.7.7", "Leaks credentials into log files"],
  ["CVE-2026-34156", "google.golang.org/protobuf", "1.32.0", "1.33.0", "Infinite loop in protojson.Unmarshal"],
] as const;
const SEVERITY_SPELLINGS = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN", " high", "Medium", "negligible"] as const;

function findings(rng: Rng, kind: "source" | "binary", max: number): Obj[] {
  const out: Obj[] = [];
  const n = rng.int(0, max);
  for (let i = 0; i < n; i++) {
    if (kind === "source" && rng.chance(0.6)) {
      const [id, title] = rng.pick(MISCONFIG);
      out.push({
        vulnerabilityID: id,
        pkgName: "",
        installedVersion: "",
        severity: rng.pick(SEVERITY_SPELLINGS),
        title,
      });
    } else {
      const [id, pkg, inst, fixed, title] = rng.pick(CVES);
      out.push({
        vulnerabilityID: id,
        pkgName: pkg,
        installedVersion: inst,
        fixedVersion: fixed,
        severity: rng.pick(SEVERITY_SPELLINGS),
        title,
      });
    }
  }
  // Scanners repeat findings; keep one duplicate now and then (deduplicated by the API).
  if (out.length > 0 && rng.chance(0.2)) out.push({ ...out[0]!, severity: "LOW" });
  return out;
}

function namespace(name: string, labels?: Obj): Obj {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, ...(labels ? { labels } : {}) } };
}

interface ModuleSpec {
  name: string;
  ns: string;
  provider?: string;
  isPublic: boolean;
  configName?: string;
  versions: string[];
  latest?: string | null;
  link?: "all" | "owner" | "ref" | "label" | "config-ref";
  storage?: Obj;
  syncStatus?: [boolean, string];
  /** The archive format of its Versions' files (default tar.gz). */
  archive?: "zip" | "tgz";
}

/** Where the demo's file-system depot keeps module archives, below the registry folder (issue 15). */
export const DEMO_ARCHIVE_DIR = "archives";

function semverSeries(rng: Rng, count: number): string[] {
  let major = rng.int(1, 5);
  let minor = rng.int(0, 3);
  let patch = 0;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${major}.${minor}.${patch}`);
    const step = rng.next();
    if (step < 0.55) patch += 1;
    else if (step < 0.9) {
      minor += 1;
      patch = 0;
    } else {
      major += 1;
      minor = 0;
      patch = 0;
    }
  }
  return out;
}

function readme(m: ModuleSpec, version: string): string {
  const short = m.name.replace(/^terraform-(aws|google|azurerm|kubernetes|helm|random|null)-/, "");
  return `# ${m.name}

Terraform module which creates **${short.replace(/-/g, " ")}** resources${m.provider ? ` on ${m.provider}` : ""}.

Maintained by the platform team. See the [changelog](https://github.com/opendepot-demo/${m.name}/blob/main/CHANGELOG.md) for what changed in ${version}.

## Usage

\`\`\`hcl
module "${short}" {
  source  = "registry.example.com/${m.ns}/${m.configName ?? m.name}/${m.provider ?? "generic"}"
  version = "${version}"

  name = "${short}-prod"
  tags = {
    Environment = "prod"
  }
}
\`\`\`

## Inputs

| Name | Description | Type | Default | Required |
|------|-------------|------|---------|:--------:|
| name | Name prefix for every resource | \`string\` | n/a | yes |
| tags | Tags added to every resource | \`map(string)\` | \`{}\` | no |
| enabled | Set to false to create nothing | \`bool\` | \`true\` | no |

## Outputs

| Name | Description |
|------|-------------|
| id | The id of the main resource |
| arn | The ARN of the main resource |

- [x] Encryption at rest
- [ ] Cross-region replication
`;
}

function demo(seed: number, archives?: ArchivePlan[]): Map<string, string> {
  const rng = prng(seed);
  const files = new Map<string, Obj[]>();
  const add = (file: string, o: Obj) => {
    const list = files.get(file) ?? [];
    list.push(o);
    files.set(file, list);
  };

  add("namespaces.yaml", namespace("platform", PUBLIC));
  add("namespaces.yaml", namespace("shared", PUBLIC));
  add("namespaces.yaml", namespace("team-a", { "opendepot.defdev.io/public": "false", team: "a" }));
  add("namespaces.yaml", namespace("sandbox"));
  add("namespaces.yaml", namespace("opendepot-system"));

  const s3 = (bucket: string): Obj => ({ s3: { bucket, region: "eu-west-1" }, presign: { enabled: true, ttl: "15m" } });
  const modules: ModuleSpec[] = [
    ...[
      "vpc",
      "eks",
      "iam",
      "rds",
      "s3-bucket",
      "alb",
      "lambda",
      "security-group",
      "ecs",
      "dynamodb-table",
      "elasticache",
      "vpn-gateway",
    ].map((n) => ({
      name: `terraform-aws-${n}`,
      ns: "platform",
      provider: "aws",
      isPublic: true,
      versions: semverSeries(rng, rng.int(8, 14)),
    })),
    {
      name: "terraform-aws-route53",
      ns: "platform",
      provider: "aws",
      isPublic: true,
      versions: ["1.0", "1.1", "1.2"],
      latest: "v1.2.0",
    },
    {
      name: "terraform-aws-cloudfront",
      ns: "platform",
      provider: "aws",
      isPublic: true,
      versions: ["3.0.0", "3.1.0", "4.0.0-beta.1"],
      latest: null,
    },
    {
      name: "terraform-aws-sqs",
      ns: "platform",
      provider: "aws",
      isPublic: true,
      versions: semverSeries(rng, 5),
      link: "owner",
    },
    {
      name: "terraform-aws-sns",
      ns: "platform",
      provider: "aws",
      isPublic: true,
      versions: semverSeries(rng, 5),
      link: "ref",
    },
    {
      name: "terraform-aws-kms",
      ns: "platform",
      provider: "aws",
      isPublic: true,
      versions: semverSeries(rng, 5),
      link: "label",
      storage: s3("kms-module-archive"),
    },
    {
      name: "vpc-legacy",
      configName: "terraform-aws-vpc-legacy",
      ns: "platform",
      provider: "aws",
      isPublic: true,
      versions: ["1.8.0", "1.9.0", "1.10.0"],
      link: "config-ref",
    },
    {
      name: "terraform-aws-internal-billing",
      ns: "platform",
      provider: "aws",
      isPublic: false,
      versions: semverSeries(rng, 4),
    },
    ...["network", "gke", "cloud-storage", "sql-db", "iam"].map((n) => ({
      name: `terraform-google-${n}`,
      ns: "shared",
      provider: "google",
      isPublic: true,
      versions: semverSeries(rng, rng.int(6, 10)),
    })),
    ...["aks", "network", "storage-account"].map((n) => ({
      name: `terraform-azurerm-${n}`,
      ns: "shared",
      provider: "azurerm",
      isPublic: true,
      versions: semverSeries(rng, rng.int(4, 8)),
    })),
    {
      name: "terraform-kubernetes-namespace",
      ns: "shared",
      provider: "kubernetes",
      isPublic: true,
      versions: semverSeries(rng, 6),
      syncStatus: [false, "Syncing"],
    },
    {
      name: "terraform-helm-release",
      ns: "shared",
      provider: "helm",
      isPublic: true,
      versions: [...semverSeries(rng, 5), "3.0.0-rc.1", "3.0.0-rc.2"],
    },
    { name: "terraform-null-label", ns: "shared", provider: "null", isPublic: true, versions: semverSeries(rng, 7) },
    { name: "terraform-shared-naming", ns: "shared", isPublic: true, versions: semverSeries(rng, 3) },
    {
      name: "terraform-aws-secret-rotation",
      ns: "team-a",
      provider: "aws",
      isPublic: false,
      versions: semverSeries(rng, 6),
    },
    {
      name: "terraform-aws-data-lake",
      ns: "team-a",
      provider: "aws",
      isPublic: false,
      versions: semverSeries(rng, 8),
      syncStatus: [false, "Failed to sync: tag v2.4.0 not found upstream"],
    },
    {
      name: "terraform-aws-iam-roles-team-a",
      ns: "team-a",
      provider: "aws",
      isPublic: false,
      versions: semverSeries(rng, 5),
    },
    { name: "terraform-aws-waf", ns: "team-a", provider: "aws", isPublic: false, versions: semverSeries(rng, 4) },
    {
      name: "team-a-service-mesh",
      ns: "team-a",
      provider: "kubernetes",
      isPublic: false,
      versions: semverSeries(rng, 5),
    },
    { name: "payments-vpc-peering", ns: "team-a", provider: "aws", isPublic: true, versions: semverSeries(rng, 4) },
    {
      name: "terraform-aws-bastion",
      ns: "sandbox",
      provider: "aws",
      isPublic: true,
      versions: semverSeries(rng, 3),
      storage: { fileSystem: { directoryPath: DEMO_ARCHIVE_DIR } },
      archive: "zip",
    },
    {
      name: "experiment-ecs-fargate",
      ns: "sandbox",
      provider: "aws",
      isPublic: false,
      versions: ["0.1.0", "0.2.0-alpha.1"],
    },
    { name: "sandbox-playground", ns: "sandbox", provider: "aws", isPublic: false, versions: [], latest: "v0.1.0" },
  ];
  modules[0]!.storage = s3("opendepot-modules");
  modules[2]!.storage = { presign: { enabled: false } };
  modules.find((m) => m.name === "terraform-aws-sqs")!.archive = "tgz";
  // Platform modules without a storage backend of their own inherit platform-depot's file system.
  const onFileSystem = (m: ModuleSpec) =>
    m.storage?.fileSystem !== undefined ||
    (m.ns === "platform" && !m.storage?.s3 && !m.storage?.gcs && !m.storage?.azureStorage);

  const downloads: Obj[] = [];
  for (const [mi, m] of modules.entries()) {
    const file = `${m.ns}/modules.yaml`;
    const latestVersion =
      m.latest === undefined
        ? `v${[...m.versions].filter((v) => !v.includes("-")).pop() ?? m.versions[m.versions.length - 1]}`
        : m.latest;
    const [synced, syncStatus] = m.syncStatus ?? [true, "Successfully synced module"];
    add(file, {
      apiVersion: G,
      kind: "Module",
      metadata: { name: m.name, namespace: m.ns, ...(m.isPublic ? { labels: PUBLIC } : {}) },
      spec: {
        moduleConfig: {
          name: m.configName ?? m.name,
          ...(m.provider ? { provider: m.provider } : {}),
          repoOwner: m.ns === "team-a" ? "team-a" : "opendepot-demo",
          repoUrl: `https://github.com/${m.ns === "team-a" ? "team-a" : "opendepot-demo"}/${m.configName ?? m.name}`,
          versionHistoryLimit: rng.pick([5, 10, 20]),
          ...(rng.chance(0.5) ? { versionConstraints: ">= 1.0.0" } : {}),
          ...(m.storage ? { storageConfig: m.storage } : {}),
          ...(rng.chance(0.4) ? { githubClientConfig: { useAuthenticatedClient: rng.chance(0.5) } } : {}),
        },
      },
      status: { synced, syncStatus, ...(latestVersion ? { latestVersion } : {}) },
    });
    m.versions.forEach((v, vi) => {
      const vname = `${m.name}-${v.replace(/[^0-9a-z]+/gi, "-")}`;
      const isLatest = vi === m.versions.length - 1;
      const state = rng.next();
      const [vSynced, vStatus] =
        isLatest && m.syncStatus && !m.syncStatus[0]
          ? m.syncStatus
          : state < 0.85
            ? [true, "Successfully synced module"]
            : state < 0.92
              ? [false, "Syncing"]
              : state < 0.97
                ? [false, "Failed to sync: archive download returned 502"]
                : [true, "error: checksum mismatch after upload"];
      const link = m.link ?? "all";
      const scanned = vSynced && rng.chance(0.9);
      const readmeMissing = m.name === "terraform-aws-alb" && isLatest;
      const readmeBroken = m.name === "terraform-aws-ecs" && isLatest;
      const customKey = m.name.startsWith("terraform-google") ? "readme.md" : "";
      const hasReadme = m.name !== "terraform-shared-naming" && rng.chance(0.9);
      const cmName = `${vname}-readme`;
      add(`${m.ns}/versions.yaml`, {
        apiVersion: G,
        kind: "Version",
        metadata: {
          name: vname,
          namespace: m.ns,
          ...(link === "all" || link === "label" ? { labels: { "opendepot.defdev.io/module": m.name } } : {}),
          ...(link === "all" || link === "owner"
            ? {
                ownerReferences: [
                  {
                    apiVersion: G,
                    kind: "Module",
                    name: m.name,
                    uid: `00000000-0000-4000-8000-${rng.hex(12)}`,
                    controller: true,
                  },
                ],
              }
            : {}),
        },
        spec: {
          ...(link === "label" || link === "owner" ? {} : { type: "Module" }),
          version: v,
          ...(link === "all" || link === "ref" ? { moduleConfigRef: { name: m.name } } : {}),
          ...(link === "config-ref" ? { moduleConfigRef: { name: m.configName } } : {}),
          fileName: `${m.configName ?? m.name}-${v}.${m.archive ?? "tar.gz"}`,
        },
        status: {
          synced: vSynced,
          syncStatus: vStatus,
          ...(vSynced ? { checksum: `sha256:${rng.hex(64)}`, archiveSizeBytes: rng.int(8_000, 4_000_000) } : {}),
          ...(scanned
            ? {
                sourceScan: {
                  scannedAt: iso(rng.int(60, 60 * 24 * 30)),
                  findings: findings(rng, "source", isLatest ? 5 : 3),
                },
              }
            : {}),
          ...(hasReadme || readmeMissing || readmeBroken
            ? { readmeConfigMapRef: { name: readmeMissing ? `${cmName}-gone` : cmName, key: customKey } }
            : {}),
        },
      });
      if (hasReadme || readmeBroken) {
        add(`${m.ns}/readmes.yaml`, {
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: cmName, namespace: m.ns },
          data: {
            [customKey || "README.md"]: readmeBroken
              ? "IyBub3QgYmFzZTY0!!!*"
              : Buffer.from(readme(m, v)).toString("base64"),
          },
        });
      }
      if (vSynced && archives && onFileSystem(m)) {
        const name = m.configName ?? m.name;
        const file = `${DEMO_ARCHIVE_DIR}/${name}/${name}-${v}.${m.archive ?? "tar.gz"}`;
        archives.push({ file, name, provider: m.provider ?? "null", versions: m.versions, index: vi });
      }
      if (vSynced && rng.chance(0.8)) {
        const name = m.configName ?? m.name;
        downloads.push({
          namespace: m.ns,
          kind: "module",
          name,
          version: v,
          count: rng.int(1, 900) * (isLatest ? 3 : 1),
          lastDownloadedAt: iso(rng.int(1, 60 * 24 * 14)),
        });
        if (m.name === "terraform-aws-vpc" && isLatest)
          downloads.push({
            namespace: m.ns,
            kind: "module",
            name,
            version: `v${v}`,
            count: 12,
            lastDownloadedAt: iso(0),
          });
      }
    });
    if (mi === 0) {
      add("platform/versions.yaml", {
        apiVersion: G,
        kind: "Version",
        metadata: { name: "terraform-aws-ghost-1-0-0", namespace: "platform" },
        spec: { type: "Module", version: "1.0.0", moduleConfigRef: { name: "terraform-aws-ghost" } },
        status: { synced: true, syncStatus: "Successfully synced module" },
      });
    }
  }

  const PLATFORMS = [
    ["linux", "amd64"],
    ["linux", "arm64"],
    ["darwin", "amd64"],
    ["darwin", "arm64"],
    ["windows", "amd64"],
  ] as const;
  const providers = [
    {
      name: "aws",
      ns: "platform",
      versions: ["5.77.0", "5.78.0", "5.79.0", "5.80.0"],
      source: "https://github.com/hashicorp/terraform-provider-aws",
    },
    {
      name: "kubernetes",
      ns: "platform",
      versions: ["2.33.0", "2.34.0", "2.35.1"],
      source: "https://github.com/hashicorp/terraform-provider-kubernetes",
    },
    {
      name: "helm",
      ns: "platform",
      versions: ["2.15.0", "2.16.1", "3.0.0-pre1"],
      source: "https://github.com/hashicorp/terraform-provider-helm",
    },
    {
      name: "random",
      ns: "platform",
      versions: ["3.6.2", "3.6.3"],
      source: "https://github.com/hashicorp/terraform-provider-random",
    },
    {
      name: "google",
      ns: "shared",
      versions: ["6.9.0", "6.10.0", "6.11.0", "6.12.0"],
      source: "https://github.com/hashicorp/terraform-provider-google",
    },
    {
      name: "azurerm",
      ns: "shared",
      versions: ["4.8.0", "4.9.0", "4.10.0"],
      source: "https://github.com/hashicorp/terraform-provider-azurerm",
    },
    { name: "tls", ns: "shared", versions: ["4.0.5", "4.0.6"], source: "" },
    {
      name: "null",
      ns: "shared",
      versions: ["3.2.2", "3.2.3"],
      source: "https://github.com/hashicorp/terraform-provider-null",
      nameless: true,
    },
    {
      name: "vault",
      ns: "team-a",
      versions: ["4.4.0", "4.5.0"],
      source: "https://github.com/hashicorp/terraform-provider-vault",
      private: true,
    },
  ];
  for (const p of providers) {
    const latest = p.versions.filter((v) => !v.includes("-")).pop()!;
    add(`${p.ns}/providers.yaml`, {
      apiVersion: G,
      kind: "Provider",
      metadata: { name: p.name, namespace: p.ns, ...(p.private ? {} : { labels: PUBLIC }) },
      spec: {
        providerConfig: {
          ...(p.nameless ? {} : { name: p.name }),
          namespace: "hashicorp",
          ...(p.source ? { sourceRepository: p.source } : {}),
          versionHistoryLimit: 5,
          ...(p.name === "google" ? { storageConfig: { gcs: { bucket: "opendepot-providers" } } } : {}),
        },
      },
      status: {
        synced: p.name !== "helm",
        syncStatus: p.name === "helm" ? "Syncing" : "Successfully synced provider",
        latestVersion: `v${latest}`,
        ...(p.name === "tls"
          ? { resolvedSourceRepository: "https://github.com/hashicorp/terraform-provider-tls" }
          : {}),
      },
    });
    for (const v of p.versions) {
      const platforms = PLATFORMS.slice(0, rng.int(3, 5));
      for (const [os, arch] of platforms) {
        // aws: the latest builds are clean while 5.79.0's builds carry CVEs (binary findings rule).
        const binary =
          p.name === "aws"
            ? v === "5.80.0"
              ? []
              : findings(rng, "binary", 3).concat([
                  {
                    vulnerabilityID: "CVE-2026-24790",
                    pkgName: "stdlib",
                    installedVersion: "1.22.1",
                    fixedVersion: "1.22.4",
                    severity: "HIGH",
                  },
                ])
            : findings(rng, "binary", 2);
        const failed = p.name === "kubernetes" && v === "2.35.1" && os === "windows";
        add(`${p.ns}/versions.yaml`, {
          apiVersion: G,
          kind: "Version",
          metadata: {
            name: `${p.name}-${v.replace(/\./g, "-")}-${os}-${arch}`,
            namespace: p.ns,
            labels: { "opendepot.defdev.io/provider": p.name },
          },
          spec: {
            type: "Provider",
            version: v,
            ...(p.nameless ? {} : { providerConfigRef: { name: p.name } }),
            operatingSystem: os,
            architecture: arch,
            fileName: `terraform-provider-${p.name}_${v}_${os}_${arch}.zip`,
          },
          status: {
            synced: !failed,
            syncStatus: failed ? "Failed to sync: signature verification failed" : "Successfully synced provider",
            checksum: `sha256:${rng.hex(64)}`,
            archiveSizeBytes: rng.int(5_000_000, 120_000_000),
            sourceScan: { scannedAt: iso(rng.int(60, 60 * 24 * 20)), findings: findings(rng, "source", 1) },
            binaryScan: { scannedAt: iso(rng.int(60, 60 * 24 * 20)), findings: binary },
          },
        });
      }
      downloads.push({
        namespace: p.ns,
        kind: "provider",
        name: p.name,
        version: v,
        count: rng.int(10, 2000),
        lastDownloadedAt: iso(rng.int(1, 60 * 24 * 7)),
      });
    }
  }

  const depot = (
    ns: string,
    name: string,
    isPublic: boolean,
    storage: Obj,
    polling: number,
    mods: string[],
    provs: string[],
  ): Obj => ({
    apiVersion: G,
    kind: "Depot",
    metadata: { name, namespace: ns, ...(isPublic ? { labels: PUBLIC } : {}) },
    spec: { pollingIntervalMinutes: polling, global: { storageConfig: storage } },
    status: { modules: mods, providers: provs },
  });
  add(
    "platform/depots.yaml",
    depot(
      "platform",
      "platform-depot",
      true,
      { fileSystem: { directoryPath: DEMO_ARCHIVE_DIR } },
      30,
      modules
        .filter((m) => m.ns === "platform" && m.name !== "terraform-aws-internal-billing")
        .map((m) => m.name)
        .concat(["terraform-aws-internal-billing"]),
      ["aws", "kubernetes", "helm", "random"],
    ),
  );
  add(
    "shared/depots.yaml",
    depot(
      "shared",
      "mirror",
      true,
      { gcs: { bucket: "opendepot-mirror" } },
      0,
      modules
        .filter((m) => m.ns === "shared")
        .map((m) => `shared/${m.name}`)
        .concat(["platform/terraform-aws-vpc"]),
      ["shared/google", "shared/azurerm", "shared/tls", "shared/null"],
    ),
  );
  add(
    "team-a/depots.yaml",
    depot(
      "team-a",
      "team-depot",
      false,
      {
        azureStorage: {
          accountName: "teamadepot",
          accountUrl: "https://teamadepot.blob.core.windows.net",
          subscriptionID: "00000000-0000-0000-0000-00000000000a",
          resourceGroup: "rg-team-a",
        },
      },
      60,
      modules
        .filter((m) => m.ns === "team-a")
        .map((m) => m.name)
        .concat(["sandbox/terraform-aws-bastion", "does-not-exist"]),
      ["vault"],
    ),
  );

  const binding = (name: string, expression: string, moduleResources: string[], providerResources: string[]): Obj => ({
    apiVersion: G,
    kind: "GroupBinding",
    metadata: { name, namespace: "opendepot-system" },
    spec: { expression, moduleResources, providerResources },
  });
  add(
    "opendepot-system/groupbindings.yaml",
    binding("developers", '"developers" in groups', ["terraform-aws-*"], ["aws"]),
  );
  add(
    "opendepot-system/groupbindings.yaml",
    binding("platform-team", 'any(groups, # == "platform-team" or # == "platform-admins")', ["*"], ["*"]),
  );
  add(
    "opendepot-system/groupbindings.yaml",
    binding(
      "security-auditors",
      '"security" in groups and not ("contractors" in groups)',
      ["terraform-*-iam*", "payments-*"],
      ["vault"],
    ),
  );

  const out = new Map<string, string>();
  for (const [file, objects] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.set(file, objects.map((o) => `---\n${stringify(o, { lineWidth: 0 })}`).join(""));
  }
  out.set(
    "downloads.yaml",
    stringify(downloads, { lineWidth: 0, collectionStyle: "flow" })
      .replace(/\}, \{/g, "}\n- {")
      .replace(/^\[ /, "- ")
      .replace(/ \]\n$/, "\n"),
  );
  return out;
}

function synthetic(seed: number, s: ScaleOptions): Map<string, string> {
  const rng = prng(seed);
  const out = new Map<string, string>();
  const nsNames = Array.from({ length: s.namespaces }, (_, i) => `ns-${String(i).padStart(3, "0")}`);
  const isPublicNs = (i: number) => i < Math.ceil(s.namespaces * 0.4);
  const chunks = new Map<string, Obj[]>();
  const add = (key: string, o: Obj) => {
    const list = chunks.get(key) ?? [];
    list.push(o);
    chunks.set(key, list);
  };
  nsNames.forEach((n, i) => add("namespaces", namespace(n, isPublicNs(i) ? PUBLIC : undefined)));
  add("namespaces", namespace("opendepot-system"));
  const providersOf = ["aws", "google", "azurerm", "kubernetes", "helm"];
  // Exactly `s.versions` Version objects: each provider version is one row per platform (4), the
  // rest go to modules, spread as evenly as whole numbers allow.
  const perProviderVersion = 4;
  const moduleShare = Math.round(s.versions * (s.modules / (s.modules + s.providers * perProviderVersion)));
  const providerSemvers = s.providers > 0 ? Math.floor((s.versions - moduleShare) / perProviderVersion) : 0;
  const moduleRows = s.versions - providerSemvers * perProviderVersion;
  const spread = (total: number, parts: number, i: number) => Math.floor(total / parts) + (i < total % parts ? 1 : 0);
  const resources: { kind: "module" | "provider"; ns: string; name: string }[] = [];
  const downloads: Obj[] = [];
  for (let i = 0; i < s.modules; i++) {
    const ns = nsNames[i % s.namespaces]!;
    const provider = rng.pick(providersOf);
    const name = `terraform-${provider}-component-${String(i).padStart(5, "0")}`;
    const versions = semverSeries(rng, Math.max(1, spread(moduleRows, s.modules, i)));
    resources.push({ kind: "module", ns, name });
    add(`${ns}/modules`, {
      apiVersion: G,
      kind: "Module",
      metadata: { name, namespace: ns, ...(rng.chance(0.7) ? { labels: PUBLIC } : {}) },
      spec: {
        moduleConfig: {
          name,
          provider,
          repoUrl: `https://github.com/example/${name}`,
          repoOwner: "example",
          versionHistoryLimit: 10,
        },
      },
      status: {
        synced: rng.chance(0.95),
        syncStatus: "Successfully synced module",
        latestVersion: `v${versions[versions.length - 1]}`,
      },
    });
    versions.forEach((v, vi) => {
      const synced = rng.chance(0.93);
      add(`${ns}/versions`, {
        apiVersion: G,
        kind: "Version",
        metadata: {
          name: `${name}-${v.replace(/\./g, "-")}`,
          namespace: ns,
          labels: { "opendepot.defdev.io/module": name },
        },
        spec: { type: "Module", version: v, moduleConfigRef: { name }, fileName: `${name}-${v}.tar.gz` },
        status: {
          synced,
          syncStatus: synced ? "Successfully synced module" : rng.chance(0.5) ? "Syncing" : "Failed to sync: timeout",
          checksum: `sha256:${rng.hex(64)}`,
          archiveSizeBytes: rng.int(8_000, 4_000_000),
          sourceScan: { scannedAt: iso(rng.int(60, 60 * 24 * 30)), findings: findings(rng, "source", 3) },
        },
      });
      if (vi >= versions.length - 2)
        downloads.push({
          namespace: ns,
          kind: "module",
          name,
          version: v,
          count: rng.int(1, 5000),
          lastDownloadedAt: iso(rng.int(1, 10000)),
        });
    });
  }
  const PLATFORMS = [
    ["linux", "amd64"],
    ["linux", "arm64"],
    ["darwin", "arm64"],
    ["windows", "amd64"],
  ] as const;
  for (let i = 0; i < s.providers; i++) {
    const ns = nsNames[i % s.namespaces]!;
    const name = `provider-${String(i).padStart(5, "0")}`;
    const versions = semverSeries(rng, Math.max(1, spread(providerSemvers, s.providers, i)));
    resources.push({ kind: "provider", ns, name });
    add(`${ns}/providers`, {
      apiVersion: G,
      kind: "Provider",
      metadata: { name, namespace: ns, ...(rng.chance(0.7) ? { labels: PUBLIC } : {}) },
      spec: {
        providerConfig: {
          name,
          namespace: "example",
          sourceRepository: `https://github.com/example/terraform-provider-${name}`,
        },
      },
      status: {
        synced: true,
        syncStatus: "Successfully synced provider",
        latestVersion: `v${versions[versions.length - 1]}`,
      },
    });
    for (const v of versions) {
      for (const [os, arch] of PLATFORMS) {
        add(`${ns}/versions`, {
          apiVersion: G,
          kind: "Version",
          metadata: {
            name: `${name}-${v.replace(/\./g, "-")}-${os}-${arch}`,
            namespace: ns,
            labels: { "opendepot.defdev.io/provider": name },
          },
          spec: {
            type: "Provider",
            version: v,
            providerConfigRef: { name },
            operatingSystem: os,
            architecture: arch,
            fileName: `terraform-provider-${name}_${v}_${os}_${arch}.zip`,
          },
          status: {
            synced: true,
            syncStatus: "Successfully synced provider",
            checksum: `sha256:${rng.hex(64)}`,
            archiveSizeBytes: rng.int(5_000_000, 120_000_000),
            binaryScan: { scannedAt: iso(rng.int(60, 60 * 24 * 20)), findings: findings(rng, "binary", 2) },
          },
        });
      }
      downloads.push({ namespace: ns, kind: "provider", name, version: v, count: rng.int(1, 5000) });
    }
  }
  const backends: Obj[] = [
    { s3: { bucket: "depot", region: "eu-west-1" } },
    { gcs: { bucket: "depot" } },
    { fileSystem: {} },
    { azureStorage: { accountName: "a", accountUrl: "https://a", subscriptionID: "s", resourceGroup: "r" } },
  ];
  for (let i = 0; i < s.depots; i++) {
    const ns = nsNames[i % s.namespaces]!;
    const managed = Array.from({ length: rng.int(1, 12) }, () => rng.pick(resources));
    add(`${ns}/depots`, {
      apiVersion: G,
      kind: "Depot",
      metadata: {
        name: `depot-${String(i).padStart(4, "0")}`,
        namespace: ns,
        ...(rng.chance(0.5) ? { labels: PUBLIC } : {}),
      },
      spec: { pollingIntervalMinutes: rng.pick([0, 15, 30, 60]), global: { storageConfig: rng.pick(backends) } },
      status: {
        modules: managed.filter((r) => r.kind === "module").map((r) => (r.ns === ns ? r.name : `${r.ns}/${r.name}`)),
        providers: managed
          .filter((r) => r.kind === "provider")
          .map((r) => (r.ns === ns ? r.name : `${r.ns}/${r.name}`)),
      },
    });
  }
  for (let i = 0; i < s.groupbindings; i++) {
    add("opendepot-system/groupbindings", {
      apiVersion: G,
      kind: "GroupBinding",
      metadata: { name: `team-${String(i).padStart(3, "0")}`, namespace: "opendepot-system" },
      spec: {
        expression: `"team-${i}" in groups`,
        moduleResources: [`terraform-${providersOf[i % providersOf.length]}-component-0${i % 10}*`],
        providerResources: [`provider-${String(i).padStart(5, "0")}`],
      },
    });
  }
  for (const [key, items] of chunks) {
    for (let c = 0; c * 2000 < items.length; c++) {
      const suffix = items.length > 2000 ? `-${String(c).padStart(3, "0")}` : "";
      out.set(
        `${key}${suffix}.json`,
        JSON.stringify({ apiVersion: "v1", kind: "List", items: items.slice(c * 2000, (c + 1) * 2000) }),
      );
    }
  }
  out.set("downloads.yaml", downloads.map((d) => `- ${JSON.stringify(d)}`).join("\n") + "\n");
  return out;
}

export function generateRegistry(options: GenerateOptions): Map<string, string> {
  return options.scale ? synthetic(options.seed, options.scale) : demo(options.seed);
}

function parseArgs(argv: string[]): { out: string } & GenerateOptions {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]!;
    if (!key.startsWith("--") || argv[i + 1] === undefined)
      throw new Error(
        `usage: --out DIR --seed N [--modules N --providers N --versions N --namespaces N --depots N --groupbindings N]`,
      );
    args.set(key.slice(2), argv[i + 1]!);
  }
  const num = (k: string, def: number) => {
    const v = args.get(k);
    if (v === undefined) return def;
    if (!/^\d+$/.test(v)) throw new Error(`--${k} must be a whole number`);
    return Number(v);
  };
  const scaleKeys = ["modules", "providers", "versions", "namespaces", "depots", "groupbindings"];
  const scaled = scaleKeys.some((k) => args.has(k));
  return {
    out: args.get("out") ?? "demo/registry",
    seed: num("seed", 1),
    ...(scaled
      ? {
          scale: {
            modules: num("modules", 1000),
            providers: num("providers", 200),
            versions: num("versions", 10000),
            namespaces: Math.max(1, num("namespaces", 10)),
            depots: num("depots", 50),
            groupbindings: num("groupbindings", 5),
          },
        }
      : {}),
  };
}

/** Generates a registry into `out`, replacing the manifests already there; returns the file count. */
export function writeRegistry(out: string, options: GenerateOptions): number {
  const files = generateRegistry(options);
  mkdirSync(out, { recursive: true });
  for (const e of readdirSync(out, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && /\.(ya?ml|json)$/.test(e.name)) rmSync(path.join(e.parentPath, e.name));
  }
  for (const [rel, text] of files) {
    mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
    writeFileSync(path.join(out, rel), text);
  }
  return files.size;
}

/** The demo's module archives (the file-system depot's files), replacing those already there. */
export async function writeDemoArchives(out: string, seed: number): Promise<number> {
  const plans: ArchivePlan[] = [];
  demo(seed, plans);
  rmSync(path.join(out, DEMO_ARCHIVE_DIR), { recursive: true, force: true });
  for (const plan of plans) {
    const file = path.join(out, plan.file);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, await archiveBytes(plan));
  }
  return plans.length;
}

async function main(): Promise<void> {
  const { out, ...options } = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const count = writeRegistry(out, options);
  const archives = options.scale ? 0 : await writeDemoArchives(out, options.seed);
  console.log(`wrote ${count} files and ${archives} archives to ${out} in ${Math.round(performance.now() - t0)} ms`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
