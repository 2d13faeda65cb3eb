import { getResourceDetail } from "@/lib/browse/detail";
import { handleBrowse } from "@/lib/server/browse-route";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ namespace: string; kind: string; name: string }> };

export async function GET(request: Request, { params }: Params) {
  const path = await params;
  return handleBrowse(
    request,
    "/opendepot/ui/v1/resources/{namespace}/{kind}/{name}",
    ({ state, viewer }) => getResourceDetail(state, viewer, path),
    {
      params: [],
      // The Valkey download trend changes by the minute; everything else is fixed per snapshot.
      cacheable: (state) => state.readDownloadTrend === undefined,
    },
  );
}
