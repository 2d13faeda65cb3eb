import { getModuleInterface, INTERFACE_PARAMS } from "@/lib/browse/interface";
import { handleBrowse } from "@/lib/server/browse-route";
import { interfaceService } from "@/lib/server/interfaces";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ namespace: string; kind: string; name: string }> };

// Not in the result cache: the interface service caches per archive (after the gate), and an
// `unavailable` answer must not outlive its short retry time.
export async function GET(request: Request, { params }: Params) {
  const path = await params;
  return handleBrowse(
    request,
    "/opendepot/ui/v1/resources/{namespace}/{kind}/{name}/interface",
    ({ state, viewer, query, runtime }) => getModuleInterface(state, viewer, path, query, interfaceService(runtime)),
    { params: INTERFACE_PARAMS, cacheable: false },
  );
}
