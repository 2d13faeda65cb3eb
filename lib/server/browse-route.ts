// The wrapper every browse route handler uses: resolve the Viewer, require a snapshot, run the
// query, map errors (browse-api.md §4.2 order of checks).

import type { Viewer } from "../auth/viewer";
import type { BrowseState } from "../browse/state";
import { UnavailableError } from "../errors";
import { errorResponse, jsonResponse } from "./http";
import { getRuntime, type Runtime } from "./runtime";
import { authenticateRequest, viewerFor } from "./viewer";

export interface BrowseContext {
  readonly state: BrowseState;
  readonly viewer: Viewer;
  readonly runtime: Runtime;
  readonly query: URLSearchParams;
}

export async function handleBrowse(request: Request, run: (ctx: BrowseContext) => unknown | Promise<unknown>): Promise<Response> {
  const runtime = getRuntime();
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
