import { SCAN_FINDINGS_PARAMS, getScanFindings } from "@/lib/browse/scan-findings";
import { handleBrowse } from "@/lib/server/browse-route";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ namespace: string; kind: string; name: string }> };

export async function GET(request: Request, { params }: Params) {
  const path = await params;
  return handleBrowse(
    request,
    "/opendepot/ui/v1/resources/{namespace}/{kind}/{name}/scan-findings",
    ({ state, viewer, query }) => getScanFindings(state, viewer, path, query),
    {
      params: SCAN_FINDINGS_PARAMS,
    },
  );
}
