import { depotGraphBody, GRAPH_PARAMS, isoSeconds } from "@/lib/browse/graph";
import { handleBrowse } from "@/lib/server/browse-route";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  // `generatedAt` is the response time (docs/browse-api.md §6.7), so it is added to each response, cached or not.
  return handleBrowse(
    request,
    "/opendepot/ui/v1/depots/graph",
    ({ state, viewer, query }) => depotGraphBody(state, viewer, query),
    {
      params: GRAPH_PARAMS,
      stamp: () => ({ generatedAt: isoSeconds(Date.now()) }),
    },
  );
}
