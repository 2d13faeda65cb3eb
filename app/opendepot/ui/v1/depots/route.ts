import { DEPOT_PARAMS, listDepots } from "@/lib/browse/depots";
import { handleBrowse } from "@/lib/server/browse-route";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleBrowse(
    request,
    "/opendepot/ui/v1/depots",
    ({ state, viewer, query }) => listDepots(state, viewer, query),
    { params: DEPOT_PARAMS },
  );
}
