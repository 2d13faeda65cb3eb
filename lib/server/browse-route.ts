// The wrapper every browse route handler uses: resolve the Viewer, require a snapshot, run the
// query, map errors (browse-api.md §4.2 order of checks).

import type { Viewer } from "../auth/viewer";
import type { BrowseState } from "../browse/state";
import { UnavailableError } from "../errors";
import { errorResponse, jsonResponse } from "./http";
import { metrics } from "./metrics";
import { getRuntime, type Runtime } from "./runtime";
import { authenticateRequest, viewerFor } from "./viewer";

export interface BrowseContext {
  readonly state: BrowseState;
  readonly viewer: Viewer;
  readonly runtime: Runtime;
  readonly query: URLSearchParams;
}

/** `route` is the route template (e.g. `/opendepot/ui/v1/resources/{namespace}/{kind}/{name}`), for metrics. */
export async function handleBrowse(request: Request, route: string, run: (ctx: BrowseContext) => unknown | Promise<unknown>): Promise<Response> {
  const runtime = getRuntime();
  const started = performance.now();
  const response = await respond(runtime, request, run);
  const labels = { route, status: String(response.status) };
  metrics().requests.inc(labels);
  metrics().duration.observe(labels, (performance.now() - started) / 1000);
  return response;
}

async function respond(runtime: Runtime, request: Request, run: (ctx: BrowseContext) => unknown | Promise<unknown>): Promise<Response> {
  try {
    // Order of checks (browse-api.md §4.2): credential, then snapshot, then the query.
    const auth = await authenticateRequest(runtime, request);
    const state = runtime.state;
    if (!state) throw new UnavailableError();
    const viewer = viewerFor(runtime, auth, state.index);
    const body = await run({ state, viewer, runtime, query: new URL(request.url).searchParams });
    return jsonResponse(body);
  } catch (err) {
    return errorResponse(err, runtime.logger);
  }
}
