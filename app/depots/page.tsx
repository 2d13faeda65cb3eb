import type { Metadata } from "next";
import Link from "next/link";
import { DepotFilters } from "@/components/depots/depot-filters";
import { DepotGraph } from "@/components/depots/depot-graph";
import { blockingState } from "@/components/layout/page-state";
import { depotsView, type DepotsView } from "@/lib/browse/depots-view";
import { visibleDepotNames } from "@/lib/browse/depots";
import { listNamespaces } from "@/lib/browse/namespaces";
import { BadRequestError } from "@/lib/errors";
import { pageContext } from "@/lib/server/page-context";
import { toSearchParams } from "@/lib/server/search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Depots" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function GraphList({ graph }: { graph: DepotsView["graph"] }) {
  const byId = new Map([...graph.modules, ...graph.providers].map((r) => [r.id, r]));
  const managed = new Set(graph.edges.map((e) => e.target));
  const unmanaged = [...graph.modules, ...graph.providers].filter((r) => !managed.has(r.id));
  const link = (id: string) => {
    const r = byId.get(id)!;
    const kind = id.split("/")[0];
    return (
      <Link href={`/${encodeURIComponent(r.namespace)}/${kind}/${encodeURIComponent(r.name)}`} className="text-blue-700 underline dark:text-blue-300">
        {r.namespace}/{r.name}
      </Link>
    );
  };
  return (
    <div className="mt-4 space-y-4" data-testid="depot-list">
      {graph.depots.map((d) => {
        const targets = graph.edges.filter((e) => e.source === d.id).map((e) => e.target);
        return (
          <section key={d.id} aria-labelledby={`h-${d.id}`} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
            <h2 id={`h-${d.id}`} className="font-semibold">
              Depot {d.namespace}/{d.name}
            </h2>
            <p className="text-sm text-slate-700 dark:text-slate-300">
              Storage: {d.storageBackend ?? "none"}
              {d.pollingIntervalMinutes !== undefined ? ` · polls every ${d.pollingIntervalMinutes} min` : ""}
            </p>
            <ul className="mt-2 list-disc pl-5 text-sm">
              {targets.length === 0 ? <li>Manages nothing you can see.</li> : null}
              {targets.map((t) => (
                <li key={t}>
                  {t.startsWith("module/") ? "Module" : "Provider"} {link(t)}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {unmanaged.length > 0 ? (
        <section aria-labelledby="h-unmanaged" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 id="h-unmanaged" className="font-semibold">
            Not managed by a depot
          </h2>
          <ul className="mt-2 list-disc pl-5 text-sm">
            {unmanaged.map((r) => (
              <li key={r.id}>{link(r.id)}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function withParam(params: URLSearchParams, name: string, value: string): string {
  const next = new URLSearchParams(params);
  next.set(name, value);
  return `/depots?${next.toString()}`;
}

/** Without `limit` in the URL the page asks for depots-view PAGE_GRAPH_LIMIT nodes (the API's default is 2,000). */
export default async function DepotsPage({ searchParams }: Props) {
  const ctx = await pageContext();
  const params = toSearchParams(await searchParams);
  const blocked = blockingState(ctx, "Depots");
  if (blocked || !ctx.state || !ctx.viewer) return blocked;
  let view: DepotsView | undefined;
  let invalid: string | undefined;
  try {
    view = depotsView(ctx.runtime.depotViews, ctx.state, ctx.viewer, params);
  } catch (err) {
    if (!(err instanceof BadRequestError)) throw err;
    invalid = err.message;
  }
  const namespaces = listNamespaces(ctx.state, ctx.viewer, new URLSearchParams("include=visible")).items.map((n) => n.name);
  const depots = visibleDepotNames(ctx.state, ctx.viewer);
  const mode = params.get("view") === "list" ? "list" : "graph";
  const graph = view?.graph;
  const limit = params.get("limit");
  return (
    <main id="main" className="mx-auto max-w-7xl p-4 md:p-6">
      <h1 className="text-2xl font-semibold">Depots</h1>
      <DepotFilters namespaces={namespaces} depots={depots} />
      {invalid ? (
        <p role="alert" className="mt-4 rounded border border-red-500 p-3">
          {invalid}
        </p>
      ) : view && graph ? (
        <>
          <p className="mt-3 text-sm text-slate-700 dark:text-slate-300" data-testid="graph-summary">
            {graph.summary.totalDepots} depots, {graph.summary.totalModules} modules, {graph.summary.totalProviders} providers
          </p>
          {graph.truncated ? (
            <p role="status" className="mt-2 rounded border border-amber-500 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-50">
              The graph is truncated: {graph.summary.totalDepots + graph.summary.totalModules + graph.summary.totalProviders} of {graph.summary.totalNodesInScope} nodes are shown. Filter by namespace or depot, or use the list view
              {limit === null ? (
                <>
                  , or{" "}
                  <Link href={withParam(params, "limit", "2000")} className="underline">
                    show up to 2,000 nodes
                  </Link>
                </>
              ) : null}
              .
            </p>
          ) : null}
          {mode === "list" ? <GraphList graph={graph} /> : <DepotGraph layout={view.layout} />}
        </>
      ) : null}
    </main>
  );
}
