// Module archives for the demo registry (issue 15): real Terraform (.tf and .tf.json) whose
// interface changes across a module's versions — new optional inputs in minor releases, an output
// removed in a major one, and for a few "careless" modules a new required input in a minor release
// and a type change in a patch — with submodules, examples, heredocs, optional() attributes,
// sensitive, nullable, `default = null` and validation blocks. Deterministic.

import { versionBump } from "../lib/interface/diff";
import { tarGz, zip, type ArchiveEntry } from "../lib/testing/archives";

export interface ArchivePlan {
  /** Path below the registry folder: `{directoryPath}/{name}/{fileName}`. */
  readonly file: string;
  readonly name: string;
  readonly provider: string;
  /** Every version of the module, oldest first, and this one's index in it. */
  readonly versions: readonly string[];
  readonly index: number;
}

const CARELESS = new Set(["terraform-aws-eks", "terraform-aws-alb", "terraform-aws-bastion"]);
const WITH_JSON = new Set(["terraform-aws-lambda", "terraform-aws-sns", "terraform-aws-bastion"]);

/** What version `index` declares, from the bumps that led to it. */
function features(name: string, versions: readonly string[], index: number) {
  let minors = 0;
  let majorSeen = false;
  let requiredEnv = false;
  let countAsString = false;
  for (let i = 1; i <= index; i++) {
    const bump = versionBump(versions[i - 1]!, versions[i]!);
    if (bump === "minor") {
      minors++;
      if (CARELESS.has(name)) requiredEnv = true;
    }
    if (bump === "major") majorSeen = true;
    if (bump === "patch" && CARELESS.has(name) && minors > 0) countAsString = true;
  }
  return { minors, majorSeen, requiredEnv, countAsString };
}

function rootFiles(plan: ArchivePlan): Record<string, string> {
  const { name, provider, versions, index } = plan;
  const f = features(name, versions, index);
  const short = name.replace(/^terraform-[a-z]+-/, "").replace(/-/g, "_");
  const extra = Array.from(
    { length: f.minors },
    (_, k) => `
variable "feature_${k + 1}_enabled" {
  description = "Turns on feature ${k + 1} (added in a minor release)."
  type        = bool
  default     = false
}
`,
  ).join("");
  const variables = `variable "name" {
  description = <<-EOT
    Name of the ${short} and prefix of everything it creates.
    Must be lower case.
  EOT
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*$", var.name))
    error_message = "The name must be lower case letters, digits and dashes."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}

variable "settings" {
  description = "Fine tuning; unset attributes take their defaults."
  type = object({
    retention_days = optional(number, 30)
    log_level      = optional(string, "info")
    extra_tags     = optional(map(string), {})
  })
  default = null
}

variable "instance_count" {
  description = "How many instances to run."
  type        = ${f.countAsString ? "string" : "number"}
  default     = ${f.countAsString ? '"1"' : "1"}
  nullable    = false
}

variable "admin_password" {
  description = "Initial administrator password."
  type        = string
  sensitive   = true
  default     = null
}
${
  f.requiredEnv
    ? `
variable "environment" {
  description = "Deployment environment (added as required in a minor release)."
  type        = string
}
`
    : ""
}${extra}`;
  const outputs = `output "id" {
  description = "The id of the ${short}."
  value       = ${provider}_${short}.this.id
}

output "arn" {
  description = "The ARN of the ${short}."
  value       = ${provider}_${short}.this.arn
}
${
  f.majorSeen
    ? ""
    : `
output "legacy_id" {
  description = "Deprecated: use id."
  value       = ${provider}_${short}.this.id
}
`
}
output "admin_password" {
  value     = var.admin_password
  sensitive = true
}
`;
  const main = `resource "${provider}_${short}" "this" {
  name  = var.name
  count = var.instance_count
  tags  = var.tags
}

data "${provider}_caller_identity" "current" {}

module "endpoints" {
  source = "./modules/endpoints"
  name   = var.name
}

module "labels" {
  source  = "registry.example.com/shared/terraform-null-label/null"
  version = "~> 2.1"
  name    = var.name
}
`;
  const versionsTf = `terraform {
  required_version = ">= 1.${f.majorSeen ? 6 : 5}.0"

  required_providers {
    ${provider} = {
      source  = "hashicorp/${provider}"
      version = ">= 5.${f.minors}, < 7.0"
    }
  }
}
`;
  const files: Record<string, string> = {
    "main.tf": main,
    "variables.tf": variables,
    "outputs.tf": outputs,
    "versions.tf": versionsTf,
  };
  if (WITH_JSON.has(name)) {
    files["extra.tf.json"] = JSON.stringify(
      {
        variable: {
          log_retention_days: { type: "number", default: 14, description: "Days to keep logs (declared in .tf.json)." },
        },
        output: { log_group: { value: "${var.name}-logs", description: "The log group (declared in .tf.json)." } },
      },
      null,
      2,
    );
  }
  return files;
}

const SUBMODULE = `variable "name" {
  type = string
}

variable "private" {
  description = "Whether the endpoints are private."
  type        = bool
  default     = true
}

output "endpoint_ids" {
  value = []
}
`;

function example(name: string, provider: string, complete: boolean): string {
  return `module "this" {
  source = "../../"
  name   = "example"${complete ? `\n  tags   = { team = "platform" }` : ""}
}

provider "${provider}" {}

output "id" {
  value = module.this.id
}
`.replace("example", complete ? `${name}-complete` : `${name}-simple`);
}

/** The files of one version's archive, under a GitHub-style top-level directory. */
export function archiveEntries(plan: ArchivePlan): ArchiveEntry[] {
  const top = `${plan.name}-${plan.versions[plan.index]}/`;
  const files: [string, string][] = Object.entries(rootFiles(plan));
  files.push(["README.md", `# ${plan.name}\n`]);
  files.push(["modules/endpoints/main.tf", SUBMODULE]);
  files.push(["examples/simple/main.tf", example(plan.name, plan.provider, false)]);
  // The complete example appears in a later release; older archives have the simple one only.
  if (plan.index > 0) files.push(["examples/complete/main.tf", example(plan.name, plan.provider, true)]);
  return [{ name: top, type: "directory" }, ...files.map(([p, content]) => ({ name: top + p, content }))];
}

export async function archiveBytes(plan: ArchivePlan): Promise<Buffer> {
  const entries = archiveEntries(plan);
  return plan.file.endsWith(".zip") ? zip(entries.filter((e) => e.type !== "directory")) : tarGz(entries);
}

/** A large module (~150 KB of .tf across files) for the bench: many inputs, outputs and resources. */
export function largeModuleEntries(targetBytes = 150_000): ArchiveEntry[] {
  const out: ArchiveEntry[] = [];
  let size = 0;
  for (let file = 0; size < targetBytes; file++) {
    let text = "";
    for (let i = 0; i < 40 && size + text.length < targetBytes; i++) {
      const n = `${file}_${i}`;
      text += `variable "setting_${n}" {
  description = <<-EOT
    Setting ${n}: a long description that spans lines,
    as real modules often have.
  EOT
  type = map(object({ name = string, tags = optional(map(string), {}), size = optional(number) }))
  default = null
}

resource "aws_instance" "node_${n}" {
  ami           = "ami-123456"
  instance_type = "t3.micro"
  tags          = { Name = "node-${n}" }
}

output "node_${n}_id" {
  description = "The id of node ${n}."
  value       = aws_instance.node_${n}.id
}
`;
    }
    size += text.length;
    out.push({ name: `large/part_${String(file).padStart(3, "0")}.tf`, content: text });
  }
  return out;
}
