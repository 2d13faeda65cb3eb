import { getInterfaceDiff, INTERFACE_DIFF_PARAMS } from "@/lib/browse/interface";
import { handleBrowse } from "@/lib/server/browse-route";
import { interfaceService } from "@/lib/server/interfaces";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ namespace: string; kind: string; name: string }> };

// Not in the result cache, for the same reason as the interface route.
export async function GET(request: Request, { params }: Params) {
  const path = await params;
  return handleBrowse(
    request,
    "/opendepot/ui/v1/resources/{namespace}/{kind}/{name}/interface/diff",
    ({ state, viewer, query, runtime }) => getInterfaceDiff(state, viewer, path, query, interfaceService(runtime)),
    { params: INTERFACE_DIFF_PARAMS, cacheable: false },
  );
}
