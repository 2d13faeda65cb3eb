// The wrapper every browse route handler uses: resolve the Viewer, require a snapshot, run the
// query (or serve it from the result cache), map errors (docs/browse-api.md §4.2 order of checks).

import "server-only";
import type { Viewer } from "../auth/viewer";
import { onlyParams } from "../browse/params";
import type { BrowseState } from "../browse/state";
import { UnavailableError } from "../errors";
import { errorResponse, jsonTextResponse, stamped } from "./http";
import { metrics } from "./metrics";
import { getRuntime, type Runtime } from "./runtime";
import { authenticateRequest, viewerFor } from "./viewer";

export interface BrowseContext {
  readonly state: BrowseState;
  readonly viewer: Viewer;
  readonly runtime: Runtime;
  readonly query: URLSearchParams;
}

export interface BrowseOptions {
  /** The query parameters the endpoint reads: the only ones its cache key depends on. */
  readonly params: readonly string[];
  /** Whether a result may come from the result cache (docs/browse-api.md §4.1); `whoami` never does. Default true. */
  readonly cacheable?: boolean | ((state: BrowseState) => boolean);
  /** Members appended to the object per response, after the cached part (the graph's `generatedAt`). */
  readonly stamp?: () => Record<string, unknown>;
}

type Run = (ctx: BrowseContext) => unknown | Promise<unknown>;

/** `route` is the route template (e.g. `/opendepot/ui/v1/resources/{namespace}/{kind}/{name}`), for metrics. */
export async function handleBrowse(
  request: Request,
  route: string,
  run: Run,
  options: BrowseOptions,
): Promise<Response> {
  const runtime = getRuntime();
  const started = performance.now();
  const { response, cache } = await respond(runtime, request, run, options);
  const labels = { route, status: String(response.status) };
  metrics().requests.inc(labels);
  metrics().duration.observe(labels, (performance.now() - started) / 1000);
  if (cache) metrics().resultCache.inc({ route, result: cache });
  return response;
}

async function respond(
  runtime: Runtime,
  request: Request,
  run: Run,
  options: BrowseOptions,
): Promise<{ response: Response; cache?: "hit" | "miss" }> {
  try {
    // Order of checks (docs/browse-api.md §4.2): credential, then snapshot, then the query.
    const auth = await authenticateRequest(runtime, request);
    const state = runtime.state;
    if (!state) throw new UnavailableError();
    const viewer = viewerFor(runtime, auth, state.index);
    const url = new URL(request.url);
    const cacheable = typeof options.cacheable === "function" ? options.cacheable(state) : options.cacheable !== false;
    const key = cacheable
      ? runtime.results.key(state, viewer, url.pathname, onlyParams(url.searchParams, options.params), Date.now())
      : undefined;
    const hit = key !== undefined ? runtime.results.get(key) : undefined;
    if (hit !== undefined) return { response: jsonTextResponse(stamped(hit, options.stamp)), cache: "hit" };
    // Kept as UTF-8 bytes: a hit then skips encoding (most of the cost of an 800 KB graph).
    const body = Buffer.from(JSON.stringify(await run({ state, viewer, runtime, query: url.searchParams })));
    // Errors (thrown above) are never cached: a 400 is cheap and its message names the input.
    if (key !== undefined) runtime.results.set(key, body);
    return {
      response: jsonTextResponse(stamped(body, options.stamp)),
      ...(key !== undefined ? { cache: "miss" as const } : {}),
    };
  } catch (err) {
    return { response: errorResponse(err, runtime.logger) };
  }
}
