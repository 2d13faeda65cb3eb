// What the Depots page draws: the graph (one query for the whole graph, docs/ui.md "Depots") and
// its layout (graph-layout.ts), cached together per (snapshot, Viewer class, query): the layout is
// cheap (~10 ms at 2,000 nodes) but the page should not rebuild 2,000 node objects per view.

import type { Viewer } from "../auth/viewer";
import { depotGraphBody, GRAPH_PARAMS, type GraphResponse } from "./graph";
import { lenientInt, onlyParams } from "./params";
import { layoutGraph, type GraphLayout } from "./graph-layout";
import type { ResultCache } from "./result-cache";
import type { BrowseState } from "./state";

/** The page's node budget when the URL sets none (the truncation notice offers 2,000): it bounds the HTML. */
export const PAGE_GRAPH_LIMIT = 300;
/** The most the page offers ("show up to 2,000 nodes"); the API alone goes further. */
export const PAGE_GRAPH_MAX = 2000;

export interface DepotsView {
  readonly graph: Omit<GraphResponse, "generatedAt">;
  readonly layout: GraphLayout;
}

export function depotsView(
  cache: ResultCache<DepotsView>,
  state: BrowseState,
  viewer: Viewer,
  params: URLSearchParams,
  now = Date.now(),
): DepotsView {
  // Only what the graph reads, with the limit clamped to what the page offers: other parameters
  // (the view, junk) must neither make new entries nor let a URL ask for a bigger layout.
  const query = onlyParams(params, GRAPH_PARAMS);
  query.set("limit", String(lenientInt(query, "limit", PAGE_GRAPH_LIMIT, PAGE_GRAPH_MAX)));
  const key = cache.key(state, viewer, "/depots", query, now);
  const hit = cache.get(key);
  if (hit) return hit;
  const graph = depotGraphBody(state, viewer, query);
  const view = { graph, layout: layoutGraph(graph) };
  cache.set(key, view);
  return view;
}
