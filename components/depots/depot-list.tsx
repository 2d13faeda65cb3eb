import type { GraphResponse } from "@/lib/browse/graph";
import { depotHref, plural, pollingText, resourceHref, storageText } from "./graph-text";

type Graph = Omit<GraphResponse, "generatedAt">;

/** The graph as text: every depot with links to its resources, then what no depot manages. */
export function DepotList({ graph }: { graph: Graph }) {
  const byId = new Map<string, { kind: "module" | "provider"; namespace: string; name: string }>([
    ...graph.modules.map((r) => [r.id, { kind: "module" as const, namespace: r.namespace, name: r.name }] as const),
    ...graph.providers.map((r) => [r.id, { kind: "provider" as const, namespace: r.namespace, name: r.name }] as const),
  ]);
  const targets = new Map<string, string[]>();
  for (const e of graph.edges) targets.set(e.source, [...(targets.get(e.source) ?? []), e.target]);
  const managed = new Set(graph.edges.map((e) => e.target));
  const unmanaged = [...byId.entries()].filter(([id]) => !managed.has(id));
  const link = (id: string) => {
    const r = byId.get(id)!;
    return (
      <a href={resourceHref(r.kind, r.namespace, r.name)} className="text-link underline">
        {r.namespace}/{r.name}
      </a>
    );
  };
  return (
    <div className="mt-4 space-y-4" data-testid="depot-list">
      {graph.depots.map((d) => {
        const ids = targets.get(d.id) ?? [];
        const polling = pollingText(d.pollingIntervalMinutes);
        return (
          <section key={d.id} aria-labelledby={`h-${d.id}`} className="rounded-lg border border-line p-4">
            <h2 id={`h-${d.id}`} className="font-semibold [overflow-wrap:anywhere]">
              Depot {d.namespace}/{d.name}
            </h2>
            <p className="text-sm text-muted">
              {storageText(d.storageBackend)}
              {polling ? ` · ${polling}` : ""} · {plural(ids.length, "resource")} ·{" "}
              <a href={`${depotHref(d.namespace, d.name)}&view=graph`} className="text-link underline">
                its resources in the graph
              </a>
            </p>
            <ul className="mt-2 list-disc pl-5 text-sm [overflow-wrap:anywhere]">
              {ids.length === 0 ? <li>Manages nothing you can see.</li> : null}
              {ids.map((t) => (
                <li key={t}>
                  {byId.get(t)!.kind === "module" ? "Module" : "Provider"} {link(t)}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {unmanaged.length > 0 ? (
        <section aria-labelledby="h-unmanaged" className="rounded-lg border border-line p-4">
          <h2 id="h-unmanaged" className="font-semibold">
            Not managed by a depot
          </h2>
          <ul className="mt-2 list-disc pl-5 text-sm [overflow-wrap:anywhere]">
            {unmanaged.map(([id]) => (
              <li key={id}>{link(id)}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
