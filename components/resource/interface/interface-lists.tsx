// The Inputs, Outputs, Resources and Requirements panels: plain data in, server-rendered lists out.

import type { Input, Interface, Output } from "@/lib/interface/types";

const mono = "font-mono text-sm break-words [overflow-wrap:anywhere]";

export function SensitiveMark() {
  return (
    <span className="ml-2 inline-flex rounded bg-warning-soft px-1.5 py-0.5 text-xs font-medium text-warning">
      sensitive
    </span>
  );
}

function InputItem({ input }: { input: Input }) {
  return (
    <li className="border-t border-line py-3 first:border-t-0" data-testid="input-item">
      <p>
        <code className={`${mono} font-semibold`}>{input.name}</code>
        {input.sensitive ? <SensitiveMark /> : null}
        {!input.nullable ? <span className="ml-2 text-xs text-muted">not nullable</span> : null}
      </p>
      <p className="mt-1 text-sm">
        <span className="text-muted">Type: </span>
        <code className={mono}>{input.type ?? "any"}</code>
      </p>
      {Object.hasOwn(input, "default") ? (
        <p className="mt-1 text-sm">
          <span className="text-muted">Default: </span>
          <code className={mono}>{JSON.stringify(input.default)}</code>
        </p>
      ) : null}
      {input.description ? <p className="mt-1 text-sm whitespace-pre-line">{input.description}</p> : null}
    </li>
  );
}

export function InputsList({ inputs, idPrefix = "inputs" }: { inputs: readonly Input[]; idPrefix?: string }) {
  if (inputs.length === 0) return <p className="text-sm">This module declares no inputs.</p>;
  const required = inputs.filter((i) => i.required);
  const optional = inputs.filter((i) => !i.required);
  return (
    <div className="space-y-4">
      {[["Required", required] as const, ["Optional", optional] as const].map(([label, list]) =>
        list.length > 0 ? (
          <section key={label} aria-labelledby={`${idPrefix}-${label}`}>
            <h3 id={`${idPrefix}-${label}`} className="font-semibold">
              {label} inputs ({list.length})
            </h3>
            <ul>
              {list.map((i) => (
                <InputItem key={i.name} input={i} />
              ))}
            </ul>
          </section>
        ) : null,
      )}
    </div>
  );
}

export function OutputsList({ outputs }: { outputs: readonly Output[] }) {
  if (outputs.length === 0) return <p className="text-sm">This module declares no outputs.</p>;
  return (
    <ul>
      {outputs.map((o) => (
        <li key={o.name} className="border-t border-line py-3 first:border-t-0" data-testid="output-item">
          <code className={`${mono} font-semibold`}>{o.name}</code>
          {o.sensitive ? <SensitiveMark /> : null}
          {o.description ? <p className="mt-1 text-sm whitespace-pre-line">{o.description}</p> : null}
        </li>
      ))}
    </ul>
  );
}

export function ResourcesList({ iface }: { iface: Interface }) {
  if (iface.resources.length === 0) return <p className="text-sm">This module declares no resources.</p>;
  return (
    <ul className="divide-y divide-line">
      {iface.resources.map((r) => (
        <li key={`${r.mode}.${r.type}.${r.name}`} className="py-2 text-sm" data-testid="resource-item">
          <code className={mono}>
            {r.mode === "data" ? "data." : ""}
            {r.type}.{r.name}
          </code>
          {r.mode === "data" ? <span className="ml-2 text-xs text-muted">data source</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function RequirementsList({ iface }: { iface: Interface }) {
  return (
    <div className="space-y-4 text-sm">
      <section aria-labelledby="req-core">
        <h3 id="req-core" className="font-semibold">
          Terraform / OpenTofu
        </h3>
        {iface.requiredCore.length > 0 ? (
          <p className={mono}>{iface.requiredCore.join(", ")}</p>
        ) : (
          <p>No version constraint.</p>
        )}
      </section>
      <section aria-labelledby="req-providers">
        <h3 id="req-providers" className="font-semibold">
          Providers ({iface.requiredProviders.length})
        </h3>
        {iface.requiredProviders.length > 0 ? (
          <ul className="divide-y divide-line">
            {iface.requiredProviders.map((p) => (
              <li key={p.name} className="py-2" data-testid="provider-item">
                <code className={`${mono} font-semibold`}>{p.name}</code>
                {p.source ? <span className={`${mono} ml-2`}>{p.source}</span> : null}
                {p.versionConstraints ? (
                  <span className={`${mono} ml-2 text-muted`}>{p.versionConstraints}</span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>No required providers.</p>
        )}
      </section>
      {iface.moduleCalls.length > 0 ? (
        <section aria-labelledby="req-modules">
          <h3 id="req-modules" className="font-semibold">
            Modules it calls ({iface.moduleCalls.length})
          </h3>
          <ul className="divide-y divide-line">
            {iface.moduleCalls.map((m) => (
              <li key={m.name} className="py-2">
                <code className={`${mono} font-semibold`}>{m.name}</code> <span className={mono}>{m.source}</span>
                {m.version ? <span className={`${mono} ml-2 text-muted`}>{m.version}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
