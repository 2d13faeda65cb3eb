import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tar, tarGz, zip, type ArchiveEntry } from "../testing/archives";
import { extractInterface } from "./extract";
import { ExtractPool } from "./extract-pool";
import { DEFAULT_LIMITS, type ArchiveLimits } from "./types";

const pool = new ExtractPool({ workerPath: path.resolve("lib/interface/extract-worker.mjs") });
afterAll(() => pool.close());

const run = async (entries: ArchiveEntry[], limits: ArchiveLimits = DEFAULT_LIMITS) =>
  extractInterface(pool, await tarGz(entries), limits);
const root = async (tf: string) => {
  const r = await run([{ name: "main.tf", content: tf }]);
  expect(r.status, r.error).toBe("ok");
  return r.root;
};

describe("extraction rules", () => {
  it("required only without a default; default = null is optional with a null default", async () => {
    const r = await root(`
variable "absent" { type = string }
variable "nulled" {
  type    = string
  default = null
}
variable "zero" { default = 0 }
`);
    expect(r.inputs).toEqual([
      { name: "absent", type: "string", required: true, sensitive: false, nullable: true },
      { name: "nulled", type: "string", default: null, required: false, sensitive: false, nullable: true },
      { name: "zero", default: 0, required: false, sensitive: false, nullable: true },
    ]);
    expect(Object.hasOwn(r.inputs[0]!, "default")).toBe(false);
  });

  it("keeps types as written, defaults as JSON, heredocs resolved, sensitive and nullable", async () => {
    const r = await root(`
variable "complex" {
  type = map(object({ name = string, tags = optional(map(string), {}) }))
  description = <<-EOT
    First line.
      Indented.
  EOT
  default = { a = { name = "x", tags = { k = "v" } } }
  sensitive = true
  nullable  = false
  validation {
    condition     = length(var.complex) > 0
    error_message = "Not empty."
  }
}
`);
    expect(r.inputs).toEqual([
      {
        name: "complex",
        type: "map(object({ name = string, tags = optional(map(string), {}) }))",
        description: "First line.\n  Indented.\n",
        default: { a: { name: "x", tags: { k: "v" } } },
        required: false,
        sensitive: true,
        nullable: false,
      },
    ]);
  });

  it("reads outputs, resources, providers, core constraints and module calls, sorted by name", async () => {
    const r = await root(`
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
    null = "~> 3.0"
  }
}
output "b" { value = 1 }
output "a" {
  value       = 2
  description = "A."
  sensitive   = true
}
resource "aws_vpc" "main" {}
data "aws_region" "current" {}
resource "aws_subnet" "a" {}
module "child" {
  source  = "registry.example.com/ns/child/aws"
  version = "1.0.0"
}
`);
    expect(r.outputs).toEqual([
      { name: "a", description: "A.", sensitive: true },
      { name: "b", sensitive: false },
    ]);
    expect(r.resources).toEqual([
      { mode: "managed", type: "aws_subnet", name: "a" },
      { mode: "data", type: "aws_region", name: "current" },
      { mode: "managed", type: "aws_vpc", name: "main" },
    ]);
    expect(r.requiredProviders).toEqual([
      { name: "aws", source: "hashicorp/aws", versionConstraints: ">= 5.0" },
      { name: "null", versionConstraints: "~> 3.0" },
    ]);
    expect(r.requiredCore).toEqual([">= 1.5"]);
    expect(r.moduleCalls).toEqual([{ name: "child", source: "registry.example.com/ns/child/aws", version: "1.0.0" }]);
  });

  it("reads .tf.json files (object and list bodies) beside .tf files", async () => {
    const r = await run([
      { name: "main.tf", content: 'variable "a" { type = string }' },
      {
        name: "vars.tf.json",
        content: JSON.stringify({
          variable: { b: { type: "list(string)", default: [] }, c: [{ description: "C" }] },
          output: { o: { value: "${var.a}" } },
        }),
      },
    ]);
    expect(r.root.inputs.map((i) => [i.name, i.type, i.required])).toEqual([
      ["a", "string", true],
      ["b", "list(string)", false],
      ["c", undefined, true],
    ]);
    expect(r.root.outputs).toEqual([{ name: "o", sensitive: false }]);
  });

  it("finds submodules and examples, and strips a single top-level directory", async () => {
    const r = await run([
      { name: "repo-1.0.0/", type: "directory" },
      { name: "repo-1.0.0/main.tf", content: 'variable "r" {}' },
      { name: "repo-1.0.0/modules/a/main.tf", content: 'variable "sa" {}' },
      { name: "repo-1.0.0/modules/a/deeper/main.tf", content: 'variable "ignored" {}' },
      { name: "repo-1.0.0/examples/complete/main.tf", content: 'module "x" { source = "../../" }' },
      { name: "repo-1.0.0/test/main.tf", content: 'variable "ignored" {}' },
    ]);
    expect(r.root.inputs.map((i) => i.name)).toEqual(["r"]);
    expect(r.submodules.map((s) => [s.path, s.inputs.map((i) => i.name)])).toEqual([["modules/a", ["sa"]]]);
    expect(r.examples.map((s) => [s.path, s.moduleCalls])).toEqual([
      ["examples/complete", [{ name: "x", source: "../../" }]],
    ]);
  });

  it("keeps the archive root when entries do not share one top-level directory", async () => {
    const r = await run([
      { name: "a/x.tf", content: 'variable "nested" {}' },
      { name: "main.tf", content: 'variable "top" {}' },
    ]);
    expect(r.root.inputs.map((i) => i.name)).toEqual(["top"]);
  });

  it("reads .tar.gz, a plain .tar and .zip alike", async () => {
    const entries = [{ name: "main.tf", content: 'variable "a" {}' }];
    const a = await extractInterface(pool, await tarGz(entries), DEFAULT_LIMITS);
    const b = await extractInterface(pool, await tar(entries), DEFAULT_LIMITS);
    const c = await extractInterface(pool, zip(entries), DEFAULT_LIMITS);
    expect(a.status).toBe("ok");
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it("reports a file that does not parse as invalid, naming it", async () => {
    const r = await run([{ name: "main.tf", content: 'variable "a" {\n  type = \n' }]);
    expect(r.status).toBe("invalid");
    expect(r.error).toMatch(/^main\.tf does not parse/);
  });
});

describe("archive safety", () => {
  const good = { name: "main.tf", content: 'variable "ok" {}' };

  it("skips tar-slip, absolute and link entries", async () => {
    const r = await run([
      good,
      { name: "../evil.tf", content: 'variable "evil" {}' },
      { name: "/abs.tf", content: 'variable "abs" {}' },
      { name: "link.tf", type: "symlink", linkname: "/etc/passwd" },
    ]);
    expect(r.status).toBe("ok");
    expect(r.root.inputs.map((i) => i.name)).toEqual(["ok"]);
  });

  it("skips zip-slip and symlink entries", async () => {
    const r = await extractInterface(
      pool,
      zip([
        good,
        { name: "../../evil.tf", content: 'variable "evil" {}' },
        { name: "l.tf", type: "symlink", linkname: "../../x" },
      ]),
      DEFAULT_LIMITS,
    );
    expect(r.status).toBe("ok");
    expect(r.root.inputs.map((i) => i.name)).toEqual(["ok"]);
  });

  it("an archive with only unsafe entries is invalid with a reason", async () => {
    const r = await extractInterface(
      pool,
      zip([{ name: "../evil.tf", content: 'variable "evil" {}' }]),
      DEFAULT_LIMITS,
    );
    expect(r).toMatchObject({ status: "invalid", error: expect.stringMatching(/no Terraform files/) });
  });

  it("a compression bomb stops at the uncompressed limit", async () => {
    const bomb = await tarGz([good, { name: "zeros.bin", content: new Uint8Array(50 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(200_000);
    const r = await extractInterface(pool, bomb, { ...DEFAULT_LIMITS, maxUnpackedBytes: 8 * 1024 * 1024 });
    expect(r).toMatchObject({ status: "invalid", error: expect.stringMatching(/unpacks to more than/) });
  });

  it("a zip entry larger than the per-file limit is refused", async () => {
    const r = await extractInterface(pool, zip([{ name: "main.tf", content: "#".repeat(4096) }]), {
      ...DEFAULT_LIMITS,
      maxFileBytes: 1024,
    });
    expect(r).toMatchObject({ status: "invalid", error: expect.stringMatching(/larger than 1024 bytes/) });
  });

  it("too many entries, too large, truncated and non-archives are invalid with a reason", async () => {
    const many = await tarGz(Array.from({ length: 20 }, (_, i) => ({ name: `f${i}.tf`, content: "" })));
    expect(await extractInterface(pool, many, { ...DEFAULT_LIMITS, maxEntries: 10 })).toMatchObject({
      status: "invalid",
      error: expect.stringMatching(/more than 10 entries/),
    });
    expect(await extractInterface(pool, many, { ...DEFAULT_LIMITS, maxArchiveBytes: 100 })).toMatchObject({
      status: "invalid",
      error: expect.stringMatching(/larger than 100 bytes/),
    });
    const whole = await tarGz([good, { name: "b.tf", content: "x".repeat(10_000) }]);
    expect((await extractInterface(pool, whole.subarray(0, whole.length / 2), DEFAULT_LIMITS)).status).toBe("invalid");
    const plainTar = await tar([good, { name: "b.tf", content: "#".repeat(10_000) }]);
    expect(await extractInterface(pool, plainTar.subarray(0, 3000), DEFAULT_LIMITS)).toMatchObject({
      status: "invalid",
      error: expect.stringMatching(/tar stream is damaged/),
    });
    const z = zip([good]);
    expect(await extractInterface(pool, z.subarray(0, z.length - 10), DEFAULT_LIMITS)).toMatchObject({
      status: "invalid",
      error: expect.stringMatching(/zip archive is damaged/),
    });
    expect(await extractInterface(pool, Buffer.from("<html>not found</html>"), DEFAULT_LIMITS)).toMatchObject({
      status: "invalid",
      error: "not a .tar.gz, .tgz, .tar or .zip archive",
    });
  });

  it("a parse past its time ends as invalid and the next archive still works", async () => {
    const big = await tarGz(
      Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.tf`, content: `variable "v${i}" {}\n`.repeat(200) })),
    );
    const r = await extractInterface(pool, big, { ...DEFAULT_LIMITS, parseTimeoutMs: 1 });
    expect(r).toMatchObject({ status: "invalid", error: expect.stringMatching(/longer than 1 ms/) });
    expect((await run([good])).status).toBe("ok");
  });
});

describe("the demo's archives", () => {
  const dir = path.resolve("demo/registry/archives");
  const read = (name: string, file: string) => readFileSync(path.join(dir, name, file));

  it("every archive extracts, with submodules and examples", async () => {
    for (const name of readdirSync(dir)) {
      for (const file of readdirSync(path.join(dir, name))) {
        const r = await extractInterface(pool, read(name, file), DEFAULT_LIMITS);
        expect(r.status, `${file}: ${r.error}`).toBe("ok");
        expect(r.submodules.map((s) => s.path)).toEqual(["modules/endpoints"]);
        expect(r.examples.length).toBeGreaterThan(0);
        expect(r.root.inputs.find((i) => i.name === "settings")).toMatchObject({ default: null, required: false });
      }
    }
  }, 60_000);

  it("the zip module carries .tf.json declarations", async () => {
    const [file] = readdirSync(path.join(dir, "terraform-aws-bastion")).filter((f) => f.endsWith(".zip"));
    const r = await extractInterface(pool, read("terraform-aws-bastion", file!), DEFAULT_LIMITS);
    expect(r.root.inputs.map((i) => i.name)).toContain("log_retention_days");
    expect(r.root.outputs.map((o) => o.name)).toContain("log_group");
  });
});
