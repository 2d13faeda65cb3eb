"use client";

import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";

export interface UsageProps {
  kind: "module" | "provider";
  host: string;
  namespace: string;
  registryName: string;
  provider?: string;
  versions: string[];
  latest?: string;
  /** Required inputs of the module (issue 15), written into the snippet as placeholders. */
  requiredInputs?: { name: string; type?: string }[];
}

/** Valid HCL, one argument per line, for the chosen version; plus how to log in. */
export function usageHcl({ kind, host, namespace, registryName, provider, requiredInputs }: Omit<UsageProps, "versions" | "latest">, version: string): string | undefined {
  if (kind === "module") {
    if (!provider) return undefined;
    const width = Math.max(7, ...(requiredInputs ?? []).map((i) => i.name.length));
    const inputs = (requiredInputs ?? []).map((i) => `  ${i.name.padEnd(width)} = null # required, ${(i.type ?? "any").replace(/\s+/g, " ")}\n`).join("");
    const pad = (k: string) => k.padEnd(width);
    return `module "${registryName}" {\n  ${pad("source")} = "${host}/${namespace}/${registryName}/${provider}"\n  ${pad("version")} = "${version}"\n${inputs ? `\n${inputs}` : ""}}\n`;
  }
  return `terraform {\n  required_providers {\n    ${registryName} = {\n      source  = "${host}/${namespace}/${registryName}"\n      version = "${version}"\n    }\n  }\n}\n`;
}

export function UsageSnippet(props: UsageProps) {
  const [version, setVersion] = useState(props.latest ?? props.versions[0] ?? "");
  const hcl = usageHcl(props, version);
  const tokenVar = `TF_TOKEN_${props.host.replace(/[.:-]/g, "_")}`;
  return (
    <section aria-labelledby="usage-heading" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="usage-heading" className="text-lg font-semibold">
          Usage
        </h2>
        {props.versions.length > 0 ? (
          <label className="text-sm">
            Version{" "}
            <select value={version} onChange={(e) => setVersion(e.target.value)} className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900">
              {props.versions.map((v) => (
                <option key={v} value={v}>
                  {v}
                  {v === props.latest ? " (latest)" : ""}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {hcl ? (
        <div className="relative mt-3">
          <pre tabIndex={0} className="overflow-x-auto rounded bg-slate-100 p-3 font-mono text-sm dark:bg-slate-900" data-testid="usage-hcl">
            <code>{hcl}</code>
          </pre>
          <CopyButton value={hcl} what="usage snippet" className="absolute top-2 right-2 bg-white dark:bg-slate-950" />
        </div>
      ) : (
        <p className="mt-3 text-sm">This module declares no provider, so there is no registry source address to show.</p>
      )}
      <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">
        For private resources, log in first: <code className="font-mono">tofu login {props.host}</code> (or <code className="font-mono">terraform login</code>), or set{" "}
        <code className="font-mono">{tokenVar}</code> to a token.
      </p>
    </section>
  );
}
