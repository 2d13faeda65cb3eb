import { RESOURCE_PARAMS, listResources } from "@/lib/browse/resources";
import { handleBrowse } from "@/lib/server/browse-route";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleBrowse(
    request,
    "/opendepot/ui/v1/resources",
    ({ state, viewer, query }) => listResources(state, viewer, query),
    {
      params: RESOURCE_PARAMS,
    },
  );
}
