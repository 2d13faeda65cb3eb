import { NAMESPACE_PARAMS, listNamespaces } from "@/lib/browse/namespaces";
import { handleBrowse } from "@/lib/server/browse-route";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleBrowse(
    request,
    "/opendepot/ui/v1/namespaces",
    ({ state, viewer, query }) => listNamespaces(state, viewer, query),
    {
      params: NAMESPACE_PARAMS,
    },
  );
}
