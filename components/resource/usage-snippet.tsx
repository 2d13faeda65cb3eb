"use client";

import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Select } from "@/components/ui/field";
import { Card } from "@/components/ui/card";

export interface SnippetVersion {
  version: string;
  /** Every row of the version synced: it can be downloaded. */
  synced: boolean;
}

export interface UsageProps {
  kind: "module" | "provider";
  host: string;
  namespace: string;
  registryName: string;
  provider?: string;
  /** Distinct versions, newest first. */
  versions: SnippetVersion[];
  latest?: string;
  /** Required inputs of the module (issue 15), written into the snippet as placeholders. */
  requiredInputs?: { name: string; type?: string }[];
}

/** The version a snippet starts with: the newest one people can download, else the newest. */
export function defaultSnippetVersion(versions: readonly SnippetVersion[]): string {
  return (versions.find((v) => v.synced) ?? versions[0])?.version ?? "";
}

/** Valid HCL, one argument per line, for the chosen version; plus how to log in. */
export function usageHcl(
  { kind, host, namespace, registryName, provider, requiredInputs }: Omit<UsageProps, "versions" | "latest">,
  version: string,
): string | undefined {
  if (kind === "module") {
    if (!provider) return undefined;
    const width = Math.max(7, ...(requiredInputs ?? []).map((i) => i.name.length));
    const inputs = (requiredInputs ?? [])
      .map((i) => `  ${i.name.padEnd(width)} = null # required, ${(i.type ?? "any").replace(/\s+/g, " ")}\n`)
      .join("");
    const pad = (k: string) => k.padEnd(width);
    return `module "${registryName}" {\n  ${pad("source")} = "${host}/${namespace}/${registryName}/${provider}"\n  ${pad("version")} = "${version}"\n${inputs ? `\n${inputs}` : ""}}\n`;
  }
  return `terraform {\n  required_providers {\n    ${registryName} = {\n      source  = "${host}/${namespace}/${registryName}"\n      version = "${version}"\n    }\n  }\n}\n`;
}

export function UsageSnippet(props: UsageProps) {
  const [version, setVersion] = useState(() => defaultSnippetVersion(props.versions));
  const hcl = usageHcl(props, version);
  const tokenVar = `TF_TOKEN_${props.host.replace(/[.:-]/g, "_")}`;
  return (
    <Card as="section" aria-labelledby="usage-heading">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="usage-heading" className="text-lg font-semibold">
          Usage
        </h2>
        {props.versions.length > 0 ? (
          <label className="flex min-w-0 items-center gap-2 text-sm">
            Version
            <Select
              value={version}
              onChange={(e) => setVersion(e.target.value)}
              data-testid="usage-version"
              className="max-w-48 py-1"
            >
              {props.versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version}
                  {[v.version === props.latest ? "latest" : "", v.synced ? "" : "not synced"]
                    .filter(Boolean)
                    .map((x, i) => (i === 0 ? ` (${x}` : `, ${x}`))
                    .join("")}
                  {v.version === props.latest || !v.synced ? ")" : ""}
                </option>
              ))}
            </Select>
          </label>
        ) : null}
      </div>
      {hcl ? (
        <div className="relative mt-3">
          <pre
            tabIndex={0}
            className="overflow-x-auto rounded-md bg-subtle p-3 pr-16 font-mono text-sm"
            data-testid="usage-hcl"
          >
            <code>{hcl}</code>
          </pre>
          <CopyButton value={hcl} what="usage snippet" className="absolute top-2 right-2" />
        </div>
      ) : (
        <p className="mt-3 text-sm">
          This module declares no provider, so there is no registry source address to show.
        </p>
      )}
      <p className="mt-3 text-sm text-muted">
        For private resources, log in first: <code className="font-mono break-all">tofu login {props.host}</code> (or{" "}
        <code className="font-mono">terraform login</code>), or set{" "}
        <code className="font-mono break-all">{tokenVar}</code> to a token.
      </p>
    </Card>
  );
}
