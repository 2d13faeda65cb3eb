import { getDepotGraph } from "@/lib/browse/graph";
import { handleBrowse } from "@/lib/server/browse-route";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleBrowse(request, "/opendepot/ui/v1/depots/graph", ({ state, viewer, query }) => getDepotGraph(state, viewer, query));
}
