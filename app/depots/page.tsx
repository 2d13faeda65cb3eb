import type { Metadata } from "next";
import Link from "next/link";
import { DepotFilters } from "@/components/depots/depot-filters";
import { DepotGraph } from "@/components/depots/depot-graph";
import { DepotList } from "@/components/depots/depot-list";
import { plural } from "@/components/depots/graph-text";
import { blockingState } from "@/app/_components/page-state";
import { depotsView, type DepotsView } from "@/lib/browse/depots-view";
import { visibleDepotNames } from "@/lib/browse/depots";
import { listNamespaces } from "@/lib/browse/namespaces";
import { BadRequestError } from "@/lib/errors";
import { pageContext } from "@/app/_server/page-context";
import { toSearchParams } from "@/lib/server/search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Depots" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

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
  const namespaces = listNamespaces(ctx.state, ctx.viewer, new URLSearchParams("include=visible")).items.map(
    (n) => n.name,
  );
  const depots = visibleDepotNames(ctx.state, ctx.viewer);
  // No `view`: the graph from 768 px up, the list (with a way to the graph) below.
  const raw = params.get("view");
  const mode = raw === "list" || raw === "graph" ? raw : "auto";
  const graph = view?.graph;
  const limit = params.get("limit");
  return (
    <main id="main" className="px-4 pt-4 md:px-6 md:pt-6">
      <h1 className="text-2xl font-semibold">Depots</h1>
      <DepotFilters namespaces={namespaces} depots={depots} />
      {invalid ? (
        <p role="alert" className="mt-4 rounded border border-red-500 p-3">
          {invalid}
        </p>
      ) : view && graph ? (
        <>
          <p className="mt-3 text-sm text-muted" data-testid="graph-summary">
            {graph.summary.totalDepots} depots, {graph.summary.totalModules} modules, {graph.summary.totalProviders}{" "}
            providers
          </p>
          {graph.truncated ? (
            <p role="status" className="mt-2 rounded border border-amber-500 bg-warning-soft p-3 text-sm text-warning">
              The graph is truncated:{" "}
              {graph.summary.totalDepots + graph.summary.totalModules + graph.summary.totalProviders} of{" "}
              {graph.summary.totalNodesInScope} nodes are shown. Filter by namespace or depot, or use the list view
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
          {mode !== "list" && view.layout.unmanaged > 0 ? (
            <p className="mt-1 text-sm text-muted" data-testid="unmanaged-note">
              {plural(view.layout.unmanaged, "resource")} managed by no depot{" "}
              {view.layout.unmanaged === 1 ? "is" : "are"} not drawn:{" "}
              <Link href={withParam(params, "view", "list")} className="underline">
                see the list
              </Link>
              .
            </p>
          ) : null}
          {mode === "list" ? <DepotList graph={graph} /> : null}
          {mode === "graph" ? <DepotGraph layout={view.layout} /> : null}
          {mode === "auto" ? (
            <>
              <div className="md:hidden">
                <p className="mt-3 text-sm">
                  <Link href={withParam(params, "view", "graph")} className="font-medium text-link underline">
                    Open the graph
                  </Link>{" "}
                  (pan and pinch to move around; tap a node for its details)
                </p>
                <DepotList graph={graph} />
              </div>
              <div className="hidden md:block">
                <DepotGraph layout={view.layout} auto />
              </div>
            </>
          ) : null}
        </>
      ) : null}
    </main>
  );
}
