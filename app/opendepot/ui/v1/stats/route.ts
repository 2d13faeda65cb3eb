import { STATS_PARAMS, getStats } from "@/lib/browse/stats";
import { handleBrowse } from "@/lib/server/browse-route";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleBrowse(request, "/opendepot/ui/v1/stats", ({ state, viewer, query }) => getStats(state, viewer, query), {
    params: STATS_PARAMS,
  });
}
