import { VERSION_PARAMS, listVersions } from "@/lib/browse/versions";
import { handleBrowse } from "@/lib/server/browse-route";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ namespace: string; kind: string; name: string }> };

export async function GET(request: Request, { params }: Params) {
  const path = await params;
  return handleBrowse(
    request,
    "/opendepot/ui/v1/resources/{namespace}/{kind}/{name}/versions",
    ({ state, viewer, query }) => listVersions(state, viewer, path, query),
    {
      params: VERSION_PARAMS,
    },
  );
}
